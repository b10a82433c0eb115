"""Screenshot of the login dialog as the officer sees it: docs/screenshots/login.png.

Run under Xvfb: ``xvfb-run -a -s "-screen 0 1920x1080x24" python tools/login_screenshot.py docs/screenshots/login.png``
(a throw-away SQLite database with one account is made next to the output file and removed)."""
import sys
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from console.domain.roles import Role
from console.services.accounts import AccountService
from console.store import open_store
from console.views import theme
from console.views.login_dialog import LoginDialog

out = Path(sys.argv[1])
app = QApplication(sys.argv[:1])
theme.apply_theme(app)
store = open_store(f"sqlite:///{out.parent / 'room-shot.db'}")
service = AccountService(store, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
if store.accounts.get("zhangsan") is None:
    service.add("zhangsan", "张三", Role.OFFICER, "correct-horse")
dlg = LoginDialog(service.authenticate, seat="席位2（seat-2）", login="zhangsan",
                  room="postgresql+psycopg://room@10.1.2.3/grid")
dlg.show()


def shoot_wrong():
    dlg.password_edit.setText("wrong-one")
    dlg.try_login()
    QTimer.singleShot(300, shoot)


def shoot():
    screen = QGuiApplication.primaryScreen()
    g = dlg.frameGeometry()
    screen.grabWindow(0, g.x(), g.y(), g.width(), g.height()).save(str(out))
    app.quit()


QTimer.singleShot(800, shoot_wrong)
app.exec()
store.close()
for suffix in ("", "-wal", "-shm"):
    Path(f"{out.parent / 'room-shot.db'}{suffix}").unlink(missing_ok=True)
