"""A first story: a helper logs in, lists their households, records a visit."""

from __future__ import annotations

from tests.factories import make_world


def test_helper_records_a_visit(app, client, auth):
    with app.app_context():
        world = make_world()
        shared_id, person_ids = (
            str(world.shared_household.id),
            [str(p.id) for p in world.shared_household.members],
        )
    h = auth.headers("helper1")
    listed = client.get("/api/households", headers=h).get_json()
    assert listed["total"] == 2
    resp = client.post(
        "/api/visits",
        headers=h,
        json={
            "household_id": shared_id,
            "channel": "home_visit",
            "occurred_at": "2026-11-20T09:00:00Z",
            "notes": "谈心",
            "services": ["heart_to_heart"],
            "status_changes": [{"person_id": person_ids[0], "to": "employed"}],
        },
    )
    assert resp.status_code == 201, resp.get_json()
    hist = client.get(f"/api/persons/{person_ids[0]}/status-history", headers=h).get_json()
    assert [e["to_status"] for e in hist][-1] == "employed"
