"""Who is calling: password hashing, the JWT user loader, role checks and the acting device."""

from __future__ import annotations

import functools
import secrets
import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import current_app, g, request
from flask_jwt_extended import current_user, verify_jwt_in_request
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import set_actor
from .errors import Forbidden
from .extensions import db, jwt
from .models import User

F = TypeVar("F", bound=Callable[..., Any])

#: Invitation codes avoid look-alike characters (0/O, 1/I/L) so they can be read out on a call.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(user: User, password: str) -> bool:
    return bool(user.password_hash) and check_password_hash(user.password_hash or "", password)


def new_invitation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


@jwt.user_identity_loader
def _identity(user: User | str | uuid.UUID) -> str:
    return str(user.id if isinstance(user, User) else user)


@jwt.user_lookup_loader
def _lookup(_header: dict[str, Any], payload: dict[str, Any]) -> User | None:
    try:
        user_id = uuid.UUID(payload["sub"])
    except (KeyError, ValueError):
        return None
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_active else None


def device_id() -> str:
    """The device a request comes from: the PWA sends its client id; anything else is `web`."""
    value = request.headers.get("X-Device-Id", "").strip()
    return value[:64] if value else "web"


def me() -> User:
    return cast(User, current_user)


def login_required(*roles: str) -> Callable[[F], F]:
    """Require a valid access token, and one of `roles` when given. Sets the audit actor."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            verify_jwt_in_request()
            user = me()
            set_actor(user.id, device_id())
            g.role = user.role  # read by RoleSchema views
            if roles and user.role not in roles:
                raise Forbidden("Your role cannot do this.")
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate
