"""Matches of open jobs for a person: the job, the score, its named parts and the reasons."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .jobs import JobSchema


class MatchQuery(Schema):
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))
    include_recommended = fields.Boolean(
        load_default=False,
        metadata={"description": "Also list jobs already recommended to this person"},
    )


class MatchReason(Schema):
    part = fields.String(
        metadata={
            "description": "major, industry, role, skills, place, pay, education or public_welfare"
        }
    )
    code = fields.String(metadata={"description": "Stable code the PWA translates"})
    positive = fields.Boolean()
    params = fields.Dict()
    zh = fields.String()
    en = fields.String()


class MatchSchema(Schema):
    version = fields.Integer()
    score = fields.Float()
    parts = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        metadata={"description": "Weighted contribution of each part"},
    )
    reasons = fields.List(fields.Nested(MatchReason))


class MatchItem(Schema):
    job = fields.Nested(JobSchema)
    match = fields.Nested(MatchSchema)
    recommendation_state = fields.String(allow_none=True)


class MatchList(Schema):
    person_id = fields.UUID()
    open_jobs = fields.Integer()
    took_ms = fields.Float()
    items = fields.List(fields.Nested(MatchItem))
