"""Outcomes after a recommendation: its progress (interview, hire), placements, aftercare.

The sync mapping validates a device's values with these too (`server/sync_store/maps/
outcomes.py`), so a phone can store nothing the API would refuse.
"""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validate

from sync.vocabulary import VOCABULARY

from ..business_time import business_today
from ..domain.vocabulary import CATEGORIES, RECOMMENDATION_STATES
from .common import PageQuery, UTCDateTime, one_of, page_schema, text
from .jobs import RecommendationCreate, RecommendationSchema

END_REASONS: tuple[str, ...] = tuple(VOCABULARY["placement_end_reasons"])
#: Monthly pay in yuan: what a person could earn, with room to spare.
PAY = validate.Range(min=0, max=1_000_000)


class RecommendationNew(RecommendationCreate):
    """A recommendation, maybe from an event or a group post (interviews and hires count there)."""

    source_event_id = fields.UUID(allow_none=True)
    source_post_id = fields.UUID(allow_none=True)


class RecommendationMove(Schema):
    """Progress: the state to reach (staff: through the states between) and its details."""

    state = fields.String(required=True, validate=one_of(RECOMMENDATION_STATES))
    expected_from = fields.String(validate=one_of(RECOMMENDATION_STATES))
    response_reason = text(2000, allow_none=True)
    interview_at = UTCDateTime(allow_none=True)
    interview_place = text(160, allow_none=True)
    source_event_id = fields.UUID(allow_none=True)
    source_post_id = fields.UUID(allow_none=True)


class RecommendationOut(RecommendationSchema):
    interview_at = UTCDateTime(allow_none=True)
    interview_place = fields.String(allow_none=True)
    source_event_id = fields.UUID(allow_none=True)
    source_post_id = fields.UUID(allow_none=True)


RecommendationOutPage = page_schema(RecommendationOut, "RecommendationOutPage")


def _near(day: date) -> None:
    """A job's start or end within ten years of today: a typo such as 9999 is refused, not
    stored to break every aftercare schedule computed from it."""
    if abs((day - business_today()).days) > 3660:
        raise ValidationError("A date more than ten years from today.")


class PlacementFields(Schema):
    """What a device or the API may write of a placement."""

    recommendation_id = fields.UUID(allow_none=True)
    employer_id = fields.UUID(allow_none=True)
    employer_name = text(160)
    job_id = fields.UUID(allow_none=True)
    job_title = text(160)
    start_date = fields.Date(validate=_near)
    contract_signed = fields.Boolean()
    pay = fields.Integer(allow_none=True, validate=PAY)
    ended_on = fields.Date(allow_none=True, validate=_near)
    end_reason = fields.String(allow_none=True, validate=one_of(END_REASONS))
    at_risk = fields.Boolean()
    at_risk_note = text(2000, allow_none=True)


class PlacementCreate(PlacementFields):
    id = fields.UUID()
    person_id = fields.UUID(required=True)
    start_date = fields.Date(required=True, validate=_near)


class PlacementSchema(PlacementCreate):
    by_user_id = fields.UUID(allow_none=True)
    created_at = UTCDateTime()
    #: The retention contacts of the schedule, as the shared rule sees them today.
    contacts = fields.List(fields.Dict(), dump_only=True)


class PlacementQuery(PageQuery):
    person_id = fields.UUID()
    open = fields.Boolean(metadata={"description": "Only placements not ended"})
    at_risk = fields.Boolean()


PlacementPage = page_schema(PlacementSchema, "PlacementPage")


class RetentionCheckCreate(Schema):
    id = fields.UUID()
    placement_id = fields.UUID(required=True)
    person_id = fields.UUID()
    step = fields.String(required=True, validate=validate.Length(min=1, max=16))
    occurred_at = UTCDateTime(required=True)
    still_employed = fields.Boolean(required=True)
    reason = fields.String(allow_none=True, validate=one_of(END_REASONS))
    notes = text(4000)


class RetentionCheckSchema(RetentionCheckCreate):
    author_id = fields.UUID(allow_none=True)
    device_id = fields.String(allow_none=True)


class RetentionStepSchema(Schema):
    code = fields.String(dump_only=True)
    days = fields.Integer(required=True, validate=validate.Range(min=1, max=3650))
    default_days = fields.Integer(dump_only=True, allow_none=True)
    updated_at = UTCDateTime(dump_only=True, allow_none=True)


class AftercareQuery(Schema):
    period = fields.String(required=True, validate=validate.Length(max=32),
                           metadata={"description": "2026-12, 2026-Q4 or 2026"})
    committee_id = fields.UUID()
    helper_id = fields.UUID()
    category = fields.String(validate=one_of(CATEGORIES))


class AftercareReport(Schema):
    period = fields.String()
    start = fields.Date()
    end = fields.Date()
    #: Recommendations that reached interview / hired in the period (from their history).
    interviews = fields.Integer()
    hired = fields.Integer()
    #: Placements that started in the period, and those of them still in the job now.
    placements = fields.Integer()
    kept = fields.Integer()
    #: Of placements that reached 3 (6) months by the period's end: how many, how many kept.
    reached_3m = fields.Integer()
    kept_3m = fields.Integer()
    reached_6m = fields.Integer()
    kept_6m = fields.Integer()
    at_risk = fields.Integer()
    ended = fields.Integer()
    end_reasons = fields.Dict(keys=fields.String(), values=fields.Integer())
