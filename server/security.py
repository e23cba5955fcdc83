"""Who is calling: password hashing, invitation codes, the JWT loaders, role checks, the device.

Every request's token is checked against the account and its device session
(server/sessions.py): the token's `tv` must be the account's current `token_version`, and the
family it names (`fam`) must not be revoked. One primary-key query reads both, and the user
loader then finds the account in the identity map: no query more than before sessions.

Checking a password costs the same whether the account exists or not: an unknown username is
checked against a dummy hash made with the same method, so timing does not tell who exists.
"""

from __future__ import annotations

import functools
import secrets
import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import current_app, g, request
from flask_jwt_extended import current_user, verify_jwt_in_request
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import set_actor
from .errors import Forbidden
from .extensions import db, jwt
from .models import AuthSession, User, utcnow

F = TypeVar("F", bound=Callable[..., Any])

#: Crockford's base32: no I, L, O, U, so a code read out on a call is hard to mishear; 13
#: characters carry 65 bits (an online guess is hopeless even before the throttle).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 13
#: What people type for the letters the alphabet leaves out.
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
#: Invitation codes are long random strings: a fast hash is enough (the secret is the code).
CODE_HASH_METHOD = "pbkdf2:sha256:60000"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _dummy_hash() -> str:
    # One per method and process: made on first use so tests' fast method is honoured.
    method = current_app.config["PASSWORD_HASH_METHOD"]
    cache: dict[str, str] = current_app.extensions.setdefault("doorstep_dummy_hash", {})
    if method not in cache:
        cache[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return cache[method]


def verify_password(user: User | None, password: str) -> bool:
    """Check `password` for `user`, in the same time whether or not there is such a user."""
    stored = user.password_hash if user is not None else None
    ok = check_password_hash(stored or _dummy_hash(), password)
    return ok and stored is not None


def new_invitation_code() -> str:
    """A fresh code, shown grouped for reading out: `XXXX-XXXX-XXXXX`."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise_code(typed: str) -> str:
    """The code as stored: case, spaces, dashes and look-alike letters do not matter."""
    kept = "".join(ch for ch in typed.upper() if ch.isalnum())
    return kept.translate(_CODE_LOOKALIKES)


def hash_invitation_code(code: str) -> str:
    return generate_password_hash(normalise_code(code), method=CODE_HASH_METHOD)


def verify_invitation_code(user: User | None, typed: str) -> bool:
    """Check a typed code against `user`'s current invitation, in the same time for anyone."""
    stored = user.invitation_hash if user is not None else None
    ok = check_password_hash(stored or _dummy_code_hash(), normalise_code(typed))
    return ok and stored is not None


@functools.cache
def _dummy_code_hash() -> str:
    return generate_password_hash(secrets.token_hex(16), method=CODE_HASH_METHOD)


def client_address() -> str:
    """The caller's address: the socket's, or the proxy's X-Forwarded-For when one is trusted
    (`TRUSTED_PROXIES`, applied by werkzeug's ProxyFix in create_app)."""
    return (request.remote_addr or "unknown")[:64]


def _account_of(payload: dict[str, Any]) -> User | None:
    try:
        user_id = uuid.UUID(str(payload["sub"]))
    except (KeyError, ValueError):
        return None
    return _held(db.session.get(User, user_id))


def _held(user: User | None) -> User | None:
    # The identity map holds rows weakly: keep the account read by the token check for the
    # user loader, which runs next in the same request.
    g.doorstep_account = user
    return user


@jwt.user_identity_loader
def _identity(user: User | str | uuid.UUID) -> str:
    return str(user.id if isinstance(user, User) else user)


@jwt.user_lookup_loader
def _lookup(_header: dict[str, Any], payload: dict[str, Any]) -> User | None:
    user = g.pop("doorstep_account", None)
    if user is None or str(user.id) != str(payload.get("sub")):
        user = _account_of(payload)
    return user if user is not None and user.is_active else None


@jwt.token_in_blocklist_loader
def _revoked(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    """Is the token's account session over? (The user loader then refuses inactive accounts.)
    One query reads the account and the session; the user loader finds the account in the
    identity map."""
    try:
        user_id = uuid.UUID(str(payload["sub"]))
        family = uuid.UUID(str(payload["fam"])) if payload.get("fam") is not None else None
    except (KeyError, ValueError):
        return payload.get("fam") is not None  # a malformed family is no session
    if family is None:  # made by the server itself outside a session (tests, scripts)
        user = _held(db.session.get(User, user_id))
        return user is not None and payload.get("tv", 0) != user.token_version
    row = db.session.execute(
        select(User, AuthSession)
        .outerjoin(AuthSession, (AuthSession.id == family) & (AuthSession.user_id == User.id))
        .where(User.id == user_id)
    ).first()
    if row is None:
        return False  # the user loader answers "invalid user"
    user, session = row
    _held(user)
    g.doorstep_session = session  # server/devices.py's checks read it: no second query
    return (
        payload.get("tv", 0) != user.token_version
        or session is None
        or session.revoked_at is not None
        # a lost phone's hand-over is over: its tokens die with it (server/devices.py)
        or (session.wipe_requested_at is not None and session.expires_at < utcnow())
    )


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
