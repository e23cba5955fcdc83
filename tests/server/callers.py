"""The standard world as plain ids, the callers of each role, and the one error shape.

Plain helpers shared by the server tests (fixtures live in conftest.py, which uses these).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_jwt_extended import create_access_token, create_refresh_token
from sqlalchemy import select

from server.extensions import db
from server.models import Person, User
from tests.factories import make_world

#: Every kind of caller the API knows, plus nobody. `other_helper` works in another sub-district.
ROLES = ("anonymous", "admin", "supervisor", "helper", "other_helper", "client")

#: The user each role acts as in the standard world.
ROLE_USER = {
    "admin": "admin",
    "supervisor": "supervisor1",
    "helper": "helper1",
    "other_helper": "helper9",
    "client": "graduate1",
}


@dataclass(frozen=True)
class Ids:
    """The standard world (tests/factories.py) as ids; names follow `make_world`."""

    district: str
    subdistrict: str
    committee: str
    committee2: str
    other_subdistrict: str
    other_committee: str
    users: dict[str, str]  # username -> id
    h1: str
    h2: str
    shared: str
    other: str
    persons: dict[str, str]  # name -> id
    jobs: list[str]

    @property
    def graduate(self) -> str:
        return self.persons["李杰"]


def world_ids() -> Ids:
    """Build the standard world (in an app context) and return its ids."""
    w = make_world()
    users = {u.username: str(u.id) for u in db.session.scalars(select(User))}
    persons = {p.name: str(p.id) for p in db.session.scalars(select(Person))}
    return Ids(
        district=str(w.district.id),
        subdistrict=str(w.subdistrict.id),
        committee=str(w.committees[0].id),
        committee2=str(w.committees[1].id),
        other_subdistrict=str(w.other_subdistrict.id),
        other_committee=str(w.other_household.committee_id),
        users=users,
        h1=str(w.h1_household.id),
        h2=str(w.h2_household.id),
        shared=str(w.shared_household.id),
        other=str(w.other_household.id),
        persons=persons,
        jobs=[str(j.id) for j in w.jobs],
    )


def token_for(app: Flask, username: str, *, refresh: bool = False) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        assert user is not None, username
        if refresh:
            return create_refresh_token(identity=str(user.id))
        return create_access_token(identity=str(user.id), additional_claims={"role": user.role})


def random_id() -> str:
    return str(uuid.uuid4())


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape: `{"error": {"code", "message", "fields"}}` with `status`."""
    body = resp.get_json()
    assert resp.status_code == status, (resp.status_code, body)
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]
