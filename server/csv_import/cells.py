"""From CSV cells to a marshmallow schema's input, and its errors back to lines and columns.

The API's own schemas validate each row (one set of rules for JSON and CSV); this module only
turns text cells into what those schemas take: lists from `;`-separated cells, booleans from
yes/no (or 是/否), a coded cell written as its label (已就业, 零就业家庭) as its code, everything
else passed as text for the schema to parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields

from ..labels import code_of
from .report import RowError

#: A list cell: `Python; SQL`, also the full-width and Chinese enumeration marks (`；`, `、`).
LIST_SEPARATOR = re.compile(r"[;；、|]")
TRUE = {"1", "true", "yes", "y", "t", "on", "是", "有"}
FALSE = {"0", "false", "no", "n", "f", "off", "否", "无"}
#: Fields whose cells are codes of a vocabulary, which a ledger may give by label.
CODED = {"status": "status", "category": "category", "education_level": "education_level",
         "gender": "gender", "source": "source"}


def schema_input(cells: Mapping[str, str], schema: Schema) -> dict[str, Any]:
    """The cells `schema` knows, converted; empty cells were dropped by the reader."""
    out: dict[str, Any] = {}
    for name, value in cells.items():
        field = schema.fields.get(name)
        if field is None or field.dump_only:
            continue
        if isinstance(field, fields.List):
            out[name] = [item.strip() for item in LIST_SEPARATOR.split(value) if item.strip()]
        elif isinstance(field, fields.Boolean):
            lowered = value.lower()
            out[name] = True if lowered in TRUE else False if lowered in FALSE else value
        elif name in CODED:
            out[name] = code_of(CODED[name], value)
        else:
            out[name] = value
    return out


def _messages(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [f"item {int(k) + 1}: {m}" if str(k).isdigit() else m
                for k, v in value.items() for m in _messages(v)]
    return [m for v in value for m in _messages(v)]


def load_row(schema: Schema, data: dict[str, Any], line: int,
             columns: Mapping[str, str] | None = None) -> tuple[dict[str, Any] | None, list[RowError]]:
    """Validate one row; errors name the CSV column (`columns` maps schema field → column)."""
    try:
        return schema.load(data), []
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        errors = [
            RowError(line, "*" if name == "_schema" else (columns or {}).get(name, name), message)
            for name, value in messages.items() for message in _messages(value)
        ]
        return None, errors
