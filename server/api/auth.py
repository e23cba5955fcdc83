"""Sign-in: login, token refresh, logout, who-am-I, this device's label, and client activation
with an invitation code.

Login and activation pass the throttle (server/throttle.py) before any check, and answer the
same way, in the same time, for an unknown username, a deactivated account and a wrong
secret. Tokens belong to a device session (server/sessions.py): refresh rotates them, logout
ends them on the server. A device reported lost may still refresh (to push its work), and its
refresh answer says `wipe: true` (server/devices.py).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_jwt_extended import get_jwt, jwt_required
from flask_smorest import Blueprint
from sqlalchemy import select

from .. import devices, sessions
from ..audit import acting_as
from ..errors import ApiError, Conflict
from ..extensions import db, limiter
from ..models import User, utcnow
from ..schemas.auth import ActivateIn, LoginIn, MeSchema, TokensOut
from ..schemas.devices import DeviceLabelIn, DeviceSelf
from ..security import (
    client_address,
    device_id,
    hash_password,
    login_required,
    me,
    verify_invitation_code,
    verify_password,
)

blp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Sign in and tokens")


class BadCredentials(ApiError):
    status = 401
    code = "bad_credentials"


def _account(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


@blp.post("/login")
@blp.arguments(LoginIn)
@blp.response(200, TokensOut)
@blp.alt_response(429, description="Too many failed attempts: wait Retry-After seconds")
@blp.doc(security=[])
def login(body: dict[str, str]) -> dict[str, Any]:
    """Sign in with username and password"""
    username, address = body["username"].strip(), client_address()
    limiter.check(username, address)
    user = _account(username)
    # Checked first and always: the answer takes as long for nobody as for a real account.
    password_ok = verify_password(user, body["password"])
    if user is None or not password_ok or not user.is_active:
        limiter.failed(username, address)
        raise BadCredentials("Wrong username or password.")
    limiter.succeeded(username)
    with acting_as(user.id, device_id()):
        user.last_login_at = utcnow()
        tokens = sessions.open_session(
            user, device_id(), devices.label_for_login(body.get("device_label"))
        )
        db.session.commit()
    return tokens


@blp.post("/refresh")
@jwt_required(refresh=True)
@blp.response(200, TokensOut)
def refresh() -> dict[str, Any]:
    """Exchange the refresh token for a new access and refresh token (the old one is spent)"""
    wipe = devices.wipe_ordered()
    return {**sessions.rotate(me(), get_jwt(), device_id()), "wipe": wipe}


@blp.post("/logout")
@jwt_required(verify_type=False)
@blp.response(204)
def logout() -> None:
    """End this device's session on the server (with its access or its refresh token)"""
    sessions.end(get_jwt())
    db.session.commit()


@blp.get("/me")
@login_required()
@blp.response(200, MeSchema)
def get_me() -> User:
    """The signed-in user, with the phone's lock settings"""
    return me()


@blp.patch("/device")
@login_required()
@blp.arguments(DeviceLabelIn)
@blp.response(200, DeviceSelf)
def label_device(body: dict[str, str]) -> Any:
    """Name this device (shown in the device list)"""
    session = devices.current_session()
    if session is None:
        raise Conflict("This sign-in belongs to no device.", code="no_device_session")
    devices.relabel(session, body["label"])
    db.session.commit()
    return session


def _invitation_open(user: User | None) -> bool:
    """Can `user` still be activated? Never once activated, never when deactivated."""
    return (
        user is not None
        and user.role == "client"
        and user.is_active
        and not user.activated
        and user.invitation_hash is not None
        and user.invitation_expires_at is not None
        and user.invitation_expires_at > utcnow()
    )


def _count_wrong_code(user: User | None) -> None:
    """A wrong code counts against the invitation; at the limit the code dies."""
    if user is None or user.invitation_hash is None:
        return
    user.invitation_failures = (user.invitation_failures or 0) + 1
    if user.invitation_failures >= current_app.config["INVITATION_MAX_FAILURES"]:
        user.invitation_hash = None
        user.invitation_expires_at = None
    with acting_as(None, device_id()):
        db.session.commit()


@blp.post("/activate")
@blp.arguments(ActivateIn)
@blp.response(200, TokensOut)
@blp.alt_response(429, description="Too many failed attempts: wait Retry-After seconds")
@blp.doc(security=[])
def activate(body: dict[str, str]) -> dict[str, Any]:
    """Activate a client account with the one-time invitation code and choose a password"""
    username, address = body["username"].strip(), client_address()
    limiter.check(username, address)
    user = _account(username)
    code_ok = verify_invitation_code(user, body["code"])
    if not code_ok or not _invitation_open(user) or user is None:
        if not code_ok:
            _count_wrong_code(user)
        limiter.failed(username, address)
        raise BadCredentials(
            "That invitation code is not valid or has expired.", code="bad_invitation"
        )
    limiter.succeeded(username)
    with acting_as(user.id, device_id()):
        user.password_hash = hash_password(body["password"])
        user.invitation_hash = None  # one-time: the code is spent
        user.invitation_expires_at = None
        user.invitation_failures = 0
        user.last_login_at = utcnow()
        tokens = sessions.open_session(
            user, device_id(), devices.label_for_login(body.get("device_label"))
        )
        db.session.commit()
    return tokens
