"""Follow-up rules and the due list."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..domain.vocabulary import CATEGORIES
from .common import UTCDateTime, one_of


class FollowUpRuleSchema(Schema):
    category = fields.String(dump_only=True)
    interval_days = fields.Integer(required=True, validate=validate.Range(min=1, max=3650))
    default_days = fields.Integer(dump_only=True)
    updated_at = UTCDateTime(dump_only=True, allow_none=True)


class DueQuery(Schema):
    within_days = fields.Integer(load_default=7, validate=validate.Range(min=0, max=400))
    helper_id = fields.UUID()
    committee_id = fields.UUID()
    category = fields.String(validate=one_of(CATEGORIES))
    overdue_only = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=5000))


class DueItem(Schema):
    person_id = fields.UUID()
    name = fields.String()
    household_id = fields.UUID()
    address = fields.String()
    helper_id = fields.UUID(allow_none=True)
    category = fields.String()
    status = fields.String()
    interval_days = fields.Integer()
    last_contact_at = UTCDateTime(allow_none=True)
    days_since_contact = fields.Integer(allow_none=True)
    due_on = fields.Date()
    days_overdue = fields.Integer()
    overdue = fields.Boolean()
    reason = fields.String()


class DueList(Schema):
    today = fields.Date()
    overdue_count = fields.Integer()
    items = fields.List(fields.Nested(DueItem))
