"""The few SQL expressions that differ between SQLite and PostgreSQL, written once.

Reports read JSON arrays (a recommendation's history of moves, a visit's services) row by row
with the database's own table-valued functions, and compare dates in days.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, String, cast, func

from ..extensions import db


def dialect() -> str:
    return str(db.session.get_bind().dialect.name)


def json_elements(column: Any, name: str, *, strings: bool = False) -> Any:
    """A FROM item with one row per element of the JSON array in `column` (column `value`);
    with `strings`, the elements are strings and `value` is their text."""
    if dialect() == "postgresql":
        fn = func.json_array_elements_text if strings else func.json_array_elements
    else:
        fn = func.json_each
    return fn(column).table_valued("value", name=name)


def json_text(elements: Any, key: str | None = None) -> Any:
    """The element's `key` as text, or (for `strings` elements) the element itself."""
    value = elements.c.value
    if key is None:
        return cast(value, String)
    if dialect() == "postgresql":
        return value.op("->>")(key)
    return func.json_extract(value, f"$.{key}")


def days_between(later: Any, earlier: Any) -> Any:
    """`later - earlier` in (fractional) days, for DATE or TIMESTAMP operands."""
    if dialect() == "postgresql":
        seconds = func.extract("epoch", func.cast(later, db.DateTime) - func.cast(earlier, db.DateTime))
        return cast(seconds, Float) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def greatest(a: Any, b: Any) -> Any:
    """The larger of two values (SQLite's two-argument `max` is scalar)."""
    return func.greatest(a, b) if dialect() == "postgresql" else func.max(a, b)


def as_date(column: Any) -> Any:
    """The date part of a timestamp, as a DATE PostgreSQL and SQLite both compare correctly."""
    return cast(column, db.Date) if dialect() == "postgresql" else func.date(column)
