"""Spreadsheets in and out: what an office's Excel and WPS files are, as rows of text and back.

`reading.read_table(data, filename)` turns an upload (.xlsx, or CSV in UTF-8 with or without a
BOM, UTF-16, or GB18030/GBK as WPS and Excel save it in China) into rows of stripped text;
`writing.workbook(sheets)` writes .xlsx with labelled headers. Neither knows what the columns
mean: the importers (`server.csv_import`) and exports (`server.api.exports`) do.
"""

from __future__ import annotations

from .reading import FileProblem, Line, decode_text, read_table
from .writing import Column, Sheet, workbook

__all__ = ["Column", "FileProblem", "Line", "Sheet", "decode_text", "read_table", "workbook"]
