"""Login, tokens, activation and the user record as the API shows it."""

from __future__ import annotations

from flask import current_app
from marshmallow import Schema, fields, validate

from .common import UTCDateTime, text
from .devices import DeviceSelf


def _device_label() -> fields.Field[str]:
    """A label for the device being signed in (`Li's phone`); from the browser when left out."""
    return text(64, load_default=None, allow_none=True, load_only=True)


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


class MeSchema(UserSchema):
    """The signed-in user, with the phone's lock settings (the vault keeps them offline)."""

    lock_after_minutes = fields.Function(
        lambda _user: current_app.config.get("LOCK_AFTER_MINUTES", 10),
        metadata={"description": "Idle minutes before the app locks"},
    )
    max_pin_attempts = fields.Function(
        lambda _user: current_app.config.get("MAX_PIN_ATTEMPTS", 5),
        metadata={"description": "Wrong PINs before the phone wipes its synced data"},
    )


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=200), load_only=True
    )
    device_label = _device_label()


class TokensOut(Schema):
    """A device session's tokens. Keep the refresh token: each one is exchanged only once."""

    access_token = fields.String()
    refresh_token = fields.String()
    user = fields.Nested(MeSchema)
    device = fields.Nested(DeviceSelf)
    wipe = fields.Boolean(
        metadata={"description": "On refresh, true: this device was reported lost; push, then wipe"}
    )


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
    device_label = _device_label()
