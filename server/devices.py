"""Devices: the sessions a user has open, what they are called, when they were last seen, and a
lost phone's wipe.

A device is a device session (`AuthSession`, server/sessions.py): one sign-in of one user on one
phone or browser. This module holds the rules about devices as people see them:

- a label the user chose at login or in settings, else one read from the browser's User-Agent;
- `last_seen_at`, written at most once a minute per session (`SEEN_EVERY`) by the token check,
  so a busy phone costs one small UPDATE a minute, never one per request;
- who may see and end whose devices (`in_scope`): everyone their own, a supervisor the helpers
  of their sub-district, an admin everyone;
- the lost phone (`end(..., wipe=True)`): the session is marked, not revoked. On its next
  contact the phone may still push (its work is applied through the normal sync path, the ops
  carrying its client id as their device), refresh its access token to do so, and log out;
  every other request is a 401 `device_wiped`, and push and refresh answers carry `wipe: true`.
  When the phone has handed over it logs out, and the session is dead for good (`wiped`).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import g, request
from sqlalchemy import Select, or_, select, update

from .errors import ApiError, NotFound
from .extensions import db, jwt
from .models import AuthSession, User, utcnow

#: `last_seen_at` is kept to this precision: fresher than this, the token check writes nothing.
SEEN_EVERY = timedelta(minutes=1)

#: What a phone told to wipe may still do: hand over its work (push, with a fresh access token)
#: and say it is done (logout).
WIPING_ALLOWED = frozenset({"sync.push", "auth.refresh", "auth.logout"})

#: How long a phone told to wipe may still hand over its work (a phone off over a weekend).
HANDOVER = timedelta(days=3)
LABEL_MAX = 64


class DeviceWiped(ApiError):
    status = 401
    code = "device_wiped"


def state_of(session: AuthSession, now: datetime | None = None) -> str:
    """`active`, `wiping` (told to wipe, not yet handed over), `wiped`, `ended` or `expired`."""
    if session.revoked_at is not None:
        return "wiped" if session.revoked_reason == "wiped" else "ended"
    if session.wipe_requested_at is not None:
        return "wiping"
    if session.expires_at < (now or utcnow()):
        return "expired"
    return "active"


# --- labels ------------------------------------------------------------------------------------

_BROWSERS = (
    ("MicroMessenger", "WeChat"),
    ("EdgA?/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("UCBrowser", "UC Browser"),
    ("HuaweiBrowser", "Huawei Browser"),
    ("Firefox/", "Firefox"),
    ("Chrome/|CriOS/|Chromium/", "Chrome"),
    ("Version/.*Safari/", "Safari"),
    ("AppleWebKit", "WebKit"),
)
_SYSTEMS = (
    ("HarmonyOS", "HarmonyOS"),
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X|Macintosh", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def label_from_agent(agent: str | None) -> str:
    """A name for a browser in any language: "Chrome · Android", "Safari · iPhone", else "Browser"."""
    agent = agent or ""
    browser = next((name for pattern, name in _BROWSERS if re.search(pattern, agent)), None)
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, agent)), None)
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or "Browser"


def label_for_login(given: str | None) -> str:
    """The label a new session gets: what the user typed, else the browser's."""
    text = " ".join((given or "").split())[:LABEL_MAX]
    return text or label_from_agent(request.headers.get("User-Agent"))[:LABEL_MAX]


# --- the token check: last seen, and the wipe order --------------------------------------------


def current_session() -> AuthSession | None:
    """The session the request's verified token names (None for a token of no family)."""
    session: AuthSession | None = g.get("doorstep_device_session")
    return session


