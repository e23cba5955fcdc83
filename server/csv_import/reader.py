"""Reading an uploaded CSV: UTF-8 with or without a BOM, a header row, known columns only.

Pure: takes bytes or text and the column list, returns rows keyed by column with their line
numbers, and errors about the file itself (encoding, header). Cell values are stripped strings;
an empty cell is absent from its row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .report import RowError

#: An upload larger than this is refused rather than half-read.
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


def decode(data: bytes | str) -> tuple[str, list[RowError]]:
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", [RowError(line, "*", "not UTF-8 text: save the file as CSV UTF-8")]


def read_rows(data: bytes | str, columns: tuple[str, ...], required: tuple[str, ...] = (),
              one_of: tuple[tuple[str, ...], ...] = ()) -> tuple[list[Row], list[RowError]]:
    """Rows of a CSV whose header names some of `columns` (any order, case-insensitive).

    The header must name every `required` column, and all the columns of at least one of the
    alternatives in `one_of` (when given).
    """
    text, errors = decode(data)
    if errors:
        return [], errors
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [RowError(1, "*", "the file is empty; the first line must name the columns")]
    except csv.Error as exc:
        return [], [RowError(1, "*", f"unreadable CSV: {exc}")]
    names = [h.strip().lower() for h in header]
    for name in names:
        if name and name not in columns:
            errors.append(RowError(1, name, f"unknown column; the columns are: {', '.join(columns)}"))
        elif names.count(name) > 1 and name:
            errors.append(RowError(1, name, "column appears more than once"))
    errors += [RowError(1, name, "required column is missing") for name in required if name not in names]
    if one_of and not any(all(n in names for n in option) for option in one_of):
        wanted = " or ".join(" and ".join(option) for option in one_of)
        errors.append(RowError(1, "*", f"the header must name {wanted}"))
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(names):
                    errors.append(RowError(line, "*", f"{len(record)} cells but the header names {len(names)} columns"))
                cells = {n: c.strip() for n, c in zip(names, record, strict=False) if n and c.strip()}
                rows.append(Row(line, cells))
                if len(rows) > MAX_ROWS:
                    return [], [RowError(line, "*", f"more than {MAX_ROWS} rows; split the file")]
            line = reader.line_num + 1
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "*", f"unreadable CSV: {exc}"))
    if not rows and not errors:
        errors.append(RowError(1, "*", "no data rows under the header"))
    return rows, sorted(set(errors))
