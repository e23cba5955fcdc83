"""A graduate's own job search: open jobs ranked for them, with the reasons in their language."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import PageQuery
from .jobs import JobSchema, RecommendationSchema
from .matching import MatchSchema


class MyJobsQuery(PageQuery):
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))
    industry = fields.String(validate=validate.Length(max=80))
    place = fields.String(validate=validate.Length(max=120),
                          metadata={"description": "Part of the job's place or area name"})
    lang = fields.String(validate=validate.OneOf(("zh", "en")),
                         metadata={"description": "Language of `reasons` (default: your locale)"})


class MyReason(Schema):
    code = fields.String()
    positive = fields.Boolean()
    text = fields.String(metadata={"description": "The reason in the asked language"})


class MyJob(Schema):
    job = fields.Nested(JobSchema)
    match = fields.Nested(MatchSchema)
    reasons = fields.List(fields.Nested(MyReason))
    recommendation_id = fields.UUID(allow_none=True)
    recommendation_state = fields.String(allow_none=True)


class MyJobsPage(Schema):
    items = fields.List(fields.Nested(MyJob))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    open_jobs = fields.Integer(metadata={"description": "Open jobs in all, before the filters"})
    industries = fields.List(fields.String(), metadata={"description": "Industries to filter by"})


class MyInterest(Schema):
    recommendation = fields.Nested(RecommendationSchema)
    created = fields.Boolean(metadata={"description": "A new recommendation (the job was not "
                                                      "recommended to you before)"})
