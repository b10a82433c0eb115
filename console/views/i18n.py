"""UI language: source strings are Simplified Chinese; English comes from ``console_en.qm``.

``install_translator(app, "en")`` loads ``resources/i18n/console_en.qm`` into the application;
``zh_CN`` (the default) needs no catalogue but ``console_zh_CN.qm`` is loaded when present so
plural forms resolve. The chosen language is kept in QSettings under ``ui/language`` and takes
effect at the next start (views read their strings when they are built).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from console.qtmodels import labels

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []  # keep a reference: Qt does not own installed translators


def qm_path(language: str) -> Path:
    return I18N_DIR / f"console_{language}.qm"


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
    path = qm_path(language)
    if not path.is_file():
        return None
    tr = QTranslator(app)
    if not tr.load(str(path)):
        return None
    app.installTranslator(tr)
    _installed.append(tr)
    return tr
