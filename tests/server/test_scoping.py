"""Who sees what: a helper their households, a supervisor their sub-district, a client their file.

Rows outside the caller's scope answer 404 exactly like rows that do not exist, so ids cannot be
probed; and what a client may not see is left out of the body, not blanked.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Household, Note, StatusEvent, User, Visit
from server.records import DbLookup
from server.scoping import households, reaches
from tests.factories import make_job, make_visit
from tests.server.callers import assert_error


def listed(client, headers, path, **query) -> list[dict]:
    resp = client.get(path, headers=headers, query_string=query)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["items"]


@pytest.mark.parametrize(
    ("role", "households"),
    [
        ("helper", {"h1", "shared"}),
        ("supervisor", {"h1", "h2", "shared"}),
        ("admin", {"h1", "h2", "shared", "other"}),
        ("other_helper", {"other"}),
    ],
)
def test_each_role_lists_the_households_in_its_scope(client, as_role, world, role, households):
    got = {h["id"] for h in listed(client, as_role(role), "/api/households")}
    assert got == {getattr(world, name) for name in households}


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("helper", {"李杰", "王芳", "王强"}),
        ("supervisor", {"李杰", "王芳", "王强", "Chen Mei"}),
        ("other_helper", {"赵敏"}),
        ("client", {"李杰"}),
    ],
)
def test_each_role_lists_the_persons_in_its_scope(client, as_role, world, role, names):
    assert {p["name"] for p in listed(client, as_role(role), "/api/persons")} == names


def test_a_shared_household_belongs_to_both_helpers(client, as_role, world):
    for role in ("helper", "supervisor"):
        assert (
            client.get(f"/api/households/{world.shared}", headers=as_role(role)).status_code == 200
        )
    assert {
        h["id"]
        for h in listed(
            client, as_role("helper"), "/api/households", helper_id=world.users["helper2"]
        )
    } == {world.shared}


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(m))
            for m in (Visit, Note, StatusEvent)
        )  # type: ignore[return-value]


def test_another_helpers_household_is_not_found_for_every_verb(client, app, as_role, world):
    h = as_role("helper")
    chen = world.persons["Chen Mei"]
    before = counts(app)
    calls = [
        client.get(f"/api/households/{world.h2}", headers=h),
        client.patch(f"/api/households/{world.h2}", headers=h, json={"address": "改了"}),
        client.post(
            "/api/visits",
            headers=h,
            json={
                "household_id": world.h2,
                "channel": "phone",
                "occurred_at": "2026-11-01T08:00:00Z",
            },
        ),
        client.post("/api/notes", headers=h, json={"household_id": world.h2, "text": "偷看"}),
        client.get(f"/api/persons/{chen}", headers=h),
        client.patch(f"/api/persons/{chen}", headers=h, json={"phone": "1"}),
        client.post(f"/api/persons/{chen}/status", headers=h, json={"to": "employed"}),
        client.get(f"/api/persons/{chen}/status-history", headers=h),
        client.post(
            "/api/persons",
            headers=h,
            json={"household_id": world.h2, "name": "新人", "category": "settled"},
        ),
        client.post(
            "/api/recommendations",
            headers=h,
            json={"person_id": chen, "job_id": world.jobs[0], "reasons": "适合"},
        ),
    ]
    for resp in calls:
        assert_error(resp, 404, "not_found")
    # ... and an unknown id answers exactly the same.
    ghost = client.get(f"/api/households/{uuid.uuid4()}", headers=h)
    assert ghost.get_json() == calls[0].get_json()
    assert counts(app) == before


def test_a_foreign_visit_note_or_recommendation_is_not_found(client, app, as_role, world):
    with app.app_context():
        from server.models import Household, Person, User

        h2 = db.session.get(Household, uuid.UUID(world.h2))
        helper2 = db.session.get(User, uuid.UUID(world.users["helper2"]))
        visit = make_visit(h2, helper2)
        note = Note(household_id=h2.id, text="私下记录", author_id=helper2.id)
        db.session.add(note)
        chen = db.session.get(Person, uuid.UUID(world.persons["Chen Mei"]))
        from server.models import Recommendation

        rec = Recommendation(
            person_id=chen.id, job_id=uuid.UUID(world.jobs[0]), reasons="r", stamps={}, history=[]
        )
        db.session.add(rec)
        db.session.commit()
        ids = (str(visit.id), str(note.id), str(rec.id))
    h = as_role("helper")
    assert_error(client.get(f"/api/visits/{ids[0]}", headers=h), 404)
    assert_error(client.get(f"/api/notes/{ids[1]}", headers=h), 404)
    assert_error(client.get(f"/api/recommendations/{ids[2]}", headers=h), 404)
    assert_error(
        client.patch(f"/api/recommendations/{ids[2]}", headers=h, json={"state": "viewed"}), 404
    )
    assert listed(client, h, "/api/visits") == []
    assert listed(client, h, "/api/notes") == []
    assert listed(client, h, "/api/recommendations") == []
    # The pair's other helper and their supervisor do see them.
    for role in ("supervisor",):
        assert client.get(f"/api/visits/{ids[0]}", headers=as_role(role)).status_code == 200
    assert_error(client.get(f"/api/visits/{ids[0]}", headers=as_role("other_helper")), 404)


def test_a_supervisor_does_not_reach_another_sub_district(client, as_role, world):
    h = as_role("supervisor")
    assert_error(client.get(f"/api/households/{world.other}", headers=h), 404)
    assert_error(client.get(f"/api/persons/{world.persons['赵敏']}", headers=h), 404)
    assert_error(client.get(f"/api/users/{world.users['helper9']}", headers=h), 404)
    staff = {u["username"] for u in listed(client, h, "/api/users")}
    assert staff == {"supervisor1", "helper1", "helper2", "graduate1"}


def test_a_client_reaches_only_their_own_file_and_recommendations(client, app, as_role, world):
    h = as_role("client")
    for name in ("Chen Mei", "王芳", "赵敏"):
        assert_error(client.get(f"/api/persons/{world.persons[name]}", headers=h), 404)
    assert client.get(f"/api/persons/{world.graduate}", headers=h).status_code == 200
    helper = as_role("helper")
    for person, job in ((world.graduate, world.jobs[0]), (world.persons["王芳"], world.jobs[1])):
        resp = client.post(
            "/api/recommendations",
            headers=helper,
            json={"person_id": person, "job_id": job, "reasons": "适合你"},
        )
        assert resp.status_code == 201, resp.get_json()
    recs = listed(client, h, "/api/recommendations")
    assert [r["person_id"] for r in recs] == [world.graduate]
    assert recs[0]["job"]["title"] == "服装设计助理"
    # The client answers their own recommendation, not anyone else's.
    resp = client.patch(
        f"/api/recommendations/{recs[0]['id']}",
        headers=h,
        json={"state": "interested", "response_reason": "想试试"},
    )
    assert resp.status_code == 200, resp.get_json()
    others = listed(client, helper, "/api/recommendations", person_id=world.persons["王芳"])
    assert_error(
        client.patch(
            f"/api/recommendations/{others[0]['id']}", headers=h, json={"state": "declined"}
        ),
        404,
    )
    assert_error(client.get("/api/notes", headers=h), 403, "forbidden")
    assert_error(client.get("/api/households", headers=h), 403, "forbidden")


STAFF_ONLY_PERSON = {"notes_summary", "difficulties", "group_name", "updated_device"}
STAFF_ONLY_VISIT = {
    "persons",
    "notes",
    "review_state",
    "review_comment",
    "reviewed_by_id",
    "reviewed_at",
    "lat",
    "lng",
    "accuracy_m",
    "device_id",
    "late",
}


def test_a_client_does_not_see_staff_only_fields(client, app, as_role, world):
    helper = as_role("helper")
    client.patch(
        f"/api/persons/{world.graduate}",
        headers=helper,
        json={
            "notes_summary": "内向，面试紧张",
            "difficulties": ["introversion"],
            "group_name": "第二组",
        },
    )
    visit = client.post(
        "/api/visits",
        headers=helper,
        json={
            "household_id": world.h1,
            "person_ids": [world.graduate],  # a client sees the contacts that named them
            "channel": "home_visit",
            "occurred_at": "2026-11-01T08:00:00Z",
            "notes": "家里气氛紧张",
            "services": ["heart_to_heart"],
            "lat": 31.2,
            "lng": 121.5,
            "accuracy_m": 8,
        },
    )
    assert visit.status_code == 201, visit.get_json()

    staff_view = client.get(f"/api/persons/{world.graduate}", headers=helper).get_json()
    own_view = client.get(f"/api/persons/{world.graduate}", headers=as_role("client")).get_json()
    assert set(staff_view) >= STAFF_ONLY_PERSON
    assert set(own_view) == set(staff_view) - STAFF_ONLY_PERSON
    assert own_view["name"] == "李杰"
    listed_view = listed(client, as_role("client"), "/api/persons")[0]
    assert not STAFF_ONLY_PERSON & set(listed_view)

    visit_id = visit.get_json()["id"]
    staff_visit = client.get(f"/api/visits/{visit_id}", headers=helper).get_json()
    own_visit = client.get(f"/api/visits/{visit_id}", headers=as_role("client")).get_json()
    assert set(staff_visit) >= STAFF_ONLY_VISIT
    assert set(own_visit) == set(staff_visit) - STAFF_ONLY_VISIT
    assert own_visit["services"] == ["heart_to_heart"]
    assert "家里气氛紧张" not in str(listed(client, as_role("client"), "/api/visits"))


def test_a_client_edits_only_their_contact_and_intention(client, as_role, world):
    h = as_role("client")
    ok = client.patch(
        f"/api/persons/{world.graduate}",
        headers=h,
        json={"phone": "13900000000", "intention_role": "设计助理"},
    )
    assert ok.status_code == 200, ok.get_json()
    err = assert_error(
        client.patch(
            f"/api/persons/{world.graduate}", headers=h, json={"category": "settled", "phone": "1"}
        ),
        403,
    )
    assert set(err["fields"]) == {"category"}


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("李", {"李杰"}),
        ("李杰", {"李杰"}),
        ("王", {"王芳", "王强"}),
        ("chen", {"Chen Mei"}),
        ("CHEN mei", {"Chen Mei"}),
        ("服装设计", {"李杰"}),  # major
        ("河北科技", {"李杰"}),  # school
        ("13800000001", {"李杰"}),  # phone
        ("%", set()),
        ("_", set()),
        ("张", set()),
    ],
)
def test_search_persons_in_chinese_and_english(client, as_role, world, q, names):
    got = {p["name"] for p in listed(client, as_role("supervisor"), "/api/persons", q=q)}
    assert got == names


@pytest.mark.parametrize(
    ("q", "households"),
    [
        ("汶水", {"shared"}),
        ("王芳", {"shared"}),
        ("chen", {"h2"}),
        ("李", {"h1"}),
        ("路", {"h1", "h2", "shared"}),
    ],
)
def test_search_households_by_address_or_member(client, as_role, world, q, households):
    got = {h["id"] for h in listed(client, as_role("supervisor"), "/api/households", q=q)}
    assert got == {getattr(world, name) for name in households}


def test_search_jobs_case_insensitively(client, app, as_role, world):
    with app.app_context():
        make_job(employer="Suzhou Textiles", title="Pattern Maker", industry="服装", is_open=True)
        db.session.commit()
    h = as_role("helper")
    assert {j["title"] for j in listed(client, h, "/api/jobs", q="greening")} == {"Greening guard"}
    assert {j["title"] for j in listed(client, h, "/api/jobs", q="PATTERN")} == {"Pattern Maker"}
    assert {j["title"] for j in listed(client, h, "/api/jobs", q="服装")} == {
        "服装设计助理",
        "Pattern Maker",
    }


def test_a_client_sees_their_household_but_not_the_others_in_it(client, as_role, world):
    staff = client.get(f"/api/households/{world.shared}", headers=as_role("helper")).get_json()
    assert {m["name"] for m in staff["members"]} == {"王芳", "王强"}
    own = client.get(f"/api/households/{world.h1}", headers=as_role("client"))
    assert own.status_code == 200
    assert "members" not in own.get_json() and own.get_json()["address"] == "凉城路100弄3号"


def test_a_write_reaches_exactly_the_households_a_read_does(app, world):
    """`scoping.reaches` (what a write checks on one household) is `household_filter` (what every
    list and lookup reads), for every account of the world and every household."""
    with app.app_context():
        for user in db.session.scalars(select(User)):
            listed_ids = {h.id for h in db.session.scalars(households(user))}
            home = DbLookup().household_of_person(str(user.person_id)) if user.person_id else None
            for household in db.session.scalars(select(Household)):
                assert reaches(user, household, home) == (household.id in listed_ids), (
                    user.username, household.address)
