"""The policy table (server/policy.py) as a matrix over REST **and** sync push.

For every role and every row of `policy.TABLE` that a channel carries, the same change is made
through the REST API and as a sync op on a target in the caller's scope, and both must answer
what the table says: allowed → written (2xx / applied), refused → 403 / `forbidden`. A field the
table lists that no channel can write fails the test (add a value below), and so does a REST
route or a sync answer that disagrees with the table. Then each role, on a row of the same kind
outside its scope: 404 over REST, `out_of_scope` over sync, whatever the field.
"""

from __future__ import annotations

from typing import Any

import pytest

from server.extensions import db
from server.models import Recommendation
from server.policy import ROLES, TABLE, allowed
from tests.factories import make_job, make_world
from tests.sync_server.device import Device

USER = {"admin": "admin", "supervisor": "supervisor1", "helper": "helper1", "client": "graduate1"}

#: A valid new value for each field a change can carry.
VALUE: dict[tuple[str, str], Any] = {
    ("household", "address"): "新地址1号",
    ("household", "zero_employment"): True,
    ("person", "name"): "李杰杰",
    ("person", "gender"): "male",
    ("person", "birth_date"): "2001-02-03",
    ("person", "phone"): "13900000009",
    ("person", "email"): "li@example.cn",
    ("person", "wechat"): "lijie01",
    ("person", "school"): "苏州大学",
    ("person", "major"): "电子商务",
    ("person", "education_level"): "master",
    ("person", "graduation_date"): "2026-06-30",
    ("person", "category"): "settled",
    ("person", "intention_industry"): "电商",
    ("person", "intention_role"): "主播",
    ("person", "intention_place"): "苏州",
    ("person", "intention_pay_min"): 3000,
    ("person", "intention_pay_max"): 9000,
    ("person", "skills"): ["直播"],
    ("person", "difficulties"): ["缺经验"],
    ("person", "disadvantaged"): True,
    ("person", "group_name"): "A组",
    ("person", "guidance_step"): "adjust",
    ("person", "guidance_know"): {"state": "done", "date": "2026-01-05", "wishes": "离家近"},
    ("person", "guidance_adjust"): {"state": "in_progress", "date": "2026-01-06", "goal": "社区文员"},
    ("person", "guidance_promote"): {"state": "in_progress", "date": "2026-01-07", "plan": [
        {"id": "a1", "date": "2026-01-08", "action": "改简历", "done_on": None}]},
    ("person", "id_number"): "320505200102031239",
    ("person", "registered_on"): "2026-01-05",
    ("person", "notes_summary"): "需要简历辅导",
    ("recommendation", "response_reason"): "离家近",
    ("recommendation", "interview_at"): "2026-12-03T02:00:00Z",
    ("recommendation", "interview_place"): "杨浦区创智天地 3 号楼",
    ("recommendation", "source_event_id"): "5b0c3f3e-9a57-4d7e-9d55-3f0d6a1c2b11",
    ("recommendation", "source_post_id"): "0d6c1a9e-31f2-4f43-8f4e-2c7b5e9a4d22",
    ("household", "lat"): 31.2712,
    ("household", "lng"): 121.5227,
}
#: Fields written by a transition (sync) or their own REST route.
MACHINES = {("person", "status"): "employed", ("recommendation", "state"): "viewed"}
#: Fields only one channel carries (the table still rules them there).
SYNC_ONLY = {("person", "household_id"), ("household", "committee_id"),
             ("recommendation", "person_id"), ("recommendation", "job_id"),
             ("recommendation", "reasons"), ("recommendation", "match")}
REST_ONLY = {("person", "notes_summary")}


def updates() -> list[tuple[str, str, str]]:
    rows = [(e, f) for e, f, *_ in TABLE if e in ("household", "person", "recommendation")]
    return [(role, e, f) for e, f in rows for role in ROLES
            if allowed("admin", e, f, "update") or allowed(role, e, f, "update")
            or (e, f) in SYNC_ONLY]


@pytest.fixture
def scene(app):
    with app.app_context():
        w = make_world()
        rec = Recommendation(person_id=w.graduate.id, job_id=w.jobs[0].id, reasons="对口",
                             stamps={}, history=[])
        other_rec = Recommendation(person_id=w.other_household.members[0].id,
                                   job_id=w.jobs[0].id, reasons="对口", stamps={}, history=[])
        db.session.add_all([rec, other_rec])
        job3 = make_job(title="电商客服")
        db.session.commit()
        return {
            "household": str(w.h1_household.id), "person": str(w.graduate.id),
            "recommendation": str(rec.id), "committee2": str(w.committees[1].id),
            "shared": str(w.shared_household.id), "job2": str(w.jobs[1].id), "job3": str(job3.id),
            "zhao": str(w.other_household.members[0].id),
            "foreign": {"household": str(w.other_household.id),
                        "person": str(w.other_household.members[0].id),
                        "recommendation": str(other_rec.id)},
        }


