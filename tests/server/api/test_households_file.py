"""A helper registers a household at the door and keeps its address, committee and flag true."""

from __future__ import annotations

from tests.server.callers import assert_error


def test_a_helper_registers_a_household_to_themselves_and_edits_every_field(client, world, as_role):
    resp = client.post("/api/households", json={"address": "凉城路300弄1号", "committee_id": world.committee},
                       headers=as_role("helper"))
    assert resp.status_code == 201, resp.get_json()
    made = resp.get_json()
    assert made["primary_helper_id"] == world.users["helper1"] and made["zero_employment"] is False
    edited = client.patch(f"/api/households/{made['id']}", headers=as_role("helper"), json={
        "address": "凉城路300弄2号", "committee_id": world.committee2, "zero_employment": True})
    assert edited.status_code == 200, edited.get_json()
    got = edited.get_json()
    assert (got["address"], got["committee_id"], got["zero_employment"]) == ("凉城路300弄2号", world.committee2, True)
    assert got["updated_device"] == "test-device"


def test_a_committee_of_another_sub_district_is_refused(client, world, as_role):
    resp = client.post("/api/households", json={"address": "江湾路2号", "committee_id": world.other_committee},
                       headers=as_role("helper"))
    assert "committee_id" in assert_error(resp, 422, "validation_error")["fields"]


def test_an_empty_address_is_refused(client, world, as_role):
    resp = client.patch(f"/api/households/{world.h1}", json={"address": ""}, headers=as_role("helper"))
    assert "address" in assert_error(resp, 422, "validation_error")["fields"]
