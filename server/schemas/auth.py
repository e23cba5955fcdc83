"""Login, tokens, activation and the user record as the API shows it."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import UTCDateTime


class UserSchema(Schema):
    id = fields.UUID(dump_only=True)
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    area_id = fields.UUID(allow_none=True)
    person_id = fields.UUID(allow_none=True)
    locale = fields.String()
    phone = fields.String(allow_none=True)
    is_active = fields.Boolean()
    activated = fields.Method("_activated")
    last_login_at = UTCDateTime(allow_none=True, dump_only=True)

    def _activated(self, user: object) -> bool:
        return getattr(user, "password_hash", None) is not None


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=200), load_only=True
    )


class TokensOut(Schema):
    access_token = fields.String()
    refresh_token = fields.String()
    user = fields.Nested(UserSchema)


class AccessOut(Schema):
    access_token = fields.String()


class ActivateIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    code = fields.String(required=True, validate=validate.Length(min=4, max=32))
    password = fields.String(
        required=True, validate=validate.Length(min=8, max=200), load_only=True
    )
