"""Settings from the environment, with safe embedded defaults for development.

`DOORSTEP_ENV` picks the profile: `development` (default), `demo`, `test` or `production`.
Production refuses to start without a real `SECRET_KEY` and `DATABASE_URL`.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

#: Secrets that must never protect real data.
DEV_SECRET = "doorstep-dev-secret-not-for-production-use-0000"


class ConfigError(RuntimeError):
    """The environment does not describe a safe configuration."""


def _normalise_db_url(url: str) -> str:
    # Heroku-style URLs say postgres://; SQLAlchemy 2 wants an explicit driver.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, then apply `overrides` (tests)."""
    env = (overrides or {}).get("DOORSTEP_ENV") or os.environ.get("DOORSTEP_ENV", "development")
    default_db = "sqlite:///" + str(Path(instance_path) / "doorstep.sqlite")
    secret = os.environ.get("SECRET_KEY", DEV_SECRET)
    cfg: dict[str, Any] = {
        "DOORSTEP_ENV": env,
        "SECRET_KEY": secret,
        "JWT_SECRET_KEY": os.environ.get("JWT_SECRET_KEY", secret),
        "SQLALCHEMY_DATABASE_URI": _normalise_db_url(os.environ.get("DATABASE_URL", default_db)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(
            minutes=int(os.environ.get("ACCESS_TOKEN_MINUTES", "15"))
        ),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(
            days=int(os.environ.get("REFRESH_TOKEN_DAYS", "30"))
        ),
        "JWT_ERROR_MESSAGE_KEY": "message",
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "PASSWORD_HASH_METHOD": os.environ.get("PASSWORD_HASH_METHOD", "scrypt"),
        "SYNC_GRACE_DAYS": int(os.environ.get("SYNC_GRACE_DAYS", "7")),
        "SYNC_MAX_SKEW_MS": int(os.environ.get("SYNC_MAX_SKEW_MS", str(5 * 60 * 1000))),
        "DEMO_PASSWORD": "doorstep-demo",
        "PWA_DIST": os.environ.get(
            "PWA_DIST", str(Path(__file__).resolve().parent.parent / "pwa" / "dist")
        ),
        # flask-smorest / OpenAPI
        "API_TITLE": "Doorstep API",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        # Served from the swagger-ui-bundle package, so the docs work with no internet.
        "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
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
        cfg["RATELIMIT_ENABLED"] = True
    cfg.update(overrides or {})
    _check(cfg)
    return cfg


def _check(cfg: dict[str, Any]) -> None:
    if cfg["DOORSTEP_ENV"] != "production":
        return
    if cfg["SECRET_KEY"] in (DEV_SECRET, "", None) or len(str(cfg["SECRET_KEY"])) < 32:
        raise ConfigError("SECRET_KEY must be set to a random value of 32+ characters in production")
    if cfg["JWT_SECRET_KEY"] in (DEV_SECRET, "", None):
        raise ConfigError("JWT_SECRET_KEY must not be the development default in production")
    if "DATABASE_URL" not in os.environ and "SQLALCHEMY_DATABASE_URI" not in cfg:
        raise ConfigError("DATABASE_URL must be set in production")
