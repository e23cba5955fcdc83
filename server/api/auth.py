"""Sign-in: login, token refresh, who-am-I, and client activation with an invitation code."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_jwt_identity,
    jwt_required,
)
from flask_smorest import Blueprint
from sqlalchemy import select
from werkzeug.security import check_password_hash

from ..audit import acting_as
from ..errors import ApiError
from ..extensions import db, limiter
from ..models import User, utcnow
from ..schemas.auth import AccessOut, ActivateIn, LoginIn, TokensOut, UserSchema
from ..security import hash_password, login_required, me, verify_password

blp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Sign in and tokens")


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _tokens(user: User) -> dict[str, Any]:
    return {
        "access_token": create_access_token(identity=user, additional_claims={"role": user.role}),
        "refresh_token": create_refresh_token(identity=user),
        "user": user,
    }


class BadCredentials(ApiError):
    status = 401
    code = "bad_credentials"


@blp.post("/login")
@limiter.limit(_login_limit)
@blp.arguments(LoginIn)
@blp.response(200, TokensOut)
@blp.doc(security=[])
def login(body: dict[str, str]) -> dict[str, Any]:
    """Sign in with username and password"""
    user = db.session.scalar(select(User).where(User.username == body["username"].strip()))
    if user is None or not user.is_active or not verify_password(user, body["password"]):
        raise BadCredentials("Wrong username or password.")
    with acting_as(user.id, "web"):
        user.last_login_at = utcnow()
        db.session.commit()
    return _tokens(user)


@blp.post("/refresh")
@jwt_required(refresh=True)
@blp.response(200, AccessOut)
def refresh() -> dict[str, str]:
    """Exchange a refresh token for a new access token"""
    user = db.session.get(User, uuid.UUID(get_jwt_identity()))
    if user is None or not user.is_active:
        raise ApiError("User not found or inactive", code="invalid_user", status=401)
    return {
        "access_token": create_access_token(identity=user, additional_claims={"role": user.role})
    }


@blp.get("/me")
@login_required()
@blp.response(200, UserSchema)
def get_me() -> User:
    """The signed-in user"""
    return me()


@blp.post("/activate")
@limiter.limit(_login_limit)
@blp.arguments(ActivateIn)
@blp.response(200, TokensOut)
@blp.doc(security=[])
def activate(body: dict[str, str]) -> dict[str, Any]:
    """Activate a client account with the one-time invitation code and choose a password"""
    user = db.session.scalar(select(User).where(User.username == body["username"].strip()))
    code = body["code"].strip().upper()
    valid = (
        user is not None
        and user.invitation_hash is not None
        and user.invitation_expires_at is not None
        and user.invitation_expires_at > utcnow()
        and check_password_hash(user.invitation_hash, code)
    )
    if not valid or user is None:
        raise BadCredentials(
            "That invitation code is not valid or has expired.", code="bad_invitation"
        )
    with acting_as(user.id, "web"):
        user.password_hash = hash_password(body["password"])
        user.invitation_hash = None  # one-time: the code is spent
        user.invitation_expires_at = None
        user.is_active = True
        user.last_login_at = utcnow()
        db.session.commit()
    return _tokens(user)
