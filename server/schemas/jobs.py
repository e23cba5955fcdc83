"""Jobs and recommendations of them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..domain.vocabulary import EDUCATION_LEVELS, JOB_SOURCES, RECOMMENDATION_STATES
from .common import PageQuery, UTCDateTime, field_text, one_of, page_schema, text

_JOB_FIELDS: dict[str, fields.Field[Any]] = dict(
    employer_id=fields.UUID(allow_none=True),
    employer=fields.String(validate=validate.Length(min=1, max=160)),
    title=fields.String(validate=validate.Length(min=1, max=160)),
    industry=text(80, allow_none=True),
    place=text(160, allow_none=True),
    area_id=fields.UUID(allow_none=True),
    pay_min=fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000)),
    pay_max=fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000)),
    majors=fields.List(
        fields.String(validate=validate.Length(min=1, max=80)), validate=validate.Length(max=30)
    ),
    skills=fields.List(
        fields.String(validate=validate.Length(min=1, max=60)), validate=validate.Length(max=50)
    ),
    education_level=fields.String(allow_none=True, validate=one_of(EDUCATION_LEVELS)),
    headcount=fields.Integer(validate=validate.Range(min=1, max=100000)),
    source=fields.String(validate=one_of(JOB_SOURCES)),
    public_welfare=fields.Boolean(),
    closing_date=fields.Date(allow_none=True),
    is_open=fields.Boolean(),
    description=text(10000, allow_none=True),
)


class _PayRange(Schema):
    @validates_schema
    def _pay(self, data: dict[str, object], **kwargs: object) -> None:
        low, high = data.get("pay_min"), data.get("pay_max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise ValidationError("must not be less than pay_min", "pay_max")


JobUpdate = _PayRange.from_dict(dict(_JOB_FIELDS), name="JobUpdate")


class JobCreate(_PayRange.from_dict(dict(_JOB_FIELDS), name="JobCreateBase")):  # type: ignore[misc]
    id = fields.UUID()
    employer = fields.String(required=True, validate=validate.Length(min=1, max=160))
    title = fields.String(required=True, validate=validate.Length(min=1, max=160))


class JobSchema(Schema):
    id = fields.UUID()
    employer_id = fields.UUID(allow_none=True)
    employer = fields.String()
    title = fields.String()
    industry = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    area_id = fields.UUID(allow_none=True)
    pay_min = fields.Integer(allow_none=True)
    pay_max = fields.Integer(allow_none=True)
    majors = fields.List(fields.String())
    skills = fields.List(fields.String())
    education_level = fields.String(allow_none=True)
    headcount = fields.Integer()
    source = fields.String()
    public_welfare = fields.Boolean()
    closing_date = fields.Date(allow_none=True)
    is_open = fields.Boolean()
    description = fields.String(allow_none=True)
    created_at = UTCDateTime()
    updated_at = UTCDateTime()


class JobQuery(PageQuery):
    industry = fields.String()
    source = fields.String(validate=one_of(JOB_SOURCES))
    public_welfare = fields.Boolean()
    open_only = fields.Boolean(load_default=True)


class RecommendationCreate(Schema):
    id = fields.UUID()
    person_id = fields.UUID(required=True)
    job_id = fields.UUID(required=True)
    reasons = field_text("recommendation", "reasons", min_len=1, required=True)


class RecommendationUpdate(Schema):
    state = fields.String(required=True, validate=one_of(RECOMMENDATION_STATES))
    expected_from = fields.String(validate=one_of(RECOMMENDATION_STATES))
    response_reason = field_text("recommendation", "response_reason", allow_none=True)


class RecommendationSchema(Schema):
    id = fields.UUID()
    person_id = fields.UUID()
    job_id = fields.UUID()
    job = fields.Nested(JobSchema, dump_only=True)
    by_user_id = fields.UUID(allow_none=True)
    reasons = fields.String()
    match = fields.Dict()
    state = fields.String()
    response_reason = fields.String(allow_none=True)
    interview_at = UTCDateTime(allow_none=True)
    interview_place = fields.String(allow_none=True)
    source_event_id = fields.UUID(allow_none=True)
    source_post_id = fields.UUID(allow_none=True)
    state_changed_at = UTCDateTime()
    history = fields.List(fields.Dict())
    created_at = UTCDateTime()


class RecommendationQuery(PageQuery):
    person_id = fields.UUID()
    state = fields.String(validate=one_of(RECOMMENDATION_STATES))


JobPage = page_schema(JobSchema, "JobPage")
RecommendationPage = page_schema(RecommendationSchema, "RecommendationPage")
