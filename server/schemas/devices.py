"""Devices as the API shows them (server/devices.py): the list, ending a session, a label, and
the push answer that tells a lost phone to wipe."""

from __future__ import annotations

from marshmallow import Schema, fields

from .common import UTCDateTime, text
from .sync import PushOut

STATES = ("active", "wiping", "wiped", "ended", "expired")


class DeviceOut(Schema):
    """One signed-in device of one user."""

    id = fields.UUID(metadata={"description": "The session id (`fam` in its tokens)"})
    user_id = fields.UUID()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    label = fields.String(allow_none=True)
    client_id = fields.String(
        allow_none=True, metadata={"description": "The sync client id its ops carry as device"}
    )
    created_at = UTCDateTime()
    last_seen_at = UTCDateTime(allow_none=True, metadata={"description": "To the minute"})
    state = fields.String(metadata={"description": " | ".join(STATES)})
    wipe_requested_at = UTCDateTime(allow_none=True)
    current = fields.Boolean(metadata={"description": "The device making this request"})


class DeviceSelf(Schema):
    """The device a login opened, as the phone keeps it."""

    id = fields.UUID()
    label = fields.String(allow_none=True)
    created_at = UTCDateTime()


class DeviceQuery(Schema):
    user_id = fields.UUID(metadata={"description": "Only this account's devices"})
    ended = fields.Boolean(
        load_default=False, metadata={"description": "Also ended and expired sessions"}
    )


class DeviceEndIn(Schema):
    wipe = fields.Boolean(
        load_default=False,
        metadata={
            "description": "A lost phone: let it push its unsynced work, then tell it to wipe"
        },
    )


class DeviceLabelIn(Schema):
    label = text(64, min_len=1, required=True)


class DeviceList(Schema):
    items = fields.List(fields.Nested(DeviceOut))


class PushWipeOut(PushOut):
    wipe = fields.Boolean(
        metadata={"description": "true: this device was reported lost; push, then wipe"}
    )
