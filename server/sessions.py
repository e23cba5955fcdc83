"""Device sessions: the tokens a sign-in gives, their rotation, and the ways a session ends.

Rules (tested in tests/server/api/test_sessions.py):
- login and activation open a session (a refresh token family, `AuthSession`) for the device;
- `POST /api/auth/refresh` exchanges the family's newest refresh token for a new pair; the one
  just exchanged is accepted again for `REFRESH_REUSE_GRACE_SECONDS` (the answer may have been
  lost on a poor signal) and is then answered with a token of the *current* jti, so a retry
  never forks the family;
- any other old token of the family is a copy in someone else's hands: the family is revoked,
  and with it every access token that names it;
- logout revokes the caller's family (a lost phone told to wipe is then `wiped`: it handed
  over, server/devices.py); changing one's own password revokes every other family;
  deactivation and an admin's password reset raise the account's `token_version`, which ends
  every token of the account, in or out of a family, for good.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_jwt_extended import create_access_token, create_refresh_token
from sqlalchemy import delete, update

from .errors import ApiError
from .extensions import db
from .models import AuthSession, User, utcnow

#: A refresh token issued before sessions existed gets a family named after its jti, so using
#: it a second time is caught like any other reuse.
LEGACY_FAMILY = uuid.UUID("6d0f8a52-3c1e-4f8b-9a57-2b1d7c1e4a90")


class SessionEnded(ApiError):
    status = 401
    code = "session_ended"


def _refresh_lifetime() -> timedelta:
    return timedelta(seconds=current_app.config["JWT_REFRESH_TOKEN_EXPIRES"].total_seconds())


def _pair(user: User, session: AuthSession) -> dict[str, Any]:
    family = str(session.id)
    claims = {"tv": user.token_version, "fam": family}
    return {
        "access_token": create_access_token(
            identity=user, additional_claims={**claims, "role": user.role}
        ),
        "refresh_token": create_refresh_token(
            identity=user, additional_claims={**claims, "jti": session.refresh_jti},
            # A phone told to wipe: its hand-over never outlives the session's frozen end.
            expires_delta=(max(session.expires_at - utcnow(), timedelta(seconds=1))
                           if session.wipe_requested_at is not None else None),
        ),
        "user": user,
        "device": session,
    }


def open_session(user: User, device: str, label: str | None = None) -> dict[str, Any]:
    """A new family for `device`, called `label`: the tokens of a login or an activation.
    Caller commits. The user's families whose last token has expired go (nothing can use them
    any more), but not a lost phone's still told to wipe: it must be listed until it hands over."""
    now = utcnow()
    db.session.execute(
        delete(AuthSession).where(
            AuthSession.user_id == user.id,
            AuthSession.expires_at < now,
            AuthSession.wipe_requested_at.is_(None),
        ),
        execution_options={"synchronize_session": False},
    )
    session = AuthSession(
        user_id=user.id,
        device_id=device,
        label=label,
        refresh_jti=str(uuid.uuid4()),
        rotated_at=now,
        created_at=now,
        last_seen_at=now,
        expires_at=now + _refresh_lifetime(),
    )
    db.session.add(session)
    db.session.flush()
    return _pair(user, session)


def rotate(user: User, payload: dict[str, Any], device: str) -> dict[str, Any]:
    """Exchange the refresh token `payload` for a new pair, or end its family if it is a copy.
    Commits: a detected reuse must stay revoked although the request fails."""
    jti = str(payload.get("jti", ""))
    session = _family_of(user, payload, device)
    now = utcnow()
    if jti == session.refresh_jti and _swap(session, jti, now):
        tokens = _pair(user, session)
        db.session.commit()
        return tokens
    # Someone else rotated first (another tab, a retry), or this is an old token.
    grace = timedelta(seconds=current_app.config["REFRESH_REUSE_GRACE_SECONDS"])
    if jti == session.previous_jti and now - session.rotated_at <= grace:
        tokens = _pair(user, session)  # the current jti again: the family never forks
        db.session.commit()
        return tokens
    _revoke(session, "reuse", now)
    db.session.commit()
    raise SessionEnded(
        "This sign-in was used from somewhere else; log in again.", code="refresh_reused"
    )


def _swap(session: AuthSession, jti: str, now: datetime) -> bool:
    """Compare-and-swap the family's refresh jti: of two refreshes at once, exactly one wins
    (on PostgreSQL and SQLite alike, with no lock held across the check). Reloads `session`.
    A session told to wipe keeps its end: refreshing does not extend a lost phone's hand-over."""
    expires = session.expires_at if session.wipe_requested_at is not None else now + _refresh_lifetime()
    swapped = db.session.execute(
        update(AuthSession)
        .where(AuthSession.id == session.id, AuthSession.refresh_jti == jti)
        .values(
            refresh_jti=str(uuid.uuid4()),
            previous_jti=jti,
            rotated_at=now,
            expires_at=expires,
        ),
        execution_options={"synchronize_session": False},
    )
    db.session.refresh(session)
    return bool(getattr(swapped, "rowcount", 0))


def _family_of(user: User, payload: dict[str, Any], device: str) -> AuthSession:
    jti = str(payload.get("jti", ""))
    family = payload.get("fam")
    family_id = uuid.UUID(str(family)) if family else uuid.uuid5(LEGACY_FAMILY, jti)
    # Re-read: the token check loaded it at the start of the request.
    session = db.session.get(AuthSession, family_id, populate_existing=True)
    if session is not None:
        return session
    if family:  # the blocklist loader refuses unknown families; this is a race with a prune
        raise SessionEnded("This sign-in has ended; log in again.")
    now = utcnow()
    session = AuthSession(
        id=family_id,
        user_id=user.id,
        device_id=device,
        refresh_jti=jti,
        rotated_at=now,
        created_at=now,
        expires_at=now + _refresh_lifetime(),
    )
    db.session.add(session)
    db.session.flush()
    return session


def _revoke(session: AuthSession, reason: str, now: datetime) -> None:
    if session.revoked_at is None:
        session.revoked_at, session.revoked_reason = now, reason


def end(payload: dict[str, Any]) -> None:
    """Logout: end the family the token names (nothing to do for a token of no family)."""
    family = payload.get("fam")
    if family is None:
        return
    session = db.session.get(AuthSession, uuid.UUID(str(family)))
    if session is not None:
        _revoke(session, "logout" if session.wipe_requested_at is None else "wiped", utcnow())


def end_others(user: User, keep: Any, reason: str = "password") -> None:
    """Revoke every session of `user` but the family `keep` (the caller's own, if any)."""
    query = update(AuthSession).where(
        AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None)
    )
    if keep:
        query = query.where(AuthSession.id != uuid.UUID(str(keep)))
    db.session.execute(
        query.values(revoked_at=utcnow(), revoked_reason=reason),
        execution_options={"synchronize_session": False},
    )


def end_all(user: User, reason: str) -> None:
    """Every token of `user` stops working, in or out of a session, now and later."""
    user.token_version = (user.token_version or 0) + 1
    end_others(user, None, reason)
