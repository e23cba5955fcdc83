"""The board's follow-up parts the base `schemas.reports.Summary` lacks: overdue persons by
group and the contacts and attempts of the last 30 days (an attempt is not a contact)."""

from __future__ import annotations

from marshmallow import Schema, fields

from .reports import Summary


class GroupCount(Schema):
    group_name = fields.String(allow_none=True, metadata={"description": "None: no group"})
    persons = fields.Integer()
    overdue = fields.Integer()


class HelperActivity(Schema):
    helper_id = fields.UUID(allow_none=True)
    name = fields.String()
    contacts = fields.Integer(metadata={"description": "Visits that met someone they name"})
    attempts = fields.Integer(metadata={"description": "Visits that met nobody"})


class Activity(Schema):
    days = fields.Integer()
    contacts = fields.Integer()
    attempts = fields.Integer()
    by_helper = fields.List(fields.Nested(HelperActivity))


class BoardSummary(Summary):
    by_group = fields.List(fields.Nested(GroupCount))
    activity = fields.Nested(Activity)
