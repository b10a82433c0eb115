#!/usr/bin/python3
"""The officer's screen run: the real console under Xvfb + openbox, driven with real X key presses
and clicks (xdotool), a screenshot of the whole screen after each step (ImageMagick ``import``).

    python3 tools/screen_run.py [--out docs/screenshots] [--python .venv/bin/python]

Run with Debian's python3 (``make screenshots`` does): it finds widgets to click through the
accessibility tree (AT-SPI, ``python3-pyatspi``) the way a person finds them by eye, so a moved
dock or button is still found; keys go through X exactly as typed on a keyboard. Needs the Debian
packages xvfb openbox xdotool x11-utils imagemagick dbus at-spi2-core python3-pyatspi (the
Makefile's sysdeps target installs them). The console runs on a fresh temporary HOME and
GRID_CONSOLE_DATA_DIR; tools/screen_seed.py first stores one closed event to reopen from history.

Steps and files (docs/screenshots/):
  officer_01_startup.png          the console after start-up, the demo feed filling the queue
  officer_02_n.png                N: the dispatch panel (研判派遣) on the newest event
  officer_03_a.png                A: the suggestion accepted (targets ticked, instruction filled)
  officer_04_enter.png            Enter: dispatched, the panel closed, the outcome in the window
  officer_05_esc.png              N, then Esc: the panel closed again
  officer_06_history_reopen.png   历史查询: the closed event found, opened, 重新打开 (Ctrl+Shift+O) asked
  officer_06b_reopened.png        the reason confirmed: the event is open again
  officer_07_english.png          the console started with --lang en, N, A: the panel in English

Any window or widget that never appears stops the run with a message naming the step and a
non-zero exit code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCREEN = "1920x1080x24"
CLOSED_TITLE = "井盖缺失（已结案）"  # stored by tools/screen_seed.py
REOPEN_REASON = "市民再次来电：井盖又被盗，需重新处置"
# window titles (regular expressions for xdotool search --name), Chinese and English
MAIN_TITLE = "^(网格治理指挥台|Grid Governance Command Console) — "
DISPATCH_TITLE = "^(研判派遣|Triage & dispatch)( ·|$)"  # "研判派遣" or "研判派遣 · <event title>"
REOPEN_TITLE = "^(重新打开|Reopen)( ·|$)"
HISTORY_TAB = ("历史查询", "History search")


class StepFailed(Exception):
    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"step {step!r}: {message}")
        self.step = step


def say(text: str) -> None:
    sys.stdout.write(f"[screen-run {time.strftime('%H:%M:%S')}] {text}\n")
    sys.stdout.flush()


# ---- the X display, the window manager and the accessibility bus ------------------------------------
class Desk:
    """Xvfb with openbox on it, an AT-SPI bus, and helpers to press keys, click and take shots."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.procs: list[subprocess.Popen] = []
        self.display = ""

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=self._log("xvfb"))
        self.procs.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            raise StepFailed("display", "Xvfb did not start (see xvfb.log)")
        self.display = f":{number}"
        os.environ["DISPLAY"] = self.display
        say(f"Xvfb on {self.display} ({SCREEN})")
        self.procs.append(subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL,
                                           stderr=self._log("openbox")))
        wm_check = ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"]
        self._until("openbox", lambda: b"window id" in self._out(wm_check), 20)
        say("openbox manages the display")
        # the accessibility bus must exist before the console starts, or Qt does not register on it
        self.procs.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                           stdout=subprocess.DEVNULL, stderr=self._log("at-spi")))
        import pyatspi

        self._until("accessibility bus", lambda: pyatspi.Registry.getDesktop(0) is not None, 20)

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()

    def _log(self, name: str):
        return open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 (the child keeps it)

    @staticmethod
    def _out(cmd: list[str]) -> bytes:
        return subprocess.run(cmd, capture_output=True, timeout=30).stdout

    @staticmethod
    def _until(step: str, check: Callable[[], object], timeout: float, what: str = "") -> object:
        deadline = time.monotonic() + timeout
        while True:
            try:
                got = check()
            except Exception:  # not there yet (a window or an accessible object going away)
                got = None
            if got:
                return got
            if time.monotonic() > deadline:
                raise StepFailed(step, f"{what or step} did not appear within {timeout:.0f} s")
            time.sleep(0.25)

    # ---- windows --------------------------------------------------------------------------------------
    def wait_window(self, step: str, pid: int, title: str, timeout: float = 30,
                    alive: Callable[[], bool] | None = None) -> str:
        """The id of the visible window of ``pid`` whose title matches ``title`` (a regular expression),
        as ``xdotool search --sync`` finds it; gives up when ``alive()`` turns false."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                out = subprocess.run(["xdotool", "search", "--all", "--sync", "--onlyvisible",
                                      "--pid", str(pid), "--name", title], capture_output=True, timeout=1.0).stdout
            except subprocess.TimeoutExpired:
                out = b""
            if out.strip():
                return out.split()[0].decode()
            if alive is not None and not alive():
                raise StepFailed(step, f"the console exited before a window titled {title!r} appeared")
            if time.monotonic() > deadline:
                raise StepFailed(step, f"no window titled {title!r} appeared within {timeout:.0f} s")

    def visible(self, pid: int, title: str) -> bool:
        out = subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(pid),
                              "--name", title], capture_output=True, timeout=30)
        return bool(out.stdout.strip())

    def wait_gone(self, step: str, pid: int, title: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.visible(pid, title):
            if time.monotonic() > deadline:
                raise StepFailed(step, f"the window titled {title!r} is still open after {timeout:.0f} s")
            time.sleep(0.2)

    def activate(self, wid: str) -> None:
        """Bring the window to the front and give it the keyboard (a click on its title bar)."""
        subprocess.run(["xdotool", "windowactivate", "--sync", wid], capture_output=True, timeout=10)

    def focus(self, wid: str) -> None:
        """Make sure the keys go to this window (activate it when another one has the keyboard)."""
        if self.active_window() != wid:
            self.activate(wid)

    def active_window(self) -> str:
        return self._out(["xdotool", "getactivewindow"]).decode().strip()

    # ---- keyboard and mouse ---------------------------------------------------------------------------
    def key(self, *keys: str) -> None:
        say(f"  key {' '.join(keys)}")
        subprocess.run(["xdotool", "key", "--delay", "120", *keys], check=True, timeout=30)
        time.sleep(0.3)

    def type(self, text: str) -> None:
        say(f"  type {text!r}")
        subprocess.run(["xdotool", "type", "--delay", "60", text], check=True, timeout=60)
        time.sleep(0.3)

    def click(self, x: int, y: int, *, double: bool = False) -> None:
        say(f"  {'double-' if double else ''}click at {x},{y}")
        repeat = ["--repeat", "2", "--delay", "120"] if double else []
        subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", *repeat, "1"],
                       check=True, timeout=10)
        time.sleep(0.3)

    def park_pointer(self) -> None:
        """Move the pointer to the top-right of the screen (the frame's title bar), where no tooltip shows."""
        subprocess.run(["xdotool", "mousemove", "1500", "3"], timeout=10)

    def failure_shot(self, directory: Path, step: str) -> None:
        """The screen as it was when a step gave up, next to the logs."""
        try:
            self.shot(directory / f"failed-{step.split()[0]}.png")
        except (OSError, subprocess.SubprocessError):
            pass

    def shot(self, path: Path) -> None:
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=60)
        say(f"  saved {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


# ---- finding widgets as a person finds them by eye (AT-SPI) -----------------------------------------
def _app(pid: int):
    import pyatspi

    desk = pyatspi.Registry.getDesktop(0)
    for i in range(desk.childCount):
        app = desk.getChildAtIndex(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def find(root, match: Callable[[str, str], bool], *, skip_roles=("table", "tree", "tree table", "list")):
    """The first showing accessible under ``root`` whose (role, name) matches, breadth first.
    Tables, trees and lists are not entered (thousands of cells) unless ``skip_roles`` allows."""
    import pyatspi

    queue = [root]
    while queue:
        acc = queue.pop(0)
        if acc is None:
            continue
        try:
            role, name = acc.getRoleName(), acc.name or ""
            showing = acc.getState().contains(pyatspi.STATE_SHOWING)
        except Exception:
            continue
        if acc is not root and not showing:
            continue
        if acc is not root and match(role, name):
            return acc
        if role in skip_roles and acc is not root:
            continue
        queue.extend(acc.getChildAtIndex(i) for i in range(acc.childCount))
    return None


def text_of(acc) -> str:
    try:
        text = acc.queryText()
        return text.getText(0, -1) or ""
    except Exception:  # not a text object
        return acc.name or ""


def centre(acc) -> tuple[int, int]:
    import pyatspi

    ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    if ext.width <= 0 or ext.height <= 0:
        raise ValueError("not on screen")
    return ext.x + ext.width // 2, ext.y + ext.height // 2


# ---- the console ----------------------------------------------------------------------------------------
class Console:
    def __init__(self, desk: Desk, python: str, home: Path, data: Path, args: list[str], log: Path) -> None:
        env = dict(os.environ, HOME=str(home), GRID_CONSOLE_DATA_DIR=str(data), QT_QPA_PLATFORM="xcb",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        env.pop("XDG_CONFIG_HOME", None)
        env.pop("XDG_DATA_HOME", None)
        self.desk = desk
        self.log = log
        self.proc = subprocess.Popen([python, str(REPO / "main.py"), "run", *args], cwd=REPO, env=env,
                                     stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
        self.pid = self.proc.pid
        self.window = ""

    def wait_main(self, step: str, timeout: float = 60) -> str:
        self.window = self.desk.wait_window(step, self.pid, MAIN_TITLE, timeout,
                                            alive=lambda: self.proc.poll() is None)
        return self.window

    def check_alive(self, step: str) -> None:
        if self.proc.poll() is not None:
            raise StepFailed(step, f"the console exited with code {self.proc.returncode}")

    def focus_main(self) -> None:
        if self.desk.active_window() != self.window:
            self.desk.activate(self.window)

    def quit(self, step: str) -> None:
        """Alt+F4 on the main window (openbox closes it as a person would), then wait for the exit."""
        self.focus_main()
        self.desk.key("alt+F4")
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait(10)
            raise StepFailed(step, "the console did not exit within 30 s of closing its window") from None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def app(self, step: str):
        return Desk._until(step, lambda: _app(self.pid), 20, "the console on the accessibility bus")

    def find(self, step: str, what: str, match: Callable[[str, str], bool], root=None, timeout: float = 15,
             skip_roles=("table", "tree", "tree table", "list")):
        def look():
            acc = find(root if root is not None else self.app(step), match, skip_roles=skip_roles)
            if acc is not None:
                centre(acc)  # on screen
            return acc

        return Desk._until(step, look, timeout, what)


# ---- the run --------------------------------------------------------------------------------------------
def dispatch_steps(desk: Desk, con: Console, out: Path) -> None:
    """Steps 2–5: N, A, Enter; then N and Esc."""
    step = "2 N"
    con.focus_main()
    desk.key("n")
    panel = desk.wait_window(step, con.pid, DISPATCH_TITLE, 15)
    time.sleep(1.2)  # suggestions and duplicates fill in
    desk.shot(out / "officer_02_n.png")

    step = "3 A"
    desk.focus(panel)
    desk.key("a")
    time.sleep(0.8)
    if not desk.visible(con.pid, DISPATCH_TITLE):
        raise StepFailed(step, "the dispatch panel closed on A")
    desk.shot(out / "officer_03_a.png")

    step = "4 Enter"
    desk.focus(panel)
    desk.key("Return")
    desk.wait_gone(step, con.pid, DISPATCH_TITLE, 15)
    time.sleep(1.5)  # the row shows the new state, the outcome is reported
    desk.shot(out / "officer_04_enter.png")

    step = "5 N then Esc"
    con.focus_main()
    desk.key("n")
    panel = desk.wait_window(step, con.pid, DISPATCH_TITLE, 15)
    time.sleep(1.0)
    desk.focus(panel)
    desk.key("Escape")
    desk.wait_gone(step, con.pid, DISPATCH_TITLE, 5)
    time.sleep(0.8)
    desk.shot(out / "officer_05_esc.png")


def history_reopen_step(desk: Desk, con: Console, out: Path) -> None:
    """Step 6: 历史查询 tab, type the closed event's title, Enter, double-click its row, Ctrl+Shift+O,
    type the reason; then Tab to OK and Enter."""
    step = "6 history reopen"
    con.focus_main()
    tab = con.find(step, f"the {HISTORY_TAB[0]} tab", lambda r, n: r == "page tab" and n in HISTORY_TAB)
    desk.click(*centre(tab))
    dock = con.find(step, f"the {HISTORY_TAB[0]} dock", lambda r, n: r == "panel" and n in HISTORY_TAB)
    field = con.find(step, "the history search field", lambda r, n: r == "text", root=dock)
    desk.click(*centre(field))
    desk.type(CLOSED_TITLE)
    desk.key("Return")
    cell = con.find(step, f"the history row {CLOSED_TITLE!r}",
                    lambda r, n: r == "table cell" and n == CLOSED_TITLE, root=dock, skip_roles=())
    desk.click(*centre(cell), double=True)
    time.sleep(1.0)  # the detail and the action bar show the closed event
    desk.key("ctrl+shift+o")
    try:
        dialog = desk.wait_window(step, con.pid, REOPEN_TITLE, 10)
    except StepFailed as exc:
        raise StepFailed(step, f"{exc.args[0].split(': ', 1)[1]}; {reopen_button_state(con)}") from None
    desk.focus(dialog)
    box = con.find(step, "the reopen dialog",
                   lambda r, n: r == "dialog" and n.startswith(("重新打开", "Reopen")))
    reason = con.find(step, "the reason field", lambda r, n: r == "text", root=box)
    desk.click(*centre(reason))
    desk.type(REOPEN_REASON)
    typed = text_of(reason)
    if REOPEN_REASON not in typed:
        raise StepFailed(step, f"the reason did not reach the dialog's field (it holds {typed!r})")
    desk.park_pointer()
    time.sleep(0.5)
    desk.shot(out / "officer_06_history_reopen.png")
    desk.key("Tab", "Return")  # from the reason to OK
    desk.wait_gone(step, con.pid, REOPEN_TITLE, 10)
    time.sleep(1.5)
    desk.shot(out / "officer_06b_reopened.png")


def reopen_button_state(con: Console) -> str:
    """Why Ctrl+Shift+O did nothing, as the action bar shows it (for the failure message)."""
    import pyatspi

    try:
        button = find(con.app("6"), lambda r, n: r == "push button" and n in ("重新打开", "Reopen"))
        if button is None:
            return "no 重新打开 button is on screen"
        if button.getState().contains(pyatspi.STATE_ENABLED):
            return "the 重新打开 button is enabled, but its shortcut opened no dialog"
        return ("the action bar's 重新打开 button is disabled: the action bar does not show the closed event "
                "opened from 历史查询")
    except Exception as exc:  # the accessibility tree went away
        return f"the action bar could not be read ({exc})"


def english_step(desk: Desk, con: Console, out: Path, settle: float) -> None:
    """Step 7: the console started with --lang en; N and A show the panel in English."""
    step = "7 English"
    con.wait_main(step)
    desk.park_pointer()
    time.sleep(settle)
    con.check_alive(step)
    con.focus_main()
    desk.key("n")
    panel = desk.wait_window(step, con.pid, DISPATCH_TITLE, 15)
    time.sleep(1.0)
    desk.focus(panel)
    desk.key("a")
    time.sleep(0.8)
    desk.shot(out / "officer_07_english.png")
    desk.key("Escape")
    desk.wait_gone(step, con.pid, DISPATCH_TITLE, 5)


def officer_run(desk: Desk, python: str, tmp: Path, out: Path, settle: float) -> list[StepFailed]:
    """All steps; a failed step is reported and the run goes on where it can. Returns the failures."""
    failures: list[StepFailed] = []

    def failed(exc: StepFailed) -> None:
        say(f"FAILED {exc}")
        desk.failure_shot(tmp, exc.step)
        failures.append(exc)

    home, data = tmp / "home", tmp / "data"
    home.mkdir()
    say("seeding the store with a closed event (tools/screen_seed.py)")
    subprocess.run([python, str(REPO / "tools" / "screen_seed.py"), str(data)], check=True, cwd=REPO,
                   timeout=120)

    say("1 start-up: the console on the demo feed")
    con = Console(desk, python, home, data, [], tmp / "console-zh.log")
    try:
        con.wait_main("1 start-up")
        desk.park_pointer()
        time.sleep(settle)  # the demo feed fills the queue
        con.check_alive("1 start-up")
        desk.shot(out / "officer_01_startup.png")
        for run in (dispatch_steps, history_reopen_step):
            try:
                run(desk, con, out)
            except StepFailed as exc:
                failed(exc)
                for _ in range(2):  # close whatever dialog the step left open
                    if desk.active_window() != con.window:
                        desk.key("Escape")
            con.check_alive(run.__name__)
        con.quit("close the console")
    except StepFailed as exc:
        failed(exc)
        return failures
    finally:
        con.kill()

    say("7 English: the console with --lang en")
    home_en = tmp / "home-en"
    home_en.mkdir()
    con = Console(desk, python, home_en, data, ["--lang", "en"], tmp / "console-en.log")
    try:
        english_step(desk, con, out, max(4.0, settle / 2))
        con.quit("close the English console")
    except StepFailed as exc:
        failed(exc)
    finally:
        con.kill()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"),
                        help="the console's Python (the project's venv)")
    parser.add_argument("--settle", type=float, default=10.0,
                        help="seconds the demo feed runs before the first shot")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, data)")
    args = parser.parse_args()
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ or not os.environ.get("SCREEN_RUN_SESSION"):
        # a private session bus for the accessibility bus, ended with the run
        os.environ["SCREEN_RUN_SESSION"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable, *sys.argv])
    missing = [t for t in ("Xvfb", "openbox", "xdotool", "xprop", "import") if shutil.which(t) is None]
    if missing:
        say(f"missing programs: {' '.join(missing)} (make sysdeps installs them)")
        return 2
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="screen-run-"))
    desk = Desk(tmp)
    t0 = time.monotonic()
    try:
        desk.start()
        failures = officer_run(desk, args.python, tmp, out, args.settle)
    except StepFailed as exc:
        failures = [exc]
        say(f"FAILED {exc}")
    finally:
        desk.stop()
    say(f"done in {time.monotonic() - t0:.0f} s")
    if failures:
        for log in sorted(tmp.glob("console-*.log")):
            tail = [line for line in log.read_text(errors="replace").splitlines() if "websockets" not in line]
            say(f"last lines of {log.name}:\n    " + "\n    ".join(tail[-12:]))
        say("FAILED steps: " + "; ".join(str(f) for f in failures))
        say(f"logs and the screen at each failure (failed-*.png) kept in {tmp}")
        return 1
    if args.keep:
        say(f"logs and data in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
