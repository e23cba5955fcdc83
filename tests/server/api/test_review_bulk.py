"""Approving many visits at once (`POST /api/visits/review`): all or nothing, in scope only."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import Household, User, Visit
from tests.factories import make_visit
from tests.server.callers import assert_error


def visits_of(app, *addresses: str) -> list[str]:
    """One pending visit by the household's helper at each address."""
    with app.app_context():
        ids = []
        for address in addresses:
            household = db.session.scalar(select(Household).where(Household.address == address))
            author = db.session.get(User, household.primary_helper_id)
            ids.append(str(make_visit(household, author).id))
        db.session.commit()
        return ids


def states(app, ids: list[str]) -> list[str]:
    with app.app_context():
        return [db.session.get(Visit, uuid.UUID(i)).review_state for i in ids]


def test_a_supervisor_approves_three_visits_in_one_action(app, client, as_role, world):
    ids = visits_of(app, "凉城路100弄3号", "广灵四路20号", "汶水路8号")
    resp = client.post("/api/visits/review", headers=as_role("supervisor"),
                       json={"visit_ids": ids, "decision": "approve"})
    assert resp.status_code == 200, resp.get_json()
    assert [v["id"] for v in resp.get_json()] == ids
    assert states(app, ids) == ["approved"] * 3
    with app.app_context():
        visit = db.session.get(Visit, uuid.UUID(ids[0]))
        assert str(visit.reviewed_by_id) == world.users["supervisor1"]


def test_one_visit_out_of_scope_and_none_is_approved(app, client, as_role, world):
    ids = visits_of(app, "凉城路100弄3号", "江湾路1号")
    resp = client.post("/api/visits/review", headers=as_role("supervisor"),
                       json={"visit_ids": ids, "decision": "approve"})
    error = assert_error(resp, 404, "not_found")
    assert error["fields"] == {"visit_ids": [ids[1]]}
    assert states(app, ids) == ["pending", "pending"]


@pytest.mark.parametrize("body", [
    {"visit_ids": [], "decision": "approve"},
    {"visit_ids": [str(uuid.uuid4()) for _ in range(201)], "decision": "approve"},
    {"visit_ids": ["not-a-uuid"], "decision": "approve"},
    {"visit_ids": [str(uuid.uuid4())], "decision": "return"},
    {"decision": "approve"},
])
def test_bad_requests_are_a_clear_422(client, as_role, world, body):
    assert_error(client.post("/api/visits/review", headers=as_role("supervisor"), json=body), 422)


def test_a_helper_cannot_approve_in_bulk(app, client, as_role, world):
    ids = visits_of(app, "凉城路100弄3号")
    assert_error(client.post("/api/visits/review", headers=as_role("helper"),
                             json={"visit_ids": ids, "decision": "approve"}), 403)
    assert states(app, ids) == ["pending"]


def test_a_reviewer_reads_the_names_of_the_persons_a_visit_concerns(app, client, as_role, world):
    visits_of(app, "汶水路8号")
    body = client.get("/api/visits", headers=as_role("supervisor"),
                      query_string={"review_state": "pending"}).get_json()
    names = sorted(p["name"] for v in body["items"] for p in v["persons"])
    assert names == ["王强", "王芳"]
