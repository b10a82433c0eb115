"""UI language: source strings are Simplified Chinese; English comes from ``console_en.qm``.

``install_translator(app, "en")`` loads ``resources/i18n/console_en.qm`` into the application;
``zh_CN`` (the default) needs no catalogue but ``console_zh_CN.qm`` is loaded when present so
plural forms resolve. Qt's own catalogue for the language (``qt_zh_CN.qm`` from PySide6's
translations directory: the 确定/取消 of message boxes and button boxes, the context menus of
line edits) is loaded alongside, so a Chinese UI has no English buttons. The chosen language is
kept in QSettings under ``ui/language`` and takes effect at the next start (views read their
strings when they are built).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from console.qtmodels import labels

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []  # keep a reference: Qt does not own installed translators


def qm_path(language: str) -> Path:
    return I18N_DIR / f"console_{language}.qm"


def qt_translations_dir() -> str:
    """Where Qt's own catalogues (qt_*.qm, qtbase_*.qm) are shipped (PySide6's translations dir)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _install_qt_catalogue(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own strings (standard buttons, dialogs, editor menus) in ``language``, when shipped."""
    folder = qt_translations_dir()
    for name in (f"qt_{language}", f"qtbase_{language}"):  # qt_* pulls in qtbase_*, qtmultimedia_*
        tr = QTranslator(app)
        if tr.load(name, folder) and not tr.isEmpty():
            app.installTranslator(tr)
            _installed.append(tr)
            return tr
        tr.deleteLater()
    return None


def saved_language(settings: QSettings) -> str:
    value = settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return str(value) if str(value) in LANGUAGES else DEFAULT_LANGUAGE


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    settings.setValue(SETTINGS_KEY, language)
    settings.sync()


def remove_translator(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
    labels.set_language(DEFAULT_LANGUAGE)


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the catalogue for ``language`` (replacing a previous one); None when there is none."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    remove_translator(app)
    labels.set_language(language)
    _install_qt_catalogue(app, language)  # first: the console's own catalogue, installed last, wins
    path = qm_path(language)
    if not path.is_file():
        return None
    tr = QTranslator(app)
    if not tr.load(str(path)):
        return None
    app.installTranslator(tr)
    _installed.append(tr)
    return tr
