"""One error shape for everything, and no half-written changes when a request fails."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import AuditLog, Person, StatusEvent, Visit
from tests.server.callers import assert_error


def visit_body(world, **overrides):
    body = {
        "household_id": world.shared,
        "channel": "home_visit",
        "occurred_at": "2026-11-20T09:00:00Z",
        "services": ["heart_to_heart"],
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"channel": "carrier_pigeon"}, {"channel"}),
        ({"occurred_at": "yesterday"}, {"occurred_at"}),
        ({"lat": 91, "lng": -181}, {"lat", "lng"}),
        ({"services": ["magic"]}, {"services"}),
        ({"household_id": "not-a-uuid", "channel": None}, {"household_id", "channel"}),
        ({"status_changes": [{"person_id": "x", "to": "astronaut"}]}, {"status_changes"}),
        ({"surprise": 1}, {"surprise"}),
    ],
)
def test_validation_errors_are_422_with_a_message_per_field(
    client, as_role, world, overrides, fields
):
    resp = client.post(
        "/api/visits", headers=as_role("helper"), json=visit_body(world, **overrides)
    )
    err = assert_error(resp, 422, "validation_error")
    assert set(err["fields"]) == fields
    for messages in err["fields"].values():
        assert messages  # a list of messages, or for lists and nested objects a dict of them


def test_nested_errors_say_which_item_and_field(client, as_role, world):
    resp = client.post(
        "/api/visits",
        headers=as_role("helper"),
        json=visit_body(
            world,
            status_changes=[
                {"person_id": world.persons["王芳"], "to": "employed"},
                {"person_id": "x", "to": "astronaut"},
            ],
        ),
    )
    err = assert_error(resp, 422)
    assert set(err["fields"]["status_changes"]["1"]) == {"person_id", "to"}


def test_a_required_field_is_named(client, as_role, world):
    err = assert_error(client.post("/api/visits", headers=as_role("helper"), json={}), 422)
    assert {"household_id", "channel", "occurred_at"} <= set(err["fields"])
    assert err["fields"]["channel"] == ["Missing data for required field."]


def test_bad_query_parameters_are_422_too(client, as_role, world):
    resp = client.get(
        "/api/persons",
        headers=as_role("helper"),
        query_string={"status": "astronaut", "per_page": 0},
    )
    assert set(assert_error(resp, 422, "validation_error")["fields"]) == {"status", "per_page"}


def test_a_body_that_is_not_json_is_400(client, as_role, world):
    resp = client.post(
        "/api/visits", headers=as_role("helper"), data="{not json", content_type="application/json"
    )
    assert_error(resp, 400, "bad_request")


def file_state(app, world):
    with app.app_context():
        people = {p.name: (p.status, p.last_contact_at) for p in db.session.scalars(select(Person))}
        return (
            people,
            db.session.scalar(select(func.count()).select_from(Visit)),
            db.session.scalar(select(func.count()).select_from(StatusEvent)),
            db.session.scalar(select(func.count()).select_from(AuditLog)),
        )


@pytest.mark.parametrize(
    ("second", "status"),
    [
        ({"to": "unemployed"}, 422),  # 王强 is unemployed already
        ({"to": "employed", "expected_from": "seeking"}, 409),  # ... not seeking
        ({"to": "employed", "person_id": "h2"}, 422),  # not a member of the household
    ],
)
def test_a_visit_with_a_bad_second_status_change_leaves_nothing_behind(
    client, app, as_role, world, second, status
):
    before = file_state(app, world)
    person_id = (
        world.persons["Chen Mei"] if second.pop("person_id", None) else world.persons["王强"]
    )
    resp = client.post(
        "/api/visits",
        headers=as_role("helper"),
        json=visit_body(
            world,
            status_changes=[
                {"person_id": world.persons["王芳"], "to": "employed"},
                {"person_id": person_id, **second},
            ],
        ),
    )
    assert_error(resp, status)
    assert file_state(app, world) == before


def test_a_status_change_that_conflicts_is_409_and_changes_nothing(client, app, as_role, world):
    before = file_state(app, world)
    resp = client.post(
        f"/api/persons/{world.graduate}/status",
        headers=as_role("helper"),
        json={"to": "employed", "expected_from": "internship"},
    )
    err = assert_error(resp, 409, "status_changed")
    assert "expected_from" in err["fields"]
    assert file_state(app, world) == before


def test_unknown_route_and_wrong_method_share_the_shape(client, as_role, world):
    assert_error(client.get("/api/no-such-thing"), 404, "not_found")
    assert_error(client.get("/api/no-such-thing", headers=as_role("admin")), 404, "not_found")
    assert_error(client.get("/api/households/not-a-uuid", headers=as_role("admin")), 404)
    resp = client.delete(f"/api/households/{world.h1}", headers=as_role("admin"))
    assert_error(resp, 405, "method_not_allowed")
    assert set(resp.headers["Allow"].split(", ")) >= {"GET", "PATCH"}
    assert resp.headers.get("X-Server-Time", "").isdigit()


def test_an_integrity_error_is_a_409(client, as_role, world):
    # The graduate already has an account: a second one for the same file breaks a unique key.
    resp = client.post(
        "/api/users",
        headers=as_role("admin"),
        json={
            "username": "lijie-again",
            "display_name": "李杰",
            "role": "client",
            "person_id": world.graduate,
        },
    )
    assert_error(resp, 409, "conflict")
    # An id made on a phone that is already taken is a conflict as well, not a 500.
    resp = client.post(
        "/api/households",
        headers=as_role("helper"),
        json={"id": world.h1, "address": "重复", "committee_id": world.committee},
    )
    assert_error(resp, 409)


def test_an_unexpected_error_is_a_500_in_the_shape(app, client):
    def boom():
        raise RuntimeError("kaput")

    app.add_url_rule("/api/test-boom", "test_boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    err = assert_error(client.get("/api/test-boom"), 500, "internal_error")
    assert "kaput" not in err["message"]


def test_a_random_id_is_404_not_500(client, as_role, world):
    for path in (
        "households",
        "persons",
        "visits",
        "notes",
        "recommendations",
        "users",
        "jobs",
        "areas",
    ):
        assert_error(client.get(f"/api/{path}/{uuid.uuid4()}", headers=as_role("admin")), 404)


def _references(world):
    """Requests naming a row that does not exist (or is not of that household): field -> call."""
    ghost = str(uuid.uuid4())
    return {
        "person helper": (
            "/api/persons",
            {"household_id": world.h1, "name": "新人", "category": "settled", "helper_id": ghost},
            "helper_id",
        ),
        "person helper elsewhere": (
            "/api/persons",
            {
                "household_id": world.h1,
                "name": "新人",
                "category": "settled",
                "helper_id": world.users["helper9"],
            },
            "helper_id",
        ),
        "job area": ("/api/jobs", {"employer": "E", "title": "T", "area_id": ghost}, "area_id"),
        "client file": (
            "/api/users",
            {"username": "ghost", "display_name": "G", "role": "client", "person_id": ghost},
            "person_id",
        ),
        "staff with a file": (
            "/api/users",
            {
                "username": "staff2",
                "display_name": "S",
                "role": "admin",
                "person_id": world.graduate,
            },
            "person_id",
        ),
        "admin area": (
            "/api/users",
            {"username": "admin2", "display_name": "A", "role": "admin", "area_id": ghost},
            "area_id",
        ),
        "note visit": (
            "/api/notes",
            {"household_id": world.h1, "text": "x", "visit_id": ghost},
            "visit_id",
        ),
        "note corrects": (
            "/api/notes",
            {"household_id": world.h1, "text": "x", "corrects_note_id": ghost},
            "corrects_note_id",
        ),
        "visit amends": (
            "/api/visits",
            visit_body(world, household_id=world.h1, amends_visit_id=ghost),
            "amends_visit_id",
        ),
        "visit before year 1": (
            "/api/visits",
            visit_body(world, occurred_at="0001-01-01T00:00:00+08:00"),
            "occurred_at",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "person helper",
        "person helper elsewhere",
        "job area",
        "client file",
        "staff with a file",
        "admin area",
        "note visit",
        "note corrects",
        "visit amends",
        "visit before year 1",
    ],
)
def test_a_reference_to_nothing_is_a_422_on_every_database(client, app, as_role, world, case):
    path, body, field = _references(world)[case]
    before = file_state(app, world)
    resp = client.post(path, headers=as_role("admin"), json=body)
    assert field in assert_error(resp, 422)["fields"]
    assert file_state(app, world) == before


def test_a_person_named_twice_is_concerned_once(client, as_role, world):
    resp = client.post(
        "/api/visits",
        headers=as_role("helper"),
        json=visit_body(world, person_ids=[world.persons["王芳"], world.persons["王芳"]]),
    )
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["person_ids"] == [world.persons["王芳"]]


@pytest.mark.parametrize("bad", ["a\x00b", "\ud800", "x\udfff", "\udbff\u0000"])
def test_text_no_database_keeps_is_refused_alike_everywhere(client, app, as_role, world, bad):
    # PostgreSQL cannot store NUL, a lone surrogate has no UTF-8 form: both are refused on
    # every database, so SQLite and PostgreSQL accept exactly the same text.
    before = file_state(app, world)
    resp = client.post(
        "/api/notes", headers=as_role("helper"), data=json.dumps({"household_id": world.h1, "text": bad}),
        content_type="application/json",
    )
    assert assert_error(resp, 400, "invalid_text")["fields"] == {
        "text": ["holds a character that cannot be stored"]
    }
    assert file_state(app, world) == before


def test_an_emoji_is_not_a_lone_surrogate(client, as_role, world):
    resp = client.post(
        "/api/notes", headers=as_role("helper"), json={"household_id": world.h1, "text": "好 🙂"}
    )
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["text"] == "好 🙂"


def test_the_openapi_document_describes_the_one_error_shape(client):
    spec = client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert schemas["Error"]["required"] == ["error"]
    assert set(schemas["ErrorDetail"]["required"]) == {"code", "message", "fields"}
    for name in ("DEFAULT_ERROR", "UNPROCESSABLE_ENTITY"):
        response = spec["components"]["responses"][name]
        assert response["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
