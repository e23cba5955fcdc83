"""An uploaded table as rows of text: .xlsx through openpyxl, CSV in whatever charset it has.

Chinese offices keep their ledgers in Excel and WPS, which save "CSV" in the system code page
(GBK) unless told otherwise. UTF-8 (with or without a BOM) and UTF-16 with a BOM are tried
first, exactly; otherwise charset-normalizer guesses. On a short file it often guesses Big5 or
Korean for GBK bytes, so any East Asian guess is read as GB18030 (the superset of GB2312 and
GBK, so a rare character outside GBK still reads) when the bytes are valid GB18030; a Western
guess (a Latin-1 or Windows-1252 file) is taken as it is.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from charset_normalizer import from_bytes

#: Guesses that mean "the Chinese national code page"; GB18030 decodes every one of them.
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}
#: Other East Asian guesses charset-normalizer makes for short GBK files.
EAST_ASIAN = {"big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "shift_jis", "cp932", "euc_jp",
              "iso2022_jp", "iso2022_kr"}
#: A workbook is a zip file; this is how it starts.
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileProblem(Exception):
    """The file as a whole cannot be read (line 1 of the import's report)."""

    message: str

    def __str__(self) -> str:
        return self.message


def decode_text(data: bytes) -> tuple[str, str]:
    """`(text, encoding)` of a text file, or FileProblem when no charset fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise FileProblem("cannot read the file's characters: save it as CSV UTF-8 or as .xlsx") from exc
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    encoding = best.encoding.lower() if best is not None else None
    if encoding is None or encoding in GB_FAMILY or encoding in EAST_ASIAN:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise FileProblem("cannot read the file's characters: save it as CSV UTF-8 or as .xlsx") from exc
    return str(best), encoding


def _cell_text(value: object) -> str:
    """A cell as the text a person would have typed (dates ISO, 12.0 → 12, TRUE → yes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: What a damaged workbook raises (SyntaxError: the XML parsers' ParseError).
BROKEN_WORKBOOK = (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError, EOFError)

#: One row of a table: the file's line (1 = the header, as Excel numbers rows) and its cells.
Line = tuple[int, list[str]]


def _xlsx_rows(data: bytes, max_rows: int) -> list[Line]:
    from openpyxl import load_workbook  # imported here: only uploads of workbooks pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except BROKEN_WORKBOOK as exc:
        raise FileProblem("not a readable .xlsx workbook") from exc
    try:
        rows: list[Line] = []
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if any(cells):  # blank rows (a formatted but empty sheet has thousands) are skipped
                rows.append((number, cells))
                if len(rows) > max_rows + 1:
                    break
        return rows
    except BROKEN_WORKBOOK as exc:  # a sheet's XML is read lazily: it breaks here, not above
        raise FileProblem("not a readable .xlsx workbook") from exc
    finally:
        book.close()


def _csv_rows(text: str, max_rows: int) -> list[Line]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    rows: list[Line] = []
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((line, record))  # a quoted cell may span lines: the record's first
                if len(rows) > max_rows + 1:
                    break
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(f"unreadable CSV near line {reader.line_num}: {exc}") from exc
    return rows


def read_table(data: bytes | str, filename: str | None = None, *, max_rows: int = 20_000) -> list[Line]:
    """Every non-blank row of the file's first table (header included) with its line (as
    Excel numbers rows), cells as text.

    Reads at most `max_rows` + 2 non-blank rows: a caller that finds more refuses the file.
    """
    if isinstance(data, str):
        return _csv_rows(data, max_rows)
    name = (filename or "").lower()
    if data.startswith(ZIP_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(data, max_rows)
    if name.endswith(".xls"):
        raise FileProblem("old .xls workbooks are not read: save the file as .xlsx or CSV")
    return _csv_rows(decode_text(data)[0], max_rows)
