"""A helper opens and keeps a whole file over REST: every field, and a clear 4xx for bad values."""

from __future__ import annotations

import pytest

from tests.server.callers import assert_error

#: A valid GB 11643 number (born 1949-12-31, female) and one whose check character is wrong.
ID_NUMBER = "11010519491231002X"
BAD_CHECK = "110105194912310021"


def whole_file(household_id: str) -> dict[str, object]:
    return {
        "household_id": household_id, "name": "周晓燕", "id_number": "11010519491231002x",
        "gender": "female", "birth_date": "1949-12-31", "phone": "13912345678",
        "email": "xy@example.cn", "wechat": "xiaoyan_z", "school": "江南大学", "major": "会计",
        "education_level": "bachelor", "graduation_date": "2026-06-30", "status": "seeking",
        "category": "graduate_active_search", "intention_industry": "金融", "intention_role": "出纳",
        "intention_place": "无锡", "intention_pay_min": 4000, "intention_pay_max": 6500,
        "skills": ["Excel", "初级会计证"], "difficulties": ["面试紧张"], "disadvantaged": True,
        "group_name": "第二组",
    }


def test_a_helper_opens_a_file_with_every_field_and_reads_it_back(client, world, as_role):
    body = whole_file(world.h1)
    resp = client.post("/api/persons", json=body, headers=as_role("helper"))
    assert resp.status_code == 201, resp.get_json()
    got = client.get(f"/api/persons/{resp.get_json()['id']}", headers=as_role("helper")).get_json()
    for key, value in body.items():
        expected = ID_NUMBER if key == "id_number" else value
        assert got[key] == expected, key
    assert got["updated_device"] == "test-device"


def test_the_list_finds_a_file_by_its_id_number_and_filters_by_group(client, world, as_role):
    client.post("/api/persons", json=whole_file(world.h1), headers=as_role("helper"))
    by_number = client.get("/api/persons?q=1231002X", headers=as_role("helper")).get_json()
    assert [p["name"] for p in by_number["items"]] == ["周晓燕"]
    grouped = client.get("/api/persons?group_name=第二组", headers=as_role("helper")).get_json()
    assert [p["name"] for p in grouped["items"]] == ["周晓燕"]


def test_a_helper_edits_every_field_of_an_existing_file(client, world, as_role):
    changes = {k: v for k, v in whole_file(world.h1).items() if k not in ("household_id", "status")}
    resp = client.patch(f"/api/persons/{world.graduate}", json=changes, headers=as_role("helper"))
    assert resp.status_code == 200, resp.get_json()
    got = resp.get_json()
    assert got["id_number"] == ID_NUMBER and got["group_name"] == "第二组"
    assert got["intention_pay_max"] == 6500 and got["skills"] == ["Excel", "初级会计证"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"id_number": BAD_CHECK}, "id_number"),
    ({"id_number": "1101051949123"}, "id_number"),
    ({"id_number": "110105194913310024"}, "id_number"),  # month 13
    ({"id_number": ID_NUMBER, "birth_date": "1950-01-01"}, "birth_date"),
    ({"birth_date": "2999-01-01"}, "birth_date"),
    ({"graduation_date": "2026-02-30"}, "graduation_date"),
    ({"intention_pay_min": 8000, "intention_pay_max": 5000}, "intention_pay_max"),
    ({"gender": "unknown"}, "gender"),
])
def test_bad_values_are_a_422_naming_the_field(client, world, as_role, changes, field):
    resp = client.patch(f"/api/persons/{world.graduate}", json=changes, headers=as_role("helper"))
    error = assert_error(resp, 422, "validation_error")
    assert field in error["fields"]


def test_a_reversed_pay_range_across_two_edits_is_refused(client, world, as_role):
    client.patch(f"/api/persons/{world.graduate}", json={"intention_pay_min": 7000}, headers=as_role("helper"))
    resp = client.patch(f"/api/persons/{world.graduate}", json={"intention_pay_max": 5000},
                        headers=as_role("helper"))
    assert_error(resp, 422, "validation_error")


def test_a_graduate_cannot_change_their_own_id_number(client, world, as_role):
    resp = client.patch(f"/api/persons/{world.graduate}", json={"id_number": ID_NUMBER},
                        headers=as_role("client"))
    assert_error(resp, 403, "forbidden")


def test_an_empty_id_number_clears_it(client, world, as_role):
    client.patch(f"/api/persons/{world.graduate}", json={"id_number": ID_NUMBER}, headers=as_role("helper"))
    resp = client.patch(f"/api/persons/{world.graduate}", json={"id_number": " "}, headers=as_role("helper"))
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["id_number"] is None
