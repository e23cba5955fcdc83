"""Policy cases, training enrolments, assistance periods, and the board's support figures.

The `*Fields` dictionaries are the writable values; REST bodies and the sync map's wire schema
(`server/sync_store/maps/support.py`) are both built from them, so a phone can store nothing
the API would refuse.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from sync.registry import load_registry

from .common import PageQuery, UTCDateTime, one_of, page_schema, text

_MACHINES = load_registry().machines
POLICY_STATES = tuple(sorted(_MACHINES["policy_state"].states))
TRAINING_STATES = tuple(sorted(_MACHINES["training_state"].states))
NOTES_MAX = 2000

POLICY_FIELDS: dict[str, fields.Field[Any]] = {
    "person_id": fields.UUID(),
    "policy_id": fields.UUID(),
    "state": fields.String(validate=one_of(POLICY_STATES)),
    "informed_on": fields.Date(allow_none=True),
    "applied_on": fields.Date(allow_none=True),
    "decided_on": fields.Date(allow_none=True),
    "amount": fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000)),
    "notes": text(NOTES_MAX, allow_none=True),
}
TRAINING_FIELDS: dict[str, fields.Field[Any]] = {
    "person_id": fields.UUID(),
    "course_id": fields.UUID(),
    "state": fields.String(validate=one_of(TRAINING_STATES)),
    "referred_on": fields.Date(allow_none=True),
    "enrolled_on": fields.Date(allow_none=True),
    "completed_on": fields.Date(allow_none=True),
    "notes": text(NOTES_MAX, allow_none=True),
}
PERIOD_FIELDS: dict[str, fields.Field[Any]] = {
    "person_id": fields.UUID(),
    "start_on": fields.Date(),
    "end_on": fields.Date(allow_none=True),
    "helper_id": fields.UUID(allow_none=True),
    "notes": text(NOTES_MAX, allow_none=True),
}

PolicyCaseWire = Schema.from_dict(POLICY_FIELDS, name="PolicyCaseWire")
TrainingEnrolmentWire = Schema.from_dict(TRAINING_FIELDS, name="TrainingEnrolmentWire")
AssistancePeriodWire = Schema.from_dict(PERIOD_FIELDS, name="AssistancePeriodWire")


PolicyCaseCreate = Schema.from_dict(
    {**POLICY_FIELDS, "id": fields.UUID(), "person_id": fields.UUID(required=True),
     "policy_id": fields.UUID(required=True)}, name="PolicyCaseCreate")
TrainingEnrolmentCreate = Schema.from_dict(
    {**TRAINING_FIELDS, "id": fields.UUID(), "person_id": fields.UUID(required=True),
     "course_id": fields.UUID(required=True)}, name="TrainingEnrolmentCreate")
AssistancePeriodCreate = Schema.from_dict(
    {**PERIOD_FIELDS, "id": fields.UUID(), "person_id": fields.UUID(required=True),
     "start_on": fields.Date(required=True)}, name="AssistancePeriodCreate")


class _Move(Schema):
    expected_from = fields.String()
    notes = text(NOTES_MAX, allow_none=True)


class PolicyCaseUpdate(_Move):
    """A move (`state`) with its date and amount, or only a correction of them."""

    state = fields.String(validate=one_of(POLICY_STATES))
    informed_on = fields.Date(allow_none=True)
    applied_on = fields.Date(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    amount = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000))


class TrainingEnrolmentUpdate(_Move):
    state = fields.String(validate=one_of(TRAINING_STATES))
    referred_on = fields.Date(allow_none=True)
    enrolled_on = fields.Date(allow_none=True)
    completed_on = fields.Date(allow_none=True)


class AssistancePeriodUpdate(Schema):
    start_on = fields.Date()
    end_on = fields.Date(allow_none=True)
    helper_id = fields.UUID(allow_none=True)
    notes = text(NOTES_MAX, allow_none=True)

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Nothing to change.", "_schema")


class _Row(Schema):
    id = fields.UUID()
    person_id = fields.UUID()
    notes = fields.String(allow_none=True)
    by_user_id = fields.UUID(allow_none=True)
    created_at = UTCDateTime()
    updated_at = UTCDateTime()


class PolicyCaseSchema(_Row):
    policy_id = fields.UUID()
    state = fields.String()
    informed_on = fields.Date(allow_none=True)
    applied_on = fields.Date(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    amount = fields.Integer(allow_none=True)


class TrainingEnrolmentSchema(_Row):
    course_id = fields.UUID()
    state = fields.String()
    referred_on = fields.Date(allow_none=True)
    enrolled_on = fields.Date(allow_none=True)
    completed_on = fields.Date(allow_none=True)


class AssistancePeriodSchema(_Row):
    start_on = fields.Date()
    end_on = fields.Date(allow_none=True)
    helper_id = fields.UUID(allow_none=True)


class SupportPersonQuery(PageQuery):
    """A page of one person's rows (or of every row in your scope)."""

    person_id = fields.UUID()


class SupportQuery(Schema):
    """The board's filters: period (`2026-12`, `2026-Q4`, `2026`) and scope narrowing."""

    period = fields.String(validate=validate.Length(max=32))
    committee_id = fields.UUID()
    helper_id = fields.UUID()
    category = fields.String(validate=validate.Length(max=32))


class CountByPolicy(Schema):
    policy_id = fields.UUID()
    title = fields.String()
    applied = fields.Integer()
    granted = fields.Integer()
    refused = fields.Integer()
    amount_granted = fields.Integer()


class SupportFigures(Schema):
    period = fields.String()
    start = fields.Date()
    end = fields.Date()
    subsidies_applied = fields.Integer()
    subsidies_granted = fields.Integer()
    amount_granted = fields.Integer()
    by_policy = fields.List(fields.Nested(CountByPolicy))
    trainings_referred = fields.Integer()
    trainings_requested = fields.Integer()
    trainings_completed = fields.Integer()
    assistance_open = fields.Integer()
    service_3333 = fields.Dict()


PolicyCasePage = page_schema(PolicyCaseSchema, "PolicyCasePage")
TrainingEnrolmentPage = page_schema(TrainingEnrolmentSchema, "TrainingEnrolmentPage")
AssistancePeriodPage = page_schema(AssistancePeriodSchema, "AssistancePeriodPage")
