"""Areas and households."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..domain.vocabulary import AREA_KINDS
from .common import PageQuery, RoleSchema, UTCDateTime, field_text, one_of, page_schema, text


class AreaSchema(Schema):
    id = fields.UUID(dump_only=True)
    name = text(120, min_len=1, required=True)
    kind = fields.String(required=True, validate=one_of(AREA_KINDS))
    parent_id = fields.UUID(allow_none=True, load_default=None)


class AreaUpdate(Schema):
    name = text(120, min_len=1)


class AreaQuery(Schema):
    kind = fields.String(validate=one_of(AREA_KINDS))
    parent_id = fields.UUID()


class MemberBrief(Schema):
    id = fields.UUID()
    name = fields.String()
    status = fields.String()
    category = fields.String()


def latitude() -> fields.Float:
    """A home's latitude (WGS 84, as the phone's GPS gives it); null clears it."""
    return fields.Float(allow_none=True, validate=validate.Range(min=-90, max=90))


def longitude() -> fields.Float:
    return fields.Float(allow_none=True, validate=validate.Range(min=-180, max=180))


class HouseholdSchema(RoleSchema):
    """A client may see their own household, but not the files of the others living in it."""

    hidden_for = {"client": ("members", "updated_device")}

    id = fields.UUID()
    address = fields.String()
    committee_id = fields.UUID()
    committee_name = fields.Function(lambda h: h.committee.name if h.committee else None)
    subdistrict_id = fields.UUID(dump_only=True)
    zero_employment = fields.Boolean()
    lat = fields.Float(allow_none=True, metadata={"description": "Where the home is (WGS 84), when a helper set it"})
    lng = fields.Float(allow_none=True)
    primary_helper_id = fields.UUID(allow_none=True)
    partner_helper_id = fields.UUID(allow_none=True)
    members = fields.List(fields.Nested(MemberBrief), dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)
    updated_by_id = fields.UUID(dump_only=True, allow_none=True)
    updated_device = fields.String(dump_only=True, allow_none=True)


class HouseholdCreate(Schema):
    id = fields.UUID(metadata={"description": "Optional: made by the phone when offline"})
    address = field_text("household", "address", min_len=1, required=True)
    committee_id = fields.UUID(required=True)
    zero_employment = fields.Boolean(load_default=False)
    lat = latitude()
    lng = longitude()
    primary_helper_id = fields.UUID(allow_none=True)
    partner_helper_id = fields.UUID(allow_none=True)


class HouseholdUpdate(Schema):
    address = field_text("household", "address", min_len=1)
    committee_id = fields.UUID()
    zero_employment = fields.Boolean()
    lat = latitude()
    lng = longitude()


class AssignmentIn(Schema):
    """Reassign one or many households (supervisors)."""

    household_ids = fields.List(
        fields.UUID(), required=True, validate=validate.Length(min=1, max=1000)
    )
    primary_helper_id = fields.UUID(required=True)
    partner_helper_id = fields.UUID(allow_none=True, load_default=None)


class HouseholdQuery(PageQuery):
    committee_id = fields.UUID()
    helper_id = fields.UUID()
    zero_employment = fields.Boolean()


HouseholdPage = page_schema(HouseholdSchema, "HouseholdPage")
