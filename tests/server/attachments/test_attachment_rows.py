"""Announcing an attachment: scoped like its file, limited in size and type, CVs numbered."""

from __future__ import annotations

import uuid

import pytest

from tests.server.attachments.story import announce, jpeg
from tests.server.callers import assert_error


def test_a_helper_attaches_a_photo_to_a_person_in_their_caseload(client, world, as_role):
    resp = announce(client, as_role("helper"), jpeg(2000), person_id=world.graduate)
    assert resp.status_code == 201, resp.get_json()
    row = resp.get_json()
    assert row["person_id"] == world.graduate and row["household_id"] is None
    assert row["uploaded_at"] is None and row["device_id"] == "test-device"
    listed = client.get(f"/api/attachments?person_id={world.graduate}", headers=as_role("helper"))
    assert [a["id"] for a in listed.get_json()["items"]] == [row["id"]]


@pytest.mark.parametrize("role", ["other_helper", "helper"])
def test_a_file_outside_the_caseload_is_not_found(client, world, as_role, role):
    person = world.graduate if role == "other_helper" else world.persons["Chen Mei"]
    resp = announce(client, as_role(role), jpeg(100), person_id=person)
    assert_error(resp, 404, "not_found")


def test_a_visit_photo_belongs_to_the_visit_household(client, world, as_role, app):
    from server.extensions import db
    from server.models import Household, User
    from tests.factories import make_visit

    with app.app_context():
        visit = make_visit(db.session.get(Household, uuid.UUID(world.h1)),
                           db.session.get(User, uuid.UUID(world.users["helper1"])))
        db.session.commit()
        visit_id = str(visit.id)
    ok = announce(client, as_role("helper"), jpeg(100), household_id=world.h1, visit_id=visit_id)
    assert ok.status_code == 201
    elsewhere = announce(client, as_role("helper"), jpeg(100), household_id=world.shared,
                         visit_id=visit_id)
    assert_error(elsewhere, 422, "validation_error")
    no_household = announce(client, as_role("helper"), jpeg(100), visit_id=visit_id)
    assert_error(no_household, 422, "validation_error")


def test_too_large_or_not_a_photo_or_pdf_is_refused(client, world, as_role, app):
    app.config["ATTACHMENT_MAX_BYTES"] = 1000
    big = announce(client, as_role("helper"), jpeg(1001), person_id=world.graduate)
    assert_error(big, 422, "too_large")
    html = announce(client, as_role("helper"), jpeg(10), person_id=world.graduate,
                    content_type="text/html")
    assert_error(html, 422, "unsupported_type")
    bad_hash = announce(client, as_role("helper"), jpeg(10), person_id=world.graduate,
                        sha256="Z" * 64)
    assert_error(bad_hash, 422, "validation_error")


def test_cv_versions_are_numbered_in_order_of_arrival(client, world, as_role):
    versions = []
    for role in ("helper", "client", "helper"):
        resp = announce(client, as_role(role), jpeg(100), person_id=world.graduate, kind="cv",
                        cv_version=1)  # every phone thought it made the first
        assert resp.status_code == 201, resp.get_json()
        versions.append(resp.get_json()["cv_version"])
    assert versions == [1, 2, 3]


def test_a_graduate_uploads_only_their_own_cv(client, world, as_role):
    own_cv = announce(client, as_role("client"), jpeg(100), person_id=world.graduate, kind="cv")
    assert own_cv.status_code == 201
    photo = announce(client, as_role("client"), jpeg(100), person_id=world.graduate)
    assert_error(photo, 403, "forbidden")
    someone_else = announce(client, as_role("client"), jpeg(100), kind="cv",
                            person_id=world.persons["Chen Mei"])
    assert_error(someone_else, 404, "not_found")
    # The graduate sees their file's attachments, not other people's.
    announce(client, as_role("helper"), jpeg(100), household_id=world.shared,
             person_id=world.persons["王芳"])
    mine = client.get("/api/attachments", headers=as_role("client")).get_json()["items"]
    assert [a["id"] for a in mine] == [own_cv.get_json()["id"]]


def test_the_same_id_twice_is_a_conflict(client, world, as_role):
    first = announce(client, as_role("helper"), jpeg(100), person_id=world.graduate)
    again = announce(client, as_role("helper"), jpeg(100), person_id=world.graduate,
                     id=first.get_json()["id"])
    assert_error(again, 409, "id_exists")
