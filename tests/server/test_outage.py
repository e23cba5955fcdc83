"""A database that is down or cannot write answers 503 + Retry-After, never a 500 traceback.

Phones treat 503 as "offline, retrying" (their outbox waits), so an outage must never look like
a fault in their data. Each story runs on the suite's database (SQLite, or PostgreSQL when
`TEST_DATABASE_URL` says so) opened read-only, or pointed at a database that is not there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token
from sqlalchemy import select

from server import create_app
from server.extensions import db
from server.models import User
from tests.conftest import test_config
from tests.server.callers import assert_error


def read_only_url(url: str) -> str:
    if url.startswith("sqlite:///"):
        return f"sqlite:///file:{url[len('sqlite:///'):]}?mode=ro&uri=true"
    joiner = "&" if "?" in url else "?"
    return url + joiner + "options=" + quote("-c default_transaction_read_only=on")


def stopped_url(url: str) -> str:
    if url.startswith("sqlite:///"):
        return "sqlite:////nonexistent-dir/doorstep.sqlite"
    head, _, tail = url.partition("@")
    _host, _, rest = tail.partition("/")
    return f"{head}@127.0.0.1:1/{rest}"  # nothing listens on port 1


def other_app(url: str) -> Flask:
    return create_app(test_config(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": False}))


@pytest.fixture
def helper_token(app: Flask, world) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "helper1"))
        return create_access_token(identity=str(user.id))


@pytest.fixture(params=["read_only", "stopped"])
def broken(request, database_url: str, app: Flask, world) -> Iterator[FlaskClient]:
    url = read_only_url(database_url) if request.param == "read_only" else stopped_url(database_url)
    broken_app = other_app(url)
    yield broken_app.test_client()
    with broken_app.app_context():
        db.session.remove()
        db.engine.dispose()


def assert_unavailable(resp) -> dict:
    err = assert_error(resp, 503, "unavailable")
    assert int(resp.headers["Retry-After"]) > 0
    return err


def test_health_says_503_when_the_database_cannot_write(broken):
    err = assert_unavailable(broken.get("/api/health"))
    assert err["fields"]["database"][0] in ("read_only", "unreachable")


def test_health_says_ok_when_the_database_can_write(client):
    resp = client.get("/api/health")
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() == {"status": "ok", "database": "ok"}


def test_a_push_during_an_outage_is_503_and_the_phone_retries(broken, helper_token):
    op = {"op_id": str(uuid.uuid4()), "client_id": "dev-outage", "seq": 1,
          "hlc": "001763700000000:00000:dev-outage", "entity": "note",
          "entity_id": str(uuid.uuid4()), "kind": "insert", "data": {"text": "x"}}
    resp = broken.post("/api/sync/push", headers={"Authorization": f"Bearer {helper_token}"},
                       json={"protocol": 2, "client_id": "dev-outage", "ops": [op]})
    assert_unavailable(resp)


def test_signing_in_during_an_outage_is_503(broken):
    resp = broken.post("/api/auth/login", json={"username": "helper1", "password": "doorstep-demo"})
    assert_unavailable(resp)


@pytest.fixture
def read_only(database_url: str, app: Flask, world) -> Iterator[FlaskClient]:
    read_only_app = other_app(read_only_url(database_url))
    yield read_only_app.test_client()
    with read_only_app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_rest_write_on_a_read_only_database_is_503(read_only, world, helper_token):
    resp = read_only.post("/api/notes", headers={"Authorization": f"Bearer {helper_token}"},
                          json={"household_id": world.h1, "text": "written while read only"})
    assert_unavailable(resp)
    # Reading still works: a read-only database is not a down one.
    listed = read_only.get("/api/households", headers={"Authorization": f"Bearer {helper_token}"})
    assert listed.status_code == 200, listed.get_json()