def sync_value(scene: dict[str, Any], entity: str, field: str) -> Any:
    special = {("household", "committee_id"): scene["committee2"],
               ("person", "household_id"): scene["shared"],
               ("recommendation", "person_id"): scene["zhao"],
               ("recommendation", "job_id"): scene["job2"],
               ("recommendation", "reasons"): "改理由", ("recommendation", "match"): {"score": 1}}
    return special.get((entity, field), VALUE.get((entity, field)))


def push_one(client, headers, entity: str, target: str, field: str, value: Any) -> dict[str, Any]:
    phone = Device(client, headers)
    if (entity, field) in MACHINES:
        source = "seeking" if entity == "person" else "recommended"
        phone.op(entity, target, "transition", {"field": field, "from": source, "to": value})
    else:
        phone.op(entity, target, "set", {field: value}, {field: None})
    return phone.push()["results"][0]


def rest_one(client, headers, entity: str, target: str, field: str, value: Any) -> int:
    if (entity, field) == ("person", "status"):
        return client.post(f"/api/persons/{target}/status", headers=headers, json={"to": value}).status_code
    if entity == "recommendation":
        body = {"state": value} if field == "state" else {"state": "recommended", field: value}
        return client.patch(f"/api/recommendations/{target}", headers=headers, json=body).status_code
    path = {"person": "persons", "household": "households"}[entity]
    return client.patch(f"/api/{path}/{target}", headers=headers, json={field: value}).status_code


@pytest.mark.parametrize("role,entity,field", updates(), ids=lambda v: str(v))
def test_an_update_over_rest_and_sync_agrees_with_the_table(client, as_user, scene, role, entity, field):
    headers = as_user(USER[role])
    value = MACHINES.get((entity, field), sync_value(scene, entity, field))
    assert value is not None, f"give {entity}.{field} a value in VALUE"
    permitted = allowed(role, entity, field, "update")
    target = scene[entity]
    if (entity, field) not in REST_ONLY:
        result = push_one(client, headers, entity, target, field, value)
        if permitted:
            assert result["status"] in ("applied", "merged", "conflict"), result
        else:
            assert (result["status"], result.get("code")) == ("rejected", "forbidden"), result
    if (entity, field) not in SYNC_ONLY:
        rest_value = "internship" if (entity, field) == ("person", "status") else VALUE.get(
            (entity, field), value)
        status = rest_one(client, headers, entity, target, field, rest_value)
        assert status == (200 if permitted and (entity, field) != ("person", "status")
                          else 201 if permitted else 403), (role, entity, field, status)


def first_allowed(role: str, entity: str) -> str | None:
    for e, f, *_ in TABLE:
        if e == entity and allowed(role, e, f, "update") and (e, f) not in SYNC_ONLY | REST_ONLY \
                and (e, f) not in MACHINES:
            return f
    return None


@pytest.mark.parametrize("entity", ["household", "person", "recommendation"])
@pytest.mark.parametrize("role", ["supervisor", "helper", "client"])
def test_a_row_outside_the_scope_is_404_over_rest_and_out_of_scope_over_sync(
        client, as_user, scene, role, entity):
    field = first_allowed(role, entity)
    if field is None:
        pytest.skip(f"{role} may change no {entity} field: the table test covers it")
    headers = as_user(USER[role])
    target = scene["foreign"][entity]
    value = VALUE[(entity, field)]
    result = push_one(client, headers, entity, target, field, value)
    assert (result["status"], result.get("code")) == ("rejected", "out_of_scope"), result
    assert rest_one(client, headers, entity, target, field, value) == 404


#: What each entity's creation carries, over REST and over sync.
CREATE = {
    "household": lambda s: {"address": "新村9号", "committee_id": s["committee2"]},
    "person": lambda s: {"household_id": s["household"], "name": "新居民", "category": "settled"},
    "visit": lambda s: {"household_id": s["household"], "channel": "phone",
                        "occurred_at": "2026-11-20T09:00:00Z"},
    "note": lambda s: {"household_id": s["household"], "text": "下次带简历"},
    "recommendation": lambda s: {"person_id": s["person"], "job_id": s["job2"], "reasons": "近"},
}
ROUTE = {"household": "households", "person": "persons", "visit": "visits", "note": "notes",
         "recommendation": "recommendations"}


@pytest.mark.parametrize("entity", list(CREATE))
@pytest.mark.parametrize("role", ROLES)
def test_a_creation_over_rest_and_sync_agrees_with_the_table(client, as_user, scene, role, entity):
    headers = as_user(USER[role])
    body = CREATE[entity](scene)
    permitted = all(allowed(role, entity, name, "create") for name in body)
    phone = Device(client, headers)
    phone.insert(entity, body)
    result = phone.push()["results"][0]
    if permitted:
        assert result["status"] == "applied", result
    else:
        assert (result["status"], result.get("code")) == ("rejected", "forbidden"), result
    if entity == "recommendation":
        body = {**body, "job_id": scene["job3"]}  # the sync one took job2
    status = client.post(f"/api/{ROUTE[entity]}", headers=headers, json=body).status_code
    assert status == (201 if permitted else 403), (role, entity, status)
