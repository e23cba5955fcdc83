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
    activated = fields.Boolean(dump_only=True)
    last_login_at = UTCDateTime(allow_none=True, dump_only=True)


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=200), load_only=True
    )


class TokensOut(Schema):
    """A device session's tokens. Keep the refresh token: each one is exchanged only once."""

    access_token = fields.String()
    refresh_token = fields.String()
    user = fields.Nested(UserSchema)


class ActivateIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    code = fields.String(
        required=True,
        validate=validate.Length(min=4, max=32),
        metadata={"description": "As given, e.g. `ABCD-EFGH-JKMNP`: case and dashes do not matter"},
    )
    password = fields.String(
        required=True, validate=validate.Length(min=8, max=200), load_only=True
    )
