"""The due list as the shared follow-up rule answers it: attempts, group, guidance step and the
reason as a code with values (for a client to render) and as a line in the caller's language.

Extends `schemas.follow_ups` (whose shapes stay as they were for older clients) rather than
editing it, so the response keeps every field it had.
"""

from __future__ import annotations

from marshmallow import fields, validate

from .follow_ups import DueItem, DueList, DueQuery


class DueGroupQuery(DueQuery):
    group_name = fields.String(validate=validate.Length(max=64),
                               metadata={"description": "Only persons of this group"})


class DueReasonItem(DueItem):
    group_name = fields.String(allow_none=True)
    guidance_step = fields.String(allow_none=True)
    last_contact_on = fields.Date(allow_none=True,
                                  metadata={"description": "The last contact's day (business timezone)"})
    attempts = fields.Integer(metadata={"description": "Attempts (nobody met) since the last contact"})
    reason_code = fields.String(metadata={"description": "interval, requested or never_contacted"})
    reason_values = fields.Dict(metadata={"description": "The values the reason line is made of"})
    reason = fields.String(metadata={"description": "The reason line in the caller's language"})


class DueReasonList(DueList):
    items = fields.List(fields.Nested(DueReasonItem))
