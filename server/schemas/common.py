"""Shared schema pieces: role views, UTC datetimes, storable text, pagination, the error body."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import g
from marshmallow import Schema, ValidationError, fields, post_dump, validate

from sync.bounds import storable, text_length

from ..limits import LIMITS as LIMITS  # re-exported: the schemas read their bounds here
from ..timestamps import iso_utc


class UTCDateTime(fields.DateTime):
    """Naive UTC in the database; ISO 8601 with `Z` on the wire; any offset accepted in."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return None if value is None else iso_utc(value)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> datetime:
        parsed: datetime = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is not None:
            try:
                parsed = parsed.astimezone(UTC).replace(tzinfo=None)
            except OverflowError as exc:  # 0001-01-01T00:00+01:00 is before year 1 in UTC
                raise ValidationError("Out of the range of dates.") from exc
        return parsed


class RoleSchema(Schema):
    """A schema whose output leaves out fields the caller's role must not see.

    Subclasses set `hidden_for = {"client": ("field", ...)}`; the view never decides.
    """

    hidden_for: dict[str, tuple[str, ...]] = {}

    @post_dump
    def _hide(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        role = getattr(g, "role", None)
        for name in self.hidden_for.get(role or "", ()):
            data.pop(name, None)
        return data


class PageQuery(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "Search text"})


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """An envelope `{items, total, page, per_page}` around `item`."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item)),
            "total": fields.Integer(),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
        },
        name=name,
    )


class ErrorDetail(Schema):
    code = fields.String(required=True, metadata={"description": "Machine code, snake_case"})
    message = fields.String(required=True, metadata={"description": "For people"})
    fields = fields.Dict(  # type: ignore[assignment]  # a field named "fields", on purpose
        required=True,
        metadata={"description": "Messages by field (lists, or nested objects for nested data)"},
    )


class ErrorSchema(Schema):
    """The one error body (server/errors.py)."""

    error = fields.Nested(ErrorDetail, required=True)


def one_of(values: tuple[str, ...] | list[str]) -> validate.OneOf:
    return validate.OneOf(list(values))


class Text(fields.String):
    """A string both databases keep as sent: no NUL character, no lone surrogate."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        loaded = super()._deserialize(value, attr, data, **kwargs)
        if not storable(loaded):
            raise ValidationError("Holds a character that cannot be stored.")
        return loaded


class _CodePoints(validate.Validator):
    """Length in code points, counted as sync/bounds.py and the phone count it."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, value: Any) -> Any:
        n = text_length(value)
        if n < self.low or n > self.high:
            raise ValidationError(f"Length must be between {self.low} and {self.high}.")
        return value


def text(max_len: int, *, min_len: int = 0, **kwargs: Any) -> Text:
    """A bounded storable text field (`max_len` code points)."""
    metadata = kwargs.setdefault("metadata", {})
    metadata["maxLength"] = max_len
    if min_len:
        metadata["minLength"] = min_len
    return Text(validate=_CodePoints(min_len, max_len), **kwargs)


def field_text(entity: str, name: str, *, min_len: int = 0, **kwargs: Any) -> Text:
    """The text field `entity.name`, bounded by the length the registry publishes."""
    longest = LIMITS.text_max(entity, name)
    assert longest is not None, f"sync/registry.json limits.text has no {entity}.{name}"
    return text(longest, min_len=min_len, **kwargs)
