"""What signing in keeps on the server: one row per device session, and the login throttle.

A device session is a *refresh token family*: login starts one, every refresh rotates its token
(only the newest `refresh_jti` is accepted, the one before it for a short grace), and presenting
an older token again means it was copied, so the whole family is revoked. Access tokens name
their family too, so revoking it (logout, reuse, another session's password change) ends the
device's access at once, not when its access token expires.

`ThrottleRecord` holds the login throttle's counters when they live in the database (the
default; Redis holds the same fields when configured, see server/throttle.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow


class AuthSession(db.Model):  # type: ignore[name-defined,misc]
    """One signed-in device of one user: a refresh token family."""

    __tablename__ = "auth_session"

    #: The family id, carried by every access and refresh token of the session as `fam`.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    #: The X-Device-Id the session was opened from (`web` when none), shown to whoever reviews.
    device_id: Mapped[str] = mapped_column(String(64))
    #: The only refresh token of the family the server still exchanges...
    refresh_jti: Mapped[str] = mapped_column(String(64))
    #: ...and the one before it, accepted again until `rotated_at` + the grace (a lost answer).
    previous_jti: Mapped[str | None] = mapped_column(String(64), default=None)
    rotated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: When the family's last refresh token expires; rows past it can be pruned.
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: `logout`, `reuse`, `password`, `deactivated`, `reset`, `ended` (by an admin or a
    #: supervisor) or `wiped` (a lost phone that handed over its work and was told to wipe).
    revoked_reason: Mapped[str | None] = mapped_column(String(16), default=None)
    #: Who ended the session from the device list (None: the device itself, or the account).
    revoked_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    #: What the user calls this device ("Li's Android phone"); from the browser when not given.
    label: Mapped[str | None] = mapped_column(String(64), default=None)
    #: The last authenticated request, to the minute (server/devices.py writes it at most once
    #: a minute per session, so a busy phone costs one small UPDATE a minute).
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: The sync client id the phone pushes with, once it has pushed: links the session to the
    #: ops it sent (they carry that id as their device).
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    #: A lost phone: set by "end and wipe". Until the phone hands over, its session may only
    #: push, refresh and log out, and every answer tells it to wipe (server/devices.py).
    wipe_requested_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    wipe_requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )


class ThrottleRecord(db.Model):  # type: ignore[name-defined,misc]
    """Failed sign-in attempts of one account or one address, and until when it must wait."""

    __tablename__ = "login_throttle"

    #: `account:<username>` or `address:<ip>`.
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
