"""Employers, their contacts, enterprise visits and the vacancy lines a visit collects.

The same schemas validate what a phone pushes (`server/sync_store/maps/employers.py`) and what
REST receives, so a phone can store nothing the API would refuse.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from sync.vocabulary import VOCABULARY

from ..domain.vocabulary import EDUCATION_LEVELS
from .common import PageQuery, UTCDateTime, one_of, page_schema, text
from .jobs import JobSchema

EMPLOYER_SIZES: tuple[str, ...] = tuple(VOCABULARY["employer_sizes"])


class EmployerContact(Schema):
    name = text(80, min_len=1, required=True)
    role = text(80, allow_none=True)
    phone = text(40, allow_none=True)


_EMPLOYER_FIELDS: dict[str, fields.Field[Any]] = dict(
    name=text(160, min_len=1),
    credit_code=fields.String(allow_none=True, validate=validate.Length(max=40),
                              metadata={"description": "统一社会信用代码, 18 characters"}),
    industry=text(80, allow_none=True),
    size=fields.String(allow_none=True, validate=one_of(EMPLOYER_SIZES)),
    address=text(200, allow_none=True),
    park=text(120, allow_none=True),
    area_id=fields.UUID(allow_none=True),
    contacts=fields.List(fields.Nested(EmployerContact), validate=validate.Length(max=20)),
    notes=text(4000, allow_none=True),
)

EmployerUpdate = Schema.from_dict(dict(_EMPLOYER_FIELDS), name="EmployerUpdate")


class EmployerCreate(Schema.from_dict(dict(_EMPLOYER_FIELDS), name="EmployerCreateBase")):  # type: ignore[misc]
    id = fields.UUID()
    name = text(160, min_len=1, required=True)


class EmployerSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    credit_code = fields.String(allow_none=True)
    industry = fields.String(allow_none=True)
    size = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    park = fields.String(allow_none=True)
    area_id = fields.UUID(allow_none=True)
    contacts = fields.List(fields.Dict())
    notes = fields.String(allow_none=True)
    by_user_id = fields.UUID(allow_none=True)
    open_vacancies = fields.Integer(dump_only=True)
    created_at = UTCDateTime()
    updated_at = UTCDateTime()


class EmployerDetail(EmployerSchema):
    jobs = fields.List(fields.Nested(JobSchema), dump_only=True)


class EmployerQuery(PageQuery):
    park = fields.String(validate=validate.Length(max=120))


class VacancyLine(Schema):
    """One vacancy collected at a visit: a new job, or (with the id of one of the employer's
    jobs) a change to it."""

    id = fields.UUID()
    title = text(160, min_len=1)
    headcount = fields.Integer(validate=validate.Range(min=1, max=100000))
    pay_min = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000))
    pay_max = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10_000_000))
    education_level = fields.String(allow_none=True, validate=one_of(EDUCATION_LEVELS))
    majors = fields.List(text(80, min_len=1), validate=validate.Length(max=30))
    skills = fields.List(text(60, min_len=1), validate=validate.Length(max=50))
    closing_date = fields.Date(allow_none=True)
    description = text(4000, allow_none=True)
    is_open = fields.Boolean()

    @validates_schema
    def _pay(self, data: dict[str, object], **kwargs: object) -> None:
        low, high = data.get("pay_min"), data.get("pay_max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise ValidationError("must not be less than pay_min", "pay_max")


class EnterpriseVisitCreate(Schema):
    id = fields.UUID()
    employer_id = fields.UUID(required=True)
    occurred_at = UTCDateTime(required=True)
    notes = text(10000)
    met = text(160, allow_none=True)
    vacancies = fields.List(fields.Nested(VacancyLine), validate=validate.Length(max=50))
    lat = fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90))
    lng = fields.Float(allow_none=True, validate=validate.Range(min=-180, max=180))


class EnterpriseVisitSchema(Schema):
    id = fields.UUID()
    employer_id = fields.UUID()
    area_id = fields.UUID(allow_none=True)
    occurred_at = UTCDateTime()
    notes = fields.String()
    met = fields.String(allow_none=True)
    vacancies = fields.List(fields.Dict())
    lat = fields.Float(allow_none=True)
    lng = fields.Float(allow_none=True)
    author_id = fields.UUID(allow_none=True)
    author_name = fields.String(dump_only=True, allow_none=True)
    device_id = fields.String(allow_none=True)


class EmployerHistoryEntry(Schema):
    at = UTCDateTime()
    #: `visit`, `opened`, `closed`, `changed`.
    kind = fields.String()
    by = fields.String(allow_none=True)
    device = fields.String(allow_none=True)
    job_id = fields.UUID(allow_none=True)
    title = fields.String(allow_none=True)
    visit_id = fields.UUID(allow_none=True)
    vacancies = fields.Integer(allow_none=True)
    changes = fields.Dict()


class EmployerHistory(Schema):
    employer_id = fields.UUID()
    entries = fields.List(fields.Nested(EmployerHistoryEntry))


EmployerPage = page_schema(EmployerSchema, "EmployerPage")
