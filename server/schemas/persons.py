"""A person's file, its status history, and the role views of it.

The identity number is normalised and checked (GB 11643 check character, the birth date it
carries, and that date against `birth_date` when both are sent) here, so REST and sync push
refuse a mistyped one alike; the duplicate check that follows is `server/records/duplicates.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .. import id_number as idn
from ..business_time import business_today
from ..domain.vocabulary import CATEGORIES, EDUCATION_LEVELS, GENDERS, GUIDANCE_STEPS, STATUSES
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
from .guidance import EDITABLE_FIELDS as GUIDANCE_EDITABLE
from .guidance import OUTPUT_FIELDS as GUIDANCE_OUTPUT


class IdNumber(fields.String):
    """An 18-character resident identity number, stored normalised (no spaces, upper-case X)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        loaded = super()._deserialize(value, attr, data, **kwargs)
        if len(loaded) > 40:
            raise ValidationError("Not a valid identity number: must be 18 characters.")
        number = idn.normalise(loaded)
        if number == "":
            return None
        problem = idn.problem(number)
        if problem is not None:
            raise ValidationError(f"Not a valid identity number: {problem}.")
        return number


#: Fields of the file a person (or their helper) may edit; status goes through /status.
EDITABLE: dict[str, fields.Field[Any]] = dict(
    name=field_text("person", "name", min_len=1),
    id_number=IdNumber(allow_none=True, metadata={
        "description": "GB 11643 resident identity number, 18 characters", "maxLength": 40}),
    gender=fields.String(allow_none=True, validate=one_of(GENDERS)),
    birth_date=fields.Date(allow_none=True),
    phone=field_text("person", "phone", allow_none=True),
    email=fields.Email(
        allow_none=True, validate=validate.Length(max=LIMITS.text_max("person", "email"))
    ),
    wechat=field_text("person", "wechat", allow_none=True),
    school=field_text("person", "school", allow_none=True),
    major=field_text("person", "major", allow_none=True),
    education_level=fields.String(allow_none=True, validate=one_of(EDUCATION_LEVELS)),
    graduation_date=fields.Date(allow_none=True),
    category=fields.String(validate=one_of(CATEGORIES)),
    intention_industry=field_text("person", "intention_industry", allow_none=True),
    intention_role=field_text("person", "intention_role", allow_none=True),
    intention_place=field_text("person", "intention_place", allow_none=True),
    intention_pay_min=fields.Integer(
        allow_none=True, validate=validate.Range(min=0, max=10_000_000)
    ),
    intention_pay_max=fields.Integer(
        allow_none=True, validate=validate.Range(min=0, max=10_000_000)
    ),
    skills=fields.List(field_text("person", "skills", min_len=1), validate=validate.Length(max=50)),
    difficulties=fields.List(
        field_text("person", "difficulties", min_len=1), validate=validate.Length(max=50)
    ),
    disadvantaged=fields.Boolean(),
    group_name=field_text("person", "group_name", allow_none=True),
    guidance_step=fields.String(validate=one_of(GUIDANCE_STEPS)),
    **GUIDANCE_EDITABLE,
    registered_on=fields.Date(allow_none=True),
    notes_summary=text(4000, allow_none=True),
)
#: What a client may change in their own file (reviewed changes: lww_review fields).
CLIENT_EDITABLE = (
    "phone",
    "email",
    "wechat",
    "intention_industry",
    "intention_role",
    "intention_place",
    "intention_pay_min",
    "intention_pay_max",
)


class _PayRange(Schema):
    @validates_schema
    def _pay(self, data: dict[str, object], **kwargs: object) -> None:
        low, high = data.get("intention_pay_min"), data.get("intention_pay_max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise ValidationError("must not be less than intention_pay_min", "intention_pay_max")

    @validates_schema
    def _born(self, data: dict[str, object], **kwargs: object) -> None:
        number, born = data.get("id_number"), data.get("birth_date")
        if isinstance(born, date) and not date(1900, 1, 1) <= born <= business_today():
            raise ValidationError("must be between 1900-01-01 and today", "birth_date")
        if isinstance(number, str) and isinstance(born, date) and idn.birth_date_of(number) != born:
            raise ValidationError("does not match the birth date in id_number", "birth_date")


PersonUpdate = _PayRange.from_dict(dict(EDITABLE), name="PersonUpdate")


class PersonCreate(_PayRange.from_dict(dict(EDITABLE), name="PersonCreateBase")):  # type: ignore[misc]
    id = fields.UUID()
    household_id = fields.UUID(required=True)
    name = field_text("person", "name", min_len=1, required=True)
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    status = fields.String(load_default="seeking", validate=one_of(STATUSES))
    helper_id = fields.UUID(allow_none=True)
    #: Open the file although another one has the same phone, or name and birth date.
    confirm_duplicate = fields.Boolean(load_default=False, load_only=True)


class PersonSchema(RoleSchema):
    """The whole file. Clients do not see staff-only fields (notes summary, difficulties...)."""

    hidden_for = {"client": ("notes_summary", "difficulties", "group_name", "updated_device")}

    id = fields.UUID()
    household_id = fields.UUID()
    name = fields.String()
    id_number = fields.String(allow_none=True)
    gender = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    wechat = fields.String(allow_none=True)
    school = fields.String(allow_none=True)
    major = fields.String(allow_none=True)
    education_level = fields.String(allow_none=True)
    graduation_date = fields.Date(allow_none=True)
    status = fields.String()
    category = fields.String()
    intention_industry = fields.String(allow_none=True)
    intention_role = fields.String(allow_none=True)
    intention_place = fields.String(allow_none=True)
    intention_pay_min = fields.Integer(allow_none=True)
    intention_pay_max = fields.Integer(allow_none=True)
    skills = fields.List(fields.String())
    difficulties = fields.List(fields.String())
    disadvantaged = fields.Boolean()
    group_name = fields.String(allow_none=True)
    guidance_step = fields.String()
    guidance_know = GUIDANCE_OUTPUT["guidance_know"]
    guidance_adjust = GUIDANCE_OUTPUT["guidance_adjust"]
    guidance_promote = GUIDANCE_OUTPUT["guidance_promote"]
    registered_on = fields.Date(allow_none=True)
    helper_id = fields.UUID(allow_none=True)
    last_contact_at = UTCDateTime(allow_none=True)
    notes_summary = fields.String(allow_none=True)
    created_at = UTCDateTime()
    updated_at = UTCDateTime()
    updated_by_id = fields.UUID(allow_none=True)
    updated_device = fields.String(allow_none=True)


class StatusChangeIn(Schema):
    to = fields.String(required=True, validate=one_of(STATUSES))
    #: The status the caller believes is current; a mismatch is a 409, not a silent overwrite.
    expected_from = fields.String(validate=one_of(STATUSES))
    note = text(2000)


class StatusEventSchema(Schema):
    id = fields.UUID()
    person_id = fields.UUID()
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    at = UTCDateTime()
    by_user_id = fields.UUID(allow_none=True)
    device_id = fields.String(allow_none=True)
    superseded = fields.Boolean()


class PersonQuery(PageQuery):
    status = fields.String(validate=one_of(STATUSES))
    category = fields.String(validate=one_of(CATEGORIES))
    household_id = fields.UUID()
    helper_id = fields.UUID()
    disadvantaged = fields.Boolean()
    group_name = fields.String(validate=validate.Length(max=64))


PersonPage = page_schema(PersonSchema, "PersonPage")
