"""Settings from the environment, with safe embedded defaults for development.

`DOORSTEP_ENV` picks the profile: `development` (default), `demo`, `test` or `production`. An
unknown profile refuses to start: a typo such as `Production` must never silently mean
development with its public secret. Production refuses to start without its own secrets of
32+ characters and an explicit `DATABASE_URL`; every number must be a whole number in range.
Each refusal is a `ConfigError` that names the variable to fix.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import json_columns

#: The secret of development and demo installations: public, so never accepted in production.
DEV_SECRET = "doorstep-dev-secret-not-for-production-use-0000"
ENVIRONMENTS = ("development", "demo", "test", "production")
MIN_SECRET_LENGTH = 32
#: Where the login throttle keeps its counters: the app's database, or a Redis URL.
THROTTLE_STORAGES = ("database", "redis://", "rediss://")


class ConfigError(RuntimeError):
    """The environment does not describe a safe configuration."""


def _normalise_db_url(url: str) -> str:
    # Heroku-style URLs say postgres://; SQLAlchemy 2 wants an explicit driver.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _int(name: str, default: int, *, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, then apply `overrides` (tests)."""
    overrides = overrides or {}
    env = overrides.get("DOORSTEP_ENV") or os.environ.get("DOORSTEP_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"DOORSTEP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    default_db = "sqlite:///" + str(Path(instance_path) / "doorstep.sqlite")
    secret = os.environ.get("SECRET_KEY", DEV_SECRET)
    cfg: dict[str, Any] = {
        "DOORSTEP_ENV": env,
        "SECRET_KEY": secret,
        "JWT_SECRET_KEY": os.environ.get("JWT_SECRET_KEY", secret),
        "SQLALCHEMY_DATABASE_URI": _normalise_db_url(os.environ.get("DATABASE_URL", default_db)),
        #: Whether the database was chosen on purpose (production must not fall back to SQLite).
        "DATABASE_CONFIGURED": "DATABASE_URL" in os.environ
        or "SQLALCHEMY_DATABASE_URI" in overrides,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "json_deserializer": json_columns.loads},
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=_int("ACCESS_TOKEN_MINUTES", 15, minimum=1)),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(days=_int("REFRESH_TOKEN_DAYS", 30, minimum=1)),
        "JWT_ERROR_MESSAGE_KEY": "message",
        # A refresh token already exchanged is accepted again this long (a response lost on a
        # poor signal); after that, presenting it ends the device's session (theft).
        "REFRESH_REUSE_GRACE_SECONDS": _int("REFRESH_REUSE_GRACE_SECONDS", 60, minimum=0),
        # The login throttle (server/throttle.py): free failures, then 1 s, 2 s, 4 s... capped.
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "database").strip(),
        "LOGIN_FREE_FAILURES": _int("LOGIN_FREE_FAILURES", 5, minimum=1),
        "LOGIN_ADDRESS_FREE_FAILURES": _int("LOGIN_ADDRESS_FREE_FAILURES", 20, minimum=1),
        "LOGIN_MAX_DELAY_SECONDS": _int("LOGIN_MAX_DELAY_SECONDS", 300, minimum=1),
        "INVITATION_MAX_FAILURES": _int("INVITATION_MAX_FAILURES", 5, minimum=1),
        # The phone's lock (issue 14): idle minutes before it locks, wrong PINs before it wipes
        # its synced data; sent at login and in /api/auth/me (server/schemas/auth.py).
        "LOCK_AFTER_MINUTES": _int("LOCK_AFTER_MINUTES", 10, minimum=1),
        "MAX_PIN_ATTEMPTS": _int("MAX_PIN_ATTEMPTS", 5, minimum=1),
        # How many proxies in front add X-Forwarded-For/-Proto; 0 trusts none (werkzeug ProxyFix).
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0, minimum=0),
        # TLS is terminated in front of the app: browsers are told to use HTTPS only (HSTS).
        "TLS_IN_FRONT": _flag("TLS_IN_FRONT", False),
        "API_DOCS_ENABLED": _flag("API_DOCS_ENABLED", env != "production"),
        "PASSWORD_HASH_METHOD": os.environ.get("PASSWORD_HASH_METHOD", "scrypt"),
        "SYNC_GRACE_DAYS": _int("SYNC_GRACE_DAYS", 7, minimum=0),
        # Request bounds (server/limits.py): the registry's protocol limits are the defaults.
        "MAX_CONTENT_LENGTH": _int("MAX_BODY_BYTES", 2 * 1024 * 1024, minimum=64 * 1024),
        "SYNC_MAX_BATCH_OPS": _int("SYNC_MAX_BATCH_OPS", 500, minimum=1),
        "RETRY_AFTER_SECONDS": _int("RETRY_AFTER_SECONDS", 5, minimum=1),
        # How long phones keep answered ops (and results are kept) so a restore loses nothing.
        "SYNC_RETENTION_DAYS": _int("SYNC_RETENTION_DAYS", 14, minimum=1),
        # Attachments (server/attachments/settings.py reads the rest: folders, S3): the largest file.
        "ATTACHMENT_MAX_BYTES": _int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024),
        # The office's timezone: "today", dates shown and report periods (server/business_time.py).
        "BUSINESS_TIMEZONE": os.environ.get("BUSINESS_TIMEZONE", "Asia/Shanghai").strip(),
        "DEMO_PASSWORD": "doorstep-demo",
        "PWA_DIST": os.environ.get(
            "PWA_DIST", str(Path(__file__).resolve().parent.parent / "pwa" / "dist")
        ),
        # flask-smorest / OpenAPI. The docs page itself is server/web.py's (no inline script).
        "API_TITLE": "Doorstep API",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                }
            },
            "security": [{"bearerAuth": []}],
        },
        "PAGINATION_MAX": 500,
    }
    if env == "test":
        cfg["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"
    cfg.update(overrides)
    if "JWT_SECRET_KEY" not in os.environ and "JWT_SECRET_KEY" not in overrides:
        cfg["JWT_SECRET_KEY"] = cfg["SECRET_KEY"]
    if not cfg["API_DOCS_ENABLED"]:
        cfg["OPENAPI_URL_PREFIX"] = None  # no /api/openapi.json either
    check(cfg)
    return cfg


def check(cfg: dict[str, Any]) -> None:
    """Refuse a configuration that is unsafe whatever the profile, then production's rules."""
    for key in ("JWT_ACCESS_TOKEN_EXPIRES", "JWT_REFRESH_TOKEN_EXPIRES"):
        if not isinstance(cfg[key], timedelta) or cfg[key] <= timedelta(0):
            raise ConfigError(f"{key} must be a positive duration")
    storage = str(cfg["RATELIMIT_STORAGE_URI"])
    if not storage.startswith(THROTTLE_STORAGES):
        raise ConfigError(
            f"RATELIMIT_STORAGE_URI must be 'database' or a redis:// URL, not {storage!r}"
        )
    try:
        ZoneInfo(str(cfg["BUSINESS_TIMEZONE"]))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"BUSINESS_TIMEZONE must be an IANA zone such as Asia/Shanghai, "
            f"not {cfg['BUSINESS_TIMEZONE']!r}"
        ) from exc
    if cfg["DOORSTEP_ENV"] != "production":
        return
    for key in ("SECRET_KEY", "JWT_SECRET_KEY"):
        value = str(cfg.get(key) or "")
        if value == DEV_SECRET or len(value) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"{key} must be set to a random value of {MIN_SECRET_LENGTH}+ characters in "
                "production (not the development secret)"
            )
    if not cfg.get("DATABASE_CONFIGURED"):
        raise ConfigError("DATABASE_URL must be set in production")
