"""Bodies of the sync endpoints (sync/PROTOCOL.md sections 5.3, 6 and 8), conflicts, quarantine.

Ops stay plain values here, whatever they are: the core validates each one and quarantines a
malformed op instead of failing the batch. The envelope is checked first for its protocol
(426), then the number of ops (413 `too_large`), then its shape (400 `invalid_request`), in the
one error shape.
"""

from __future__ import annotations

from typing import Any, NoReturn

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from sync.engine import check_protocol
from sync.errors import UnsupportedProtocol
from sync.registry import load_registry

from ..errors import ApiError
from ..limits import LIMITS, max_batch_ops
from .common import PageQuery, Text, UTCDateTime, page_schema, text

_REGISTRY = load_registry()


class PushIn(Schema):
    protocol = fields.Integer(required=True, strict=True)
    client_id = Text(
        required=True,
        validate=[validate.Length(min=1, max=64), validate.Regexp(r"^[^:]+$", error="no ':'")],
    )
    #: Any JSON value per op: a bad op is rejected alone by the core, never the batch here.
    ops = fields.List(
        fields.Raw(allow_none=True, metadata={"type": "object"}),
        required=True,
        metadata={"maxItems": LIMITS.batch_ops_max},
    )
    #: The lowest seq the phone still waits an answer for (PROTOCOL.md 6.1); any JSON value:
    #: one the core cannot use is ignored, never a reason to refuse the batch.
    floor = fields.Raw(load_default=None, allow_none=True, metadata={"type": "integer"})

    @pre_load
    def _protocol_first(self, data: Any, **kwargs: Any) -> Any:
        try:
            check_protocol(data if isinstance(data, dict) else {}, _REGISTRY)
        except UnsupportedProtocol as exc:
            raise ApiError(exc.message, code=exc.code, status=426) from exc
        ops = data.get("ops") if isinstance(data, dict) else None
        if isinstance(ops, list) and len(ops) > max_batch_ops():
            raise ApiError(
                f"A push holds at most {max_batch_ops()} ops; send the rest in another push.",
                code="too_large", status=413,
            )
        return data

    def handle_error(self, error: ValidationError, data: Any, **kwargs: Any) -> NoReturn:
        messages = error.messages if isinstance(error.messages, dict) else {"body": error.messages}
        raise ApiError(
            "The push is malformed.", code="invalid_request", status=400, fields=messages
        )


class OpResult(Schema):
    op_id = fields.String(allow_none=True)
    status = fields.String(
        metadata={"enum": ["applied", "duplicate", "merged", "conflict", "rejected"]}
    )
    conflict_id = fields.String()
    code = fields.String()
    message = fields.String()
    fields_ = fields.Dict(data_key="fields", attribute="fields")
    original = fields.String()
    late = fields.Boolean()
    clamped = fields.Boolean()
    skew_ms = fields.Integer()


class PushOut(Schema):
    protocol = fields.Integer()
    server_time = fields.Integer(metadata={"description": "ms since the epoch"})
    acked_seq = fields.Integer()
    retention_ms = fields.Integer(metadata={"description": "how long the phone keeps answered ops"})
    results = fields.List(fields.Nested(OpResult))


class PullQuery(Schema):
    cursor = fields.String(load_default=None, metadata={"description": "Opaque; empty = start"})
    limit = fields.String(load_default=None, metadata={"description": "1..1000, default 200"})
    client_id = fields.String(load_default=None, validate=validate.Length(max=64))


class ChangeOut(Schema):
    entity = fields.String()
    id = fields.String()
    op = fields.String(metadata={"enum": ["upsert", "remove"]})
    data = fields.Dict()
    stamps = fields.Dict()


class WireChanges(fields.Nested):
    """Documented as `ChangeOut`, passed through as is: the core already made the wire dicts,
    and a 1,000-change page should not pay for a second serialisation."""

    def _serialize(self, nested_obj: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return nested_obj


class PullOut(Schema):
    protocol = fields.Integer()
    server_time = fields.Integer()
    cursor = fields.String()
    has_more = fields.Boolean()
    remaining = fields.Integer(metadata={"description": "Changes in scope after this page"})
    acked_seq = fields.Integer()
    retention_ms = fields.Integer(metadata={"description": "how long the phone keeps answered ops"})
    reset = fields.Boolean()
    changes = fields.List(WireChanges(ChangeOut))


class ConflictSchema(Schema):
    id = fields.String()
    entity = fields.String()
    entity_id = fields.String()
    field = fields.String()
    kind = fields.String()
    round = fields.Integer()
    candidates = fields.List(fields.Dict())
    winner = fields.String(allow_none=True)
    state = fields.String()
    resolution = fields.Dict(allow_none=True)
    resolved_by = fields.String(allow_none=True)
    resolved_at = fields.Integer(allow_none=True)
    resolved_by_user_id = fields.UUID(allow_none=True)
    household_id = fields.UUID(allow_none=True)
    created_at = UTCDateTime()


class ConflictQuery(PageQuery):
    state = fields.String(validate=validate.OneOf(["open", "resolved"]))
    household_id = fields.UUID()


class ResolveIn(Schema):
    choice = fields.Raw(
        required=True,
        metadata={"description": 'A candidate\'s op_id, or {"value": v}'},
    )
    comment = text(LIMITS.text["conflict"]["comment"])


class QuarantineSchema(Schema):
    id = fields.UUID()
    client_id = fields.String()
    user_id = fields.UUID(allow_none=True)
    op_id = fields.String(allow_none=True)
    raw = fields.Raw()
    code = fields.String()
    message = fields.String()
    state = fields.String()
    household_id = fields.UUID(allow_none=True)
    created_at = UTCDateTime()
    decided_by_id = fields.UUID(allow_none=True)
    decided_at = UTCDateTime(allow_none=True)
    result = fields.Dict(allow_none=True)


class QuarantineQuery(PageQuery):
    state = fields.String(validate=validate.OneOf(["open", "reapplied", "dismissed"]))


ConflictPage = page_schema(ConflictSchema, "ConflictPage")
QuarantinePage = page_schema(QuarantineSchema, "QuarantinePage")
