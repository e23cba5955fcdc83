"""Visits (contacts with a household, and attempts) and notes.

Dates are bounded where a person mistypes: a visit cannot be dated after today (the write
path, `case_file.record_visit`, refuses it with `future_date`, in REST and in sync alike), a
next follow-up cannot be more than two years ahead (sync/registry.json `limits`). The outcome
says whether anyone was met (sync/followup.json: its channel decides which outcomes fit).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from sync.vocabulary import OUTCOMES

from ..domain.vocabulary import CHANNELS, REVIEW_STATES, SERVICES, STATUSES
from .common import (
    LIMITS,
    PageQuery,
    RoleSchema,
    UTCDateTime,
    field_text,
    one_of,
    page_schema,
    text,
)


class StatusChangeItem(Schema):
    person_id = fields.UUID(required=True)
    to = fields.String(required=True, validate=one_of(STATUSES))
    expected_from = fields.String(validate=one_of(STATUSES))


class VisitCreate(Schema):
    id = fields.UUID(metadata={"description": "Optional: made by the phone when offline"})
    household_id = fields.UUID(required=True)
    person_ids = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=30))
    channel = fields.String(required=True, validate=one_of(CHANNELS))
    occurred_at = UTCDateTime(required=True)
    notes = field_text("visit", "notes", load_default="")
    services = fields.List(fields.String(validate=one_of(SERVICES)), load_default=list)
    lat = fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90))
    lng = fields.Float(allow_none=True, validate=validate.Range(min=-180, max=180))
    accuracy_m = fields.Float(allow_none=True, validate=validate.Range(min=0, max=100000))
    next_follow_up = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True, validate=one_of(OUTCOMES), metadata={
        "description": "met, answered, refused (contacts); nobody_home, no_answer, wrong_number "
                       "(attempts). None: met if persons are named, else nobody found"})
    amends_visit_id = fields.UUID(allow_none=True)
    status_changes = fields.List(fields.Nested(StatusChangeItem), load_default=list)

    @validates("next_follow_up")
    def _not_too_far(self, value: date | None, **kwargs: Any) -> None:
        days = LIMITS.follow_up_ahead_days
        if value is not None and value > datetime.now(UTC).date() + timedelta(days=days):
            raise ValidationError(f"A next follow-up cannot be more than {days} days ahead.")


class PersonNamed(Schema):
    id = fields.UUID()
    name = fields.String()


class VisitSchema(RoleSchema):
    """A client sees when and how they were contacted and what was delivered, not staff notes."""

    hidden_for = {
        "client": (
            "notes",
            "review_state",
            "review_comment",
            "reviewed_by_id",
            "reviewed_at",
            "lat",
            "lng",
            "accuracy_m",
            "device_id",
            "late",
            "persons",
        )
    }

    id = fields.UUID()
    household_id = fields.UUID()
    person_ids = fields.List(fields.UUID())
    persons = fields.List(fields.Nested(PersonNamed), dump_only=True, metadata={
        "description": "The persons named, with their names (for a reviewer; staff only)"})
    author_id = fields.UUID(allow_none=True)
    device_id = fields.String(allow_none=True)
    channel = fields.String()
    occurred_at = UTCDateTime()
    notes = fields.String()
    services = fields.List(fields.String())
    lat = fields.Float(allow_none=True)
    lng = fields.Float(allow_none=True)
    accuracy_m = fields.Float(allow_none=True)
    next_follow_up = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    amends_visit_id = fields.UUID(allow_none=True, metadata={"description": "The visit this one amends"})
    status_changes = fields.List(fields.Dict())
    review_state = fields.String()
    review_comment = fields.String(allow_none=True)
    reviewed_by_id = fields.UUID(allow_none=True)
    reviewed_at = UTCDateTime(allow_none=True)
    late = fields.Boolean()
    created_at = UTCDateTime()


class VisitQuery(PageQuery):
    household_id = fields.UUID()
    person_id = fields.UUID()
    helper_id = fields.UUID(metadata={"description": "The visit's author"})
    committee_id = fields.UUID()
    channel = fields.String(validate=one_of(CHANNELS))
    review_state = fields.String(validate=one_of(REVIEW_STATES))
    since = UTCDateTime()
    until = UTCDateTime()


class ReviewIn(Schema):
    decision = fields.String(required=True, validate=one_of(("approve", "return")))
    comment = text(4000)


class BulkReviewIn(Schema):
    """Approve many visits at once: returning one needs its own comment, so only approval is bulk."""

    visit_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1, max=200))
    decision = fields.String(required=True, validate=one_of(("approve",)))


class NoteCreate(Schema):
    id = fields.UUID()
    household_id = fields.UUID(required=True)
    person_id = fields.UUID(allow_none=True)
    visit_id = fields.UUID(allow_none=True)
    text = field_text("note", "text", min_len=1, required=True)
    corrects_note_id = fields.UUID(allow_none=True)


class NoteSchema(Schema):
    id = fields.UUID()
    household_id = fields.UUID()
    person_id = fields.UUID(allow_none=True)
    visit_id = fields.UUID(allow_none=True)
    author_id = fields.UUID(allow_none=True)
    device_id = fields.String(allow_none=True)
    text = fields.String()
    corrects_note_id = fields.UUID(allow_none=True)
    late = fields.Boolean()
    created_at = UTCDateTime()


VisitPage = page_schema(VisitSchema, "VisitPage")
NotePage = page_schema(NoteSchema, "NotePage")
