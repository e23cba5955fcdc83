"""The supervisor's board and the targeted-help list."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..domain.vocabulary import CATEGORIES
from .common import UTCDateTime, one_of


class ReportQuery(Schema):
    committee_id = fields.UUID()
    helper_id = fields.UUID(metadata={"description": "The persons' responsible helper"})
    category = fields.String(validate=one_of(CATEGORIES))


class SummaryQuery(ReportQuery):
    graduation_year = fields.Integer(
        validate=validate.Range(min=1990, max=2100),
        metadata={"description": "Cohort year (default: last summer)"},
    )


class StrugglingQuery(ReportQuery):
    days = fields.Integer(load_default=90, validate=validate.Range(min=1, max=730))
    min_attempts = fields.Integer(load_default=3, validate=validate.Range(min=1, max=100))


class CsvQuery(SummaryQuery, StrugglingQuery):
    pass


class StatusCount(Schema):
    status = fields.String()
    count = fields.Integer()


class CategoryCount(Schema):
    category = fields.String()
    count = fields.Integer()


class AreaCount(Schema):
    committee_id = fields.UUID()
    name = fields.String()
    persons = fields.Integer()
    households = fields.Integer()


class HelperCount(Schema):
    helper_id = fields.UUID(allow_none=True)
    name = fields.String()
    persons = fields.Integer()
    households = fields.Integer()


class Cohort(Schema):
    graduation_year = fields.Integer()
    total = fields.Integer()
    statuses = fields.List(fields.Nested(StatusCount))


class OverdueHelper(Schema):
    helper_id = fields.UUID(allow_none=True)
    name = fields.String()
    overdue = fields.Integer()
    most_days_overdue = fields.Integer()


class Overdue(Schema):
    total = fields.Integer()
    by_helper = fields.List(fields.Nested(OverdueHelper))


class TargetLine(Schema):
    service = fields.String()
    target = fields.Integer()
    met = fields.Integer(metadata={"description": "Persons who reached this line"})


class ServiceTarget(Schema):
    population = fields.Integer()
    met = fields.Integer(metadata={"description": "Persons who reached every line"})
    in_progress = fields.Integer()
    missed = fields.Integer()
    targets = fields.List(fields.Nested(TargetLine))


class ZeroEmploymentTarget(Schema):
    households = fields.Integer()
    placed = fields.Integer()
    placed_within_month = fields.Integer()
    waiting_within_month = fields.Integer()
    overdue = fields.Integer()


class Targets(Schema):
    service_131 = fields.Nested(ServiceTarget)
    service_3333 = fields.Nested(ServiceTarget)
    zero_employment_month = fields.Nested(ZeroEmploymentTarget)


class Stage(Schema):
    stage = fields.String()
    count = fields.Integer()


class Funnel(Schema):
    stages = fields.List(fields.Nested(Stage))
    declined = fields.Integer()
    rejected = fields.Integer()


class Scope(Schema):
    role = fields.String()
    area_id = fields.UUID(allow_none=True)
    filters = fields.Dict()


class Summary(Schema):
    generated_at = UTCDateTime()
    today = fields.Date()
    scope = fields.Nested(Scope)
    persons = fields.Integer()
    by_status = fields.List(fields.Nested(StatusCount))
    by_category = fields.List(fields.Nested(CategoryCount))
    by_committee = fields.List(fields.Nested(AreaCount))
    by_helper = fields.List(fields.Nested(HelperCount))
    cohort = fields.Nested(Cohort)
    overdue = fields.Nested(Overdue)
    targets = fields.Nested(Targets)
    funnel = fields.Nested(Funnel)
    struggling = fields.Integer(metadata={"description": "Persons on the targeted-help list"})


class StrugglingItem(Schema):
    person_id = fields.UUID()
    name = fields.String()
    status = fields.String()
    category = fields.String()
    helper_id = fields.UUID(allow_none=True)
    helper_name = fields.String()
    household_id = fields.UUID()
    committee = fields.String()
    attempts = fields.Integer(
        metadata={"description": "Jobs applied for, interviewed at or rejected from in the window"}
    )
    applied = fields.Integer()
    interviews = fields.Integer()
    rejections = fields.Integer()
    last_attempt_at = fields.String()
    at_risk = fields.Dict(
        allow_none=True,
        metadata={"description": "In a job and likely to quit: {employer, note} of the placement"},
    )


class StrugglingList(Schema):
    days = fields.Integer()
    min_attempts = fields.Integer()
    items = fields.List(fields.Nested(StrugglingItem))
