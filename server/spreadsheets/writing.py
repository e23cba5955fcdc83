"""Tables as an .xlsx workbook (XlsxWriter): labelled headers, real dates and numbers.

Every text cell is written as a string, never parsed: a name starting with `=` stays a name
and cannot become a formula in the office's Excel (the CSV exports get the same protection
from `csv_safe`). The header row is frozen and repeated on every printed page; columns are
as wide as their content, within reason.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import xlsxwriter

#: Characters Excel refuses in a sheet's name, and its length limit.
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_TITLE_MAX = 31


@dataclass(frozen=True)
class Column:
    key: str
    #: What the header says, in the reader's language.
    label: str
    #: `text`, `int`, `date`, `datetime` or `percent` (a fraction 0..1 shown as 91.42 %).
    kind: str = "text"


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]]
    #: Lines above the table (what, for whom, which period), one cell each.
    caption: Sequence[str] = field(default_factory=tuple)


def _width(value: Any) -> int:
    text = str(value) if value is not None else ""
    # A Chinese character is about two Latin ones wide.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _title(name: str, used: set[str]) -> str:
    base = _BAD_TITLE.sub(" ", name).strip()[:_TITLE_MAX] or "Sheet"
    title, n = base, 2
    while title.lower() in used:
        title = f"{base[: _TITLE_MAX - 3]} {n}"
        n += 1
    used.add(title.lower())
    return title


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one .xlsx file's bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "remove_timezone": True})
    header = book.add_format({"bold": True, "bg_color": "#E8F0EE", "border": 1, "text_wrap": True,
                              "valign": "top"})
    bold = book.add_format({"bold": True})
    formats = {
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "percent": book.add_format({"num_format": "0.00%"}),
    }
    used: set[str] = set()
    for sheet in sheets:
        ws = book.add_worksheet(_title(sheet.title, used))
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
        for r, line in enumerate(sheet.caption):
            ws.write_string(r, 0, line, bold if r == 0 else None)
        top = len(sheet.caption) + (1 if sheet.caption else 0)
        widths = [_width(c.label) for c in sheet.columns]
        for c, column in enumerate(sheet.columns):
            ws.write_string(top, c, column.label, header)
        for r, row in enumerate(sheet.rows, start=top + 1):
            for c, column in enumerate(sheet.columns):
                value = row.get(column.key)
                widths[c] = max(widths[c], _width(value))
                _write(ws, r, c, value, column.kind, formats)
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(max(w + 2, 8), 50))
        ws.freeze_panes(top + 1, 0)
        ws.repeat_rows(top)
    book.close()
    return out.getvalue()


def _write(ws: Any, r: int, c: int, value: Any, kind: str, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, datetime):
        ws.write_datetime(r, c, value, formats["datetime"])
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), formats["date"])
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, formats.get(kind))
    else:
        ws.write_string(r, c, str(value))
