"""The pull cursor codec: opaque base64url of ``{"e": epoch, "s": position}``.

The client never looks inside; the epoch lets the server detect a cursor from another life of
the database (a restore) and answer ``reset`` (PROTOCOL.md section 8).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from sync.errors import BadCursor


@dataclass(frozen=True)
class Cursor:
    """A decoded cursor."""

    #: Database epoch the position belongs to.
    epoch: str
    #: Change-log position of the last change already delivered.
    position: int


def encode_cursor(cursor: Cursor) -> str:
    """The opaque wire token."""
    raw = json.dumps({"e": cursor.epoch, "s": cursor.position}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> Cursor:
    """Decode a wire token, raising :class:`BadCursor` for anything garbled."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        body = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadCursor("the cursor cannot be decoded") from exc
    if not isinstance(body, dict):
        raise BadCursor("the cursor is not an object")
    epoch, position = body.get("e"), body.get("s")
    if not isinstance(epoch, str) or not isinstance(position, int) or isinstance(position, bool):
        raise BadCursor("the cursor lacks its epoch or position")
    if position < 0:
        raise BadCursor("the cursor position is negative")
    return Cursor(epoch, position)
