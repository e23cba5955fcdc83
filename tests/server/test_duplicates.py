"""One person, one file: the server's duplicate check, over REST and over a sync push.

The same identity number in the office is refused whoever asks; the same phone, or the same
name and birth date, is a question over REST and accepted from a phone (which asked there).
A file outside the caller's scope is never named.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Person
from tests.server.callers import assert_error
from tests.sync_server.device import Device

ID_NUMBER = "11010519491231002X"


def file_for(household: str, **kw: object) -> dict[str, object]:
    return {"household_id": household, "name": "周晓燕", "category": "unemployed_seeking", **kw}


def count_named(app, name: str) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).where(Person.name == name)) or 0)


def test_a_second_file_with_the_same_id_number_is_refused_and_names_the_first(client, world, as_role):
    first = client.post("/api/persons", json=file_for(world.h1, id_number=ID_NUMBER),
                        headers=as_role("helper")).get_json()
    again = client.post("/api/persons", json=file_for(world.shared, name="周小燕", id_number=ID_NUMBER,
                                                      confirm_duplicate=True),
                        headers=as_role("helper"))
    error = assert_error(again, 409, "duplicate_person")
    assert error["fields"]["duplicates"] == [
        {"id": first["id"], "name": "周晓燕", "household_id": world.h1, "match": "id_number"}]


def test_changing_a_file_to_another_files_id_number_is_refused(client, world, as_role):
    client.post("/api/persons", json=file_for(world.h1, id_number=ID_NUMBER), headers=as_role("helper"))
    resp = client.patch(f"/api/persons/{world.graduate}", json={"id_number": ID_NUMBER},
                        headers=as_role("helper"))
    assert_error(resp, 409, "duplicate_person")


def test_the_same_phone_is_a_question_until_the_helper_confirms(app, client, world, as_role):
    body = file_for(world.h1, name="李洁", phone="138-0000 0001")  # 李杰's phone, spelt otherwise
    asked = client.post("/api/persons", json=body, headers=as_role("helper"))
    error = assert_error(asked, 409, "possible_duplicate")
    assert [(d["name"], d["match"]) for d in error["fields"]["duplicates"]] == [("李杰", "phone")]
    assert count_named(app, "李洁") == 0
    confirmed = client.post("/api/persons", json={**body, "confirm_duplicate": True},
                            headers=as_role("helper"))
    assert confirmed.status_code == 201, confirmed.get_json()


def test_the_same_name_and_birth_date_is_a_question_too(client, world, as_role):
    client.post("/api/persons", json=file_for(world.h1, birth_date="2003-05-01"), headers=as_role("helper"))
    resp = client.post("/api/persons", json=file_for(world.shared, birth_date="2003-05-01"),
                       headers=as_role("helper"))
    error = assert_error(resp, 409, "possible_duplicate")
    assert error["fields"]["duplicates"][0]["match"] == "name_birth_date"


def test_a_file_outside_the_callers_scope_is_never_named(client, world, as_role):
    # helper2's household in the same sub-district: not helper1's caseload.
    theirs = client.post("/api/persons", json=file_for(world.h2, id_number=ID_NUMBER, phone="13700000009"),
                         headers=as_role("supervisor")).get_json()
    resp = client.post("/api/persons", json=file_for(world.h1, id_number=ID_NUMBER), headers=as_role("helper"))
    error = assert_error(resp, 409, "duplicate_person")
    assert "supervisor" in error["message"]
    assert theirs["id"] not in resp.get_data(as_text=True) and "duplicates" not in error["fields"]
    # A weaker match out of scope is not mentioned at all: phones cannot be probed.
    weak = client.post("/api/persons", json=file_for(world.h1, name="别人", phone="13700000009"),
                       headers=as_role("helper"))
    assert weak.status_code == 201, weak.get_json()


def test_another_office_may_hold_the_same_id_number(client, world, as_role):
    client.post("/api/persons", json=file_for(world.h1, id_number=ID_NUMBER), headers=as_role("helper"))
    resp = client.post("/api/persons", json=file_for(world.other, id_number=ID_NUMBER),
                       headers=as_role("other_helper"))
    assert resp.status_code == 201, resp.get_json()


@pytest.fixture
def phone(client, auth):
    return Device(client, auth.headers("helper1"))


def results(response):
    return [(r["status"], r.get("code")) for r in response["results"]]


def test_a_phone_registering_a_known_id_number_is_rejected_duplicate_person(app, client, world, as_role, phone):
    client.post("/api/persons", json=file_for(world.h1, id_number=ID_NUMBER), headers=as_role("helper"))
    phone.insert("person", file_for(world.shared, name="周小燕", id_number=ID_NUMBER, status="seeking"))
    assert results(phone.push()) == [("rejected", "duplicate_person")]
    assert count_named(app, "周小燕") == 0


def test_a_phone_registers_a_household_and_two_people_in_one_push(app, client, world, phone):
    household = str(uuid.uuid4())
    phone.insert("household", {"address": "凉城路200弄1号", "committee_id": world.committee,
                               "zero_employment": False}, household)
    phone.insert("person", file_for(household, id_number=ID_NUMBER, status="seeking"))
    # The same phone as 李杰, confirmed on the phone: accepted.
    phone.insert("person", file_for(household, name="周强", phone="13800000001", status="unemployed"))
    # And a second insert of the same number in the same push: the first one wins.
    phone.insert("person", file_for(household, name="周晓燕二", id_number=ID_NUMBER, status="seeking"))
    assert results(phone.push()) == [("applied", None), ("applied", None), ("applied", None),
                                     ("rejected", "duplicate_person")]
    with app.app_context():
        names = sorted(db.session.scalars(select(Person.name).where(Person.household_id == uuid.UUID(household))))
        assert names == ["周强", "周晓燕"]
