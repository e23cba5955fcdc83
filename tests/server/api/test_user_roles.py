"""An admin moves staff between roles from the office screen: a helper becomes a supervisor in
a sub-district and is signed out everywhere; a client's account, the admin's own role and a
staff role without a sub-district are refused in the one error shape."""

from __future__ import annotations

import uuid

from server.extensions import db
from server.models import User
from tests.server.callers import assert_error


def patch(client, headers, user_id, body):
    return client.patch(f"/api/users/{user_id}", headers=headers, json=body)


def test_a_helper_becomes_a_supervisor_and_their_old_token_stops_working(client, app, as_role, as_user, world):
    helper = world.users["helper2"]
    old = as_user("helper2")
    resp = patch(client, as_role("admin"), helper, {"role": "supervisor"})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["role"] == "supervisor"
    assert resp.get_json()["area_id"] == world.subdistrict
    assert_error(client.get("/api/auth/me", headers=old), 401)
    with app.app_context():
        assert db.session.get(User, uuid.UUID(helper)).role == "supervisor"


def test_an_admin_made_a_helper_needs_a_sub_district(client, as_role, world):
    admin2 = client.post("/api/users", headers=as_role("admin"), json={
        "username": "admin2", "display_name": "Second admin", "role": "admin", "password": "a-good-password"}).get_json()
    assert_error(patch(client, as_role("admin"), admin2["id"], {"role": "helper"}), 422)
    resp = patch(client, as_role("admin"), admin2["id"], {"role": "helper", "area_id": world.subdistrict})
    assert resp.status_code == 200, resp.get_json()
    assert (resp.get_json()["role"], resp.get_json()["area_id"]) == ("helper", world.subdistrict)


def test_a_client_account_keeps_its_role_and_nobody_changes_their_own(client, as_role, world):
    error = assert_error(patch(client, as_role("admin"), world.users["graduate1"], {"role": "helper",
                                                                                  "area_id": world.subdistrict}), 422)
    assert "role" in error["fields"]
    assert_error(patch(client, as_role("admin"), world.users["admin"], {"role": "helper",
                                                                      "area_id": world.subdistrict}), 403)
    assert_error(patch(client, as_role("admin"), world.users["helper1"], {"role": "client"}), 422)


def test_only_an_admin_changes_a_role(client, as_role, world):
    assert_error(patch(client, as_role("supervisor"), world.users["supervisor1"], {"role": "admin"}), 403)
    assert_error(patch(client, as_role("helper"), world.users["helper1"], {"role": "supervisor"}), 403)
