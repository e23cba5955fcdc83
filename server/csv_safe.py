"""Cells a spreadsheet will not run: the one defence against CSV (formula) injection.

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a
formula, and also one whose first character is a TAB or a CR followed by one (OWASP, "CSV
Injection"). A resident's name or a note typed on a phone can start with any of them, so
every text cell of an export passes through `safe_cell`, which prefixes a `'` (shown by no
spreadsheet, and telling it "text"). Numbers are left alone: `-3` is a number, not a formula.
"""

from __future__ import annotations

from datetime import date
from typing import Any

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """`value` as the text of one CSV cell that no spreadsheet will evaluate."""
    if value is None:
        return ""
    if isinstance(value, int | float):  # bool included
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
