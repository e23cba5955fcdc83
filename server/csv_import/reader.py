"""Reading an uploaded table: .xlsx or CSV (UTF-8, with or without BOM, or GB18030/GBK), a
header row naming known columns by code or by label (姓名 or name), rows keyed by column.

The bytes become rows of text in `server.spreadsheets`; this module only knows which columns an
import takes. It returns rows with their line numbers, and errors about the file itself
(characters, header). Cell values are stripped strings; an empty cell is absent from its row.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import header_names
from ..spreadsheets import FileProblem, read_table
from .report import RowError

#: An upload larger than this is refused rather than half-read.
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


def _header(header: list[str], columns: tuple[str, ...]) -> tuple[list[str], list[RowError]]:
    """The header's cells as column codes ('' for a blank header cell), and what is wrong."""
    known = header_names(columns)
    names: list[str] = []
    errors: list[RowError] = []
    for cell in header:
        text = cell.strip().removeprefix("*").strip()  # a template may mark required columns
        code = known.get(text.lower(), "")
        if text and not code:
            errors.append(RowError(1, text.lower(), f"unknown column; the columns are: {', '.join(columns)}"))
        names.append(code)
    errors += [RowError(1, n, "column appears more than once") for n in set(names) if n and names.count(n) > 1]
    return names, errors


def read_rows(data: bytes | str, columns: tuple[str, ...], required: tuple[str, ...] = (),
              one_of: tuple[tuple[str, ...], ...] = (), *,
              filename: str | None = None) -> tuple[list[Row], list[RowError]]:
    """Rows of a table whose header names some of `columns` (any order, case-insensitive,
    codes or labels).

    The header must name every `required` column, and all the columns of at least one of the
    alternatives in `one_of` (when given).
    """
    try:
        table = read_table(data, filename, max_rows=MAX_ROWS)
    except FileProblem as exc:
        return [], [RowError(1, "*", str(exc))]
    if not table:
        return [], [RowError(1, "*", "the file is empty; the first line must name the columns")]
    names, errors = _header(table[0][1], columns)
    errors += [RowError(1, name, "required column is missing") for name in required if name not in names]
    if one_of and not any(all(n in names for n in option) for option in one_of):
        wanted = " or ".join(" and ".join(option) for option in one_of)
        errors.append(RowError(1, "*", f"the header must name {wanted}"))
    rows: list[Row] = []
    for line, record in table[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(names) and any(c.strip() for c in record[len(names):]):
            errors.append(RowError(line, "*", f"{len(record)} cells but the header names {len(names)} columns"))
        rows.append(Row(line, {n: c.strip() for n, c in zip(names, record, strict=False) if n and c.strip()}))
        if len(rows) > MAX_ROWS:
            return [], [RowError(line, "*", f"more than {MAX_ROWS} rows; split the file")]
    if not rows and not errors:
        errors.append(RowError(1, "*", "no data rows under the header"))
    return rows, sorted(set(errors))
