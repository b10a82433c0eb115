"""The console's keyboard map: single keys that work whatever has focus, except in text fields.

Every key is a ``QShortcut`` with ``WindowShortcut`` context made by :func:`add_key`, carrying its
description (``whatsThis``), so the F1 sheet is built from the shortcuts that really exist
(:func:`window_keys`) and cannot drift from them.

Why letters still type into text fields: before a shortcut fires Qt sends a ``ShortcutOverride``
to the focus widget, and text fields (``QLineEdit``, ``QPlainTextEdit``, ``QTextEdit``, spin boxes,
editable combo boxes) accept it for printable keys, so an ``N`` typed into the search box or an
``R`` typed into the reason field is a letter, not a command. ``Esc`` is not claimed by them:
:func:`leave_text_field` makes it leave the field first (a search box with text is cleared), so
a second ``Esc`` — or the letter keys — act on the window again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

translate = QCoreApplication.translate

# dynamic property on a QLineEdit: Esc clears its text (when there is any) before leaving it
ESCAPE_CLEARS = "escapeClears"


def text_field_of(widget: QWidget | None) -> QWidget | None:
    """The editable text field ``widget`` is (or is the line edit of), else None."""
    w = widget
    if isinstance(w, QLineEdit):
        owner = w.parentWidget()
        if isinstance(owner, QAbstractSpinBox | QComboBox):  # the line edit inside one of them
            w = owner
    if isinstance(w, QComboBox):
        return w if w.isEditable() else None
    if isinstance(w, QLineEdit | QAbstractSpinBox | QPlainTextEdit | QTextEdit):
        return None if w.isReadOnly() else w
    return None


def is_text_entry(widget: QWidget | None) -> bool:
    """True while the officer is typing into ``widget`` (letters belong to it, not to shortcuts)."""
    return text_field_of(widget) is not None


def add_key(
    parent: QWidget, keys: str | Sequence[str], slot: Callable[[], object], description: str
) -> QShortcut:
    """A window-wide shortcut on ``parent``'s window with its description for the F1 sheet."""
    sc = QShortcut(parent)
    sc.setKeys([QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)])
    sc.setContext(Qt.ShortcutContext.WindowShortcut)
    sc.setWhatsThis(description)
    sc.activated.connect(slot)
    return sc


def leave_text_field(window: QWidget, home: QWidget) -> bool:
    """``Esc`` while typing in ``window``: clear a search box that has text, then give the focus to
    ``home``. False (nothing done) when the focus is not in a text field."""
    field = text_field_of(window.focusWidget())
    if field is None:
        return False
    if isinstance(field, QLineEdit) and field.property(ESCAPE_CLEARS) and field.text():
        field.clear()
    home.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


def key_text(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


def _clean(text: str) -> str:
    return text.replace("&", "").rstrip("…").rstrip(".").strip()


def window_keys(window: QWidget) -> list[tuple[QWidget, str, str]]:
    """Every keyboard shortcut living under ``window`` (its own and its dialogs'), as
    (owning window, keys, description): the window's ``QShortcut``s (description: ``whatsThis``)
    and ``QAction``s with a shortcut (description: their text). Order of creation is kept."""
    rows: list[tuple[QWidget, str, str]] = []
    seen: set[tuple[int, str]] = set()

    def add(owner: QWidget, seqs: Iterable[QKeySequence], description: str) -> None:
        keys = " / ".join(key_text(s) for s in seqs if not s.isEmpty())
        if not keys or (id(owner), keys) in seen:
            return
        seen.add((id(owner), keys))
        rows.append((owner, keys, description))

    for obj in window.findChildren(QShortcut):
        owner = obj.parent()
        if isinstance(owner, QWidget) and obj.isEnabled():
            add(owner.window(), obj.keys(), obj.whatsThis())
    for act in window.findChildren(QAction):
        if act.shortcuts() and act.isVisible():  # a hidden action (a step the role may not take) has no key
            parent = act.parent()
            add(parent.window() if isinstance(parent, QWidget) else window, act.shortcuts(), _clean(act.text()))
    return rows
