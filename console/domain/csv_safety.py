"""Spreadsheet formula injection (CSV injection), OWASP's rule.

A spreadsheet (Excel, WPS, LibreOffice) opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula — ``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0`` — and a leading TAB or CR can
hide such a start. Citizen text (a hotline report's title, a reporter's name) reaches the console's
CSV exports, so:

- on **export**, :func:`neutralise` prefixes a single quote ``'`` to every text cell starting with one
  of :data:`FORMULA_START` (the spreadsheet then shows it as text; the JSON-lines export stays exact);
- on **import** (camera files), :func:`formula_start` finds such a text field, which is refused.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_start(text: str) -> str | None:
    """The character that makes ``text`` a formula in a spreadsheet, or None."""
    return text[0] if text.startswith(FORMULA_START) else None


def neutralise(value: Any) -> Any:
    """``value`` for a CSV cell: a text starting with = + - @ TAB or CR gets a leading ``'``; numbers
    and other values are unchanged (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def describe_start(char: str) -> str:
    """How to name the character in a message: '=' or TAB."""
    return {"\t": "TAB", "\r": "CR"}.get(char, repr(char))
