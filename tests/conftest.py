"""Fixtures shared by every Python test (Flask tutorial style: app, client, auth helper).

The database is SQLite in a temp dir, or the PostgreSQL named by `TEST_DATABASE_URL` (the test
command starts a throwaway one). The schema is built once per session; each test starts from
empty tables, so tests never see each other's rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from server import create_app
from server.extensions import db, limiter


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


def test_config(database_url: str, **extra: Any) -> dict[str, Any]:
    return {
        "DOORSTEP_ENV": "test",
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "JWT_SECRET_KEY": "test-jwt-secret-key-that-is-long-enough-0123456789",
        **extra,
    }


test_config.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture(scope="session")
def _schema(database_url: str) -> Iterator[None]:
    app = create_app(test_config(database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    yield


def empty_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        # Accounts and files point at each other (a client's person, a person's helper): break
        # the cycle first, since SQLite enforces foreign keys too (server/sync_store/sqlite.py).
        db.session.execute(text("UPDATE user_account SET person_id = NULL"))
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(database_url: str, _schema: None) -> Iterator[Flask]:
    app = create_app(test_config(database_url))
    with app.app_context():
        empty_tables()
        limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class AuthActions:
    """Log in as a user and get the headers to act as them."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, username: str, password: str = "doorstep-demo") -> dict[str, Any]:
        resp = self._client.post("/api/auth/login", json={"username": username, "password": password})
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    def headers(self, username: str, password: str = "doorstep-demo", device: str = "test-device") -> dict[str, str]:
        token = self.login(username, password)["access_token"]
        return {"Authorization": f"Bearer {token}", "X-Device-Id": device}


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
