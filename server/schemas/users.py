"""Account management (admins; supervisors and helpers create client accounts)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..domain.vocabulary import ROLES
from .auth import UserSchema
from .common import PageQuery, UTCDateTime, one_of, page_schema, text

USERNAME = validate.Regexp(r"^[A-Za-z0-9_.@-]{3,64}$", error="3–64 letters, digits or _ . @ -")


class UserCreate(Schema):
    username = fields.String(required=True, validate=USERNAME)
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    role = fields.String(required=True, validate=one_of(ROLES))
    password = fields.String(validate=validate.Length(min=8, max=200), load_only=True)
    area_id = fields.UUID(allow_none=True)
    person_id = fields.UUID(allow_none=True)
    phone = text(32, allow_none=True)
    locale = fields.String(validate=one_of(("zh-CN", "en")))


#: The roles an admin moves staff between; a client account stays a client's (it is a file's).
STAFF_ROLES = ("helper", "supervisor", "admin")


class UserUpdate(Schema):
    display_name = fields.String(validate=validate.Length(min=1, max=120))
    role = fields.String(
        validate=one_of(STAFF_ROLES),
        metadata={"description": "Admins: move staff between roles (ends their sessions)"},
    )
    area_id = fields.UUID(allow_none=True)
    phone = text(32, allow_none=True)
    locale = fields.String(validate=one_of(("zh-CN", "en")))
    is_active = fields.Boolean()
    password = fields.String(validate=validate.Length(min=8, max=200), load_only=True)
    current_password = fields.String(
        validate=validate.Length(min=1, max=200),
        load_only=True,
        metadata={"description": "Required to change your own password"},
    )


class ClientAccountIn(Schema):
    """A helper opens an account for a person in their caseload."""

    person_id = fields.UUID(required=True)
    username = fields.String(required=True, validate=USERNAME)


class InvitationOut(Schema):
    user = fields.Nested(UserSchema)
    code = fields.String(metadata={"description": "Give this to the client; shown only once"})
    expires_at = UTCDateTime()


class UserQuery(PageQuery):
    role = fields.String(validate=one_of(ROLES))
    area_id = fields.UUID()


UserPage = page_schema(UserSchema, "UserPage")
