"""The wire shape of a file's history and of the audit search (server/history.py builds entries).

Values are whatever the audit log kept for the field (text, numbers, dates as ISO text, lists),
so `old` and `new` are raw JSON: the phone labels coded fields from the vocabulary.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..history import FIELD_NAME
from .common import UTCDateTime, page_schema

ENTITIES = ("area", "user_account", "household", "person", "status_event", "visit", "note",
            "job", "recommendation", "follow_up_rule", "training", "policy")
ACTIONS = ("create", "update", "delete", "read")


class FieldChange(Schema):
    field = fields.String(required=True)
    old = fields.Raw(allow_none=True)
    new = fields.Raw(allow_none=True)
    old_name = fields.String(allow_none=True, metadata={"description": "An account or area id's name"})
    new_name = fields.String(allow_none=True)


class HistoryEntry(Schema):
    id = fields.UUID(required=True)
    at = UTCDateTime(required=True)
    action = fields.String(required=True, metadata={"description": "create, update, delete, read"})
    entity = fields.String(required=True)
    entity_id = fields.String(required=True)
    user_id = fields.UUID(allow_none=True)
    user_name = fields.String(allow_none=True, metadata={"description": "Display name"})
    device_id = fields.String(allow_none=True)
    device_label = fields.String(
        allow_none=True, metadata={"description": "The label its user gave the device"})
    changes = fields.List(fields.Nested(FieldChange), required=True)


HistoryPage = page_schema(HistoryEntry, "HistoryPage")


class HistoryQuery(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class AuditQuery(HistoryQuery):
    user_id = fields.UUID()
    entity = fields.String(validate=validate.OneOf(ENTITIES))
    entity_id = fields.UUID()
    action = fields.String(validate=validate.OneOf(ACTIONS))
    field = fields.String(validate=validate.Regexp(FIELD_NAME, error="Not a field name."))
    since = fields.Date(metadata={"description": "First office day (inclusive)"})
    until = fields.Date(metadata={"description": "Last office day (inclusive)"})

    @validates_schema
    def _order(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError("The period ends before it starts.", "until")