@jwt.token_verification_loader
def _check_device(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    """Runs after the blocklist check on every verified token: refuses a wiped device outside
    its hand-over, and notes that the device was seen (at most once a minute)."""
    family = payload.get("fam")
    if family is None:
        return True
    # security.py's blocklist check keeps the row in `g.doorstep_session` when it can; else
    # one primary-key read (the row it read may already be gone from the identity map).
    session = g.get("doorstep_session")
    if session is None or str(session.id) != str(family):
        session = db.session.get(AuthSession, uuid.UUID(str(family)))
    if session is None:
        return True  # the blocklist check has answered already
    g.doorstep_device_session = session
    if session.wipe_requested_at is not None and request.endpoint not in WIPING_ALLOWED:
        raise DeviceWiped("This device was reported lost: it must hand over its work and wipe.")
    _seen(session)
    return True


def _seen(session: AuthSession) -> None:
    now = utcnow()
    if session.last_seen_at is not None and now - session.last_seen_at < SEEN_EVERY:
        return
    # Its own short transaction, before the view runs: nothing of the request is pending yet,
    # and the WHERE makes two workers' writes in the same minute one.
    db.session.execute(
        update(AuthSession)
        .where(
            AuthSession.id == session.id,
            or_(AuthSession.last_seen_at.is_(None), AuthSession.last_seen_at < now - SEEN_EVERY),
        )
        .values(last_seen_at=now),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()


def wipe_pending(payload: dict[str, Any]) -> bool:
    """Is the token's session a lost phone still to wipe? For an *expired* token's answer: a
    phone found after its tokens ran out must still be told to wipe (`device_wiped`), not to
    log in again with everything on it."""
    try:
        family = uuid.UUID(str(payload["fam"]))
    except (KeyError, ValueError):
        return False
    session = db.session.get(AuthSession, family)
    return session is not None and session.revoked_at is None and (
        session.wipe_requested_at is not None
    )


def saw_client(client_id: str | None) -> bool:
    """A push names the sync client id of the session's phone: remember it (the first push of
    a session). Returns whether anything changed; the caller commits then."""
    session = current_session()
    if session is None or not client_id or session.client_id == client_id[:64]:
        return False
    session.client_id = client_id[:64]
    return True


def wipe_ordered() -> bool:
    """Must the phone behind this request wipe after handing over? (For push and refresh.)"""
    session = current_session()
    return session is not None and session.wipe_requested_at is not None


# --- who sees and ends whose devices -----------------------------------------------------------


def owners_in_scope(user: User) -> Select[Any]:
    """Accounts whose devices `user` may see and end: an admin everyone; a supervisor the
    helpers of their sub-district and themselves; anyone else themselves."""
    if user.role == "admin":
        return select(User.id)
    if user.role == "supervisor":
        return select(User.id).where(
            or_(User.id == user.id, (User.role == "helper") & (User.area_id == user.area_id))
        )
    return select(User.id).where(User.id == user.id)


def devices(
    user: User, owner_id: uuid.UUID | None = None, ended: bool = False
) -> list[tuple[AuthSession, User]]:
    """(session, owner) rows in scope, most recently seen first. Expired and ended sessions
    only when `ended` (a lost phone told to wipe is listed until it has handed over)."""
    query = (
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.user_id.in_(owners_in_scope(user)))
    )
    if owner_id is not None:
        query = query.where(AuthSession.user_id == owner_id)
    if not ended:
        query = query.where(
            AuthSession.revoked_at.is_(None),
            or_(AuthSession.expires_at >= utcnow(), AuthSession.wipe_requested_at.is_not(None)),
        )
    query = query.order_by(
        AuthSession.last_seen_at.desc().nulls_last(), AuthSession.created_at.desc()
    )
    return [(row[0], row[1]) for row in db.session.execute(query)]


def one(user: User, session_id: uuid.UUID) -> tuple[AuthSession, User]:
    """A device in `user`'s scope, or 404 (the same answer as a missing one)."""
    row = db.session.execute(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.id == session_id, AuthSession.user_id.in_(owners_in_scope(user)))
    ).first()
    if row is None:
        raise NotFound("No device with that id.")
    return row[0], row[1]


def end(by: User, session: AuthSession, wipe: bool) -> None:
    """End a device's session now; with `wipe`, let it hand over its work first. Caller commits.
    Ending without wipe a session told to wipe ends it at once (the phone's work is given up
    by whoever decided so: it is kept on the phone, which can no longer push it)."""
    now = utcnow()
    if session.revoked_at is not None:
        return
    if wipe:
        if session.wipe_requested_at is None:
            session.wipe_requested_at, session.wipe_requested_by_id = now, by.id
            # The hand-over has an end: refreshes no longer extend the session (sessions.py),
            # so whoever holds the phone cannot keep pushing as the helper by ignoring the wipe.
            session.expires_at = min(session.expires_at, now + HANDOVER)
        return
    session.revoked_at, session.revoked_by_id, session.revoked_reason = now, by.id, "ended"


def relabel(session: AuthSession, label: str) -> None:
    """The user names their own device. Caller commits."""
    session.label = " ".join(label.split())[:LABEL_MAX] or session.label
