"""Production cannot start unsafe: every refusal names the variable to fix (issue 8, section 3)."""

from __future__ import annotations

import pytest

from server import create_app
from server.config import DEV_SECRET, ConfigError, load_config

STRONG = "a-random-secret-of-more-than-32-characters-0123"
SETTINGS = (
    "DOORSTEP_ENV",
    "SECRET_KEY",
    "JWT_SECRET_KEY",
    "DATABASE_URL",
    "ACCESS_TOKEN_MINUTES",
    "REFRESH_TOKEN_DAYS",
    "RATELIMIT_STORAGE_URI",
    "TRUSTED_PROXIES",
    "TLS_IN_FRONT",
    "API_DOCS_ENABLED",
)


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment; `env(NAME=value...)` sets variables and loads the config."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)

    def load(**variables: str):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return load_config(str(tmp_path))

    return load


def production(**extra: str) -> dict[str, str]:
    return {
        "DOORSTEP_ENV": "production",
        "SECRET_KEY": STRONG,
        "DATABASE_URL": "postgresql://doorstep@db/doorstep",
        **extra,
    }


def test_a_complete_production_environment_starts(env):
    cfg = env(**production())
    assert cfg["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://doorstep@db/doorstep"
    assert cfg["JWT_SECRET_KEY"] == STRONG
    assert cfg["API_DOCS_ENABLED"] is False


@pytest.mark.parametrize("value", ["Production", "prod", "PRODUCTION", "staging", " production"])
def test_an_unknown_environment_refuses_to_start(env, value):
    """Attack tried: DOORSTEP_ENV=Production meant development with the public secret, so
    admin tokens could be forged. Now: the app does not start."""
    with pytest.raises(ConfigError, match="DOORSTEP_ENV"):
        env(**production(DOORSTEP_ENV=value))


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SECRET_KEY"])
@pytest.mark.parametrize("value", ["x", "short-but-not-32-characters", DEV_SECRET])
def test_a_weak_secret_refuses_production(env, name, value):
    with pytest.raises(ConfigError, match=name):
        env(**production(**{name: value}))


def test_production_without_a_secret_refuses(env):
    variables = production()
    del variables["SECRET_KEY"]
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        env(**variables)


def test_production_without_a_database_url_refuses(env):
    """It used to run on SQLite inside the container: the check could never fire."""
    variables = production()
    del variables["DATABASE_URL"]
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        env(**variables)


@pytest.mark.parametrize("name", ["ACCESS_TOKEN_MINUTES", "REFRESH_TOKEN_DAYS"])
@pytest.mark.parametrize("value", ["0", "-5", "15.5", "fifteen", "1e3"])
def test_token_lifetimes_must_be_positive_whole_numbers(env, name, value):
    with pytest.raises(ConfigError, match=name):
        env(**{name: value})


def test_token_lifetimes_are_read_in_minutes_and_days(env):
    cfg = env(ACCESS_TOKEN_MINUTES="5", REFRESH_TOKEN_DAYS="2")
    assert cfg["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds() == 300
    assert cfg["JWT_REFRESH_TOKEN_EXPIRES"].days == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RATELIMIT_STORAGE_URI", "memory://"),
        ("RATELIMIT_STORAGE_URI", "memcached://localhost"),
        ("TRUSTED_PROXIES", "-1"),
        ("TRUSTED_PROXIES", "all"),
        ("TLS_IN_FRONT", "maybe"),
    ],
)
def test_other_settings_refuse_what_they_cannot_mean(env, name, value):
    with pytest.raises(ConfigError, match=name):
        env(**{name: value})


def test_development_keeps_its_defaults(env):
    cfg = env()
    assert cfg["DOORSTEP_ENV"] == "development"
    assert cfg["SECRET_KEY"] == DEV_SECRET
    assert cfg["RATELIMIT_STORAGE_URI"] == "database"
    assert cfg["API_DOCS_ENABLED"] is True


def test_the_api_docs_are_off_in_production_unless_enabled(env, tmp_path):
    database = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.sqlite"}
    env(**production())
    client = create_app(database).test_client()
    assert client.get("/api/docs").status_code == 404
    assert client.get("/api/openapi.json").status_code == 404
    env(API_DOCS_ENABLED="1")
    client = create_app(database).test_client()
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200
