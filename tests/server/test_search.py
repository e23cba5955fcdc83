"""Search on the server: the shared vectors through the stored keys and the SQL, the scope of
each role, keys that follow an edit, the group filter and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from server import search
from server.extensions import db
from server.models import Person, User
from server.search_keys import keys_of, read_query
from tests.factories import make_household, make_person, make_world

VECTORS = json.loads((Path(__file__).parents[2] / "sync/vectors/search/search.json").read_text())


def test_vectors_keys_and_queries_read_as_on_the_phone() -> None:
    for v in VECTORS["keys"]:
        p = v["person"]
        keys = keys_of(p.get("name"), p.get("phone"), p.get("id_number"))
        for name in v.get("names_include", []):
            assert name in keys.names, (p, name, keys.names)
        if "phone" in v:
            assert keys.phone == v["phone"], p
        if "id" in v:
            assert keys.id == v["id"], p
    for v in VECTORS["queries"]:
        query = read_query(v["query"])
        assert (query.kind, query.text) == (v["kind"], v["text"]), v["query"]


def test_vectors_rank_through_the_stored_keys_and_sql(app) -> None:
    with app.app_context():
        world = make_world()
        admin = db.session.get(User, world.admin.id)
        for v in VECTORS["matches"]:
            p = v["person"]
            person = make_person(world.h1_household, p["name"], phone=p.get("phone"),
                                 id_number=p.get("id_number"))
            found = search.find(admin, v["query"], within=[person.id])
            got = found.items[0][1] if found.items else None
            assert got == v["rank"], (p, v["query"])


def _names(client, headers, q: str, **params: str) -> list[str]:
    reply = client.get("/api/search", query_string={"q": q, **params}, headers=headers)
    assert reply.status_code == 200, reply.get_json()
    return [hit["person"]["name"] for hit in reply.get_json()["items"]]


def test_a_helper_finds_her_people_by_pinyin_initials_and_phone(app, client, auth) -> None:
    with app.app_context():
        make_world()
    helper = auth.headers("helper1")
    assert _names(client, helper, "lj") == ["李杰"]
    assert _names(client, helper, "Lǐ Jié") == ["李杰"]
    assert _names(client, helper, "0000 0001") == ["李杰"]
    assert _names(client, helper, "wang") == ["王芳", "王强"]
    assert _names(client, helper, "wq") == ["王强"]


@pytest.mark.parametrize(("username", "sees", "never"), [
    ("helper1", {"李杰", "王芳"}, {"Chen Mei", "赵敏"}),
    ("helper2", {"Chen Mei", "王芳"}, {"李杰", "赵敏"}),
    ("supervisor1", {"李杰", "Chen Mei", "王芳"}, {"赵敏"}),
    ("helper9", {"赵敏"}, {"李杰", "Chen Mei", "王芳"}),
])
def test_search_never_leaves_the_callers_scope(app, client, auth, username, sees, never) -> None:
    with app.app_context():
        make_world()
    headers = auth.headers(username)
    found: set[str] = set()
    for q in ("l", "chen", "w", "zhao", "zm", "1380"):
        found |= set(_names(client, headers, q))
    assert sees <= found
    assert not found & never


def test_a_client_cannot_search(app, client, auth) -> None:
    with app.app_context():
        make_world()
    assert client.get("/api/search?q=li", headers=auth.headers("graduate1")).status_code == 403


def test_polyphonic_surnames_are_found_by_their_surname_reading(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        for name in ("单雄信", "曾国藩", "解缙"):
            make_person(world.h1_household, name)
        db.session.commit()
    helper = auth.headers("helper1")
    assert _names(client, helper, "shan") == ["单雄信"]
    assert _names(client, helper, "zeng guo") == ["曾国藩"]
    assert _names(client, helper, "xiej") == ["解缙"]


def test_keys_follow_an_edit_of_name_phone_or_id_number(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        person = db.session.get(Person, world.graduate.id)
        person.name = "单丽"
        person.phone = "139 1234 5678"
        person.id_number = "11010519491231002X"
        db.session.commit()
    helper = auth.headers("helper1")
    assert _names(client, helper, "lijie") == []
    assert _names(client, helper, "shanli") == ["单丽"]
    assert _names(client, helper, "12345678") == ["单丽"]
    assert _names(client, helper, "002x") == ["单丽"]


def test_reindex_writes_keys_a_bulk_update_left_behind(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        db.session.execute(update(Person).where(Person.id == world.graduate.id).values(name="欧阳娜娜"))
        db.session.commit()
        assert search.reindex() == 5
        db.session.commit()
    assert _names(client, auth.headers("helper1"), "oynn") == ["欧阳娜娜"]


def test_group_filter_and_a_group_alone_lists_it(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        home = make_household(world.committees[0], world.helper1, address="凉城路1号")
        make_person(home, "李娜", group_name="求职一组")
        make_person(home, "李明", group_name="求职二组")
        db.session.commit()
    helper = auth.headers("helper1")
    assert _names(client, helper, "li") == ["李杰", "李明", "李娜"]
    assert _names(client, helper, "li", group="求职一组") == ["李娜"]
    assert _names(client, helper, "", group="求职二组") == ["李明"]
    assert _names(client, helper, "") == []


def test_ranks_exact_before_prefix_before_substring(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        for name in ("王丽", "丽王", "王"):
            make_person(world.h1_household, name)
        db.session.commit()
    reply = client.get("/api/search?q=王", headers=auth.headers("helper1")).get_json()
    assert [(h["person"]["name"], h["rank"]) for h in reply["items"]][:3] == [
        ("王", "exact"), ("王芳", "prefix"), ("王丽", "prefix")]
    assert reply["items"][-1]["person"]["name"] == "丽王"
    assert reply["total"] == 5


@pytest.mark.parametrize("query", [
    {"limit": "0"}, {"limit": "many"}, {"limit": "201"}, {"q": "x" * 101}, {"group": ""},
])
def test_bad_input_is_a_clear_422(app, client, auth, query) -> None:
    with app.app_context():
        make_world()
    reply = client.get("/api/search", query_string=query, headers=auth.headers("helper1"))
    assert reply.status_code == 422
    assert reply.get_json()["error"]["code"]


def test_limit_caps_items_not_total(app, client, auth) -> None:
    with app.app_context():
        world = make_world()
        for n in range(5):
            make_person(world.h1_household, f"李{n}")
        db.session.commit()
    reply = client.get("/api/search?q=li&limit=2", headers=auth.headers("helper1")).get_json()
    assert len(reply["items"]) == 2 and reply["total"] == 6


@pytest.mark.parametrize("query", [{"q": "li\x00jie"}, {"group": "组\x00"}])
def test_characters_no_database_keeps_are_refused_not_a_500(app, client, auth, query) -> None:
    with app.app_context():
        make_world()
    reply = client.get("/api/search", query_string=query, headers=auth.headers("helper1"))
    assert reply.status_code in (400, 422)
    assert reply.get_json()["error"]["code"]


def test_a_broken_utf8_query_is_an_answer_not_a_500(app, client, auth) -> None:
    with app.app_context():
        make_world()
    reply = client.get("/api/search?q=%ED%A0%80li", headers=auth.headers("helper1"))
    assert reply.status_code < 500


def test_a_file_opened_and_renamed_from_a_phone_is_found_by_its_new_name(app, client, auth) -> None:
    from tests.sync_server.device import Device

    with app.app_context():
        world = make_world()
        household_id = str(world.h1_household.id)
    helper = auth.headers("helper1")
    phone = Device(client, helper)
    phone.pull()
    person = phone.insert("person", {"household_id": household_id, "name": "曾小燕",
                                     "category": "settled", "phone": "13912345678"})
    assert phone.push()["results"][0]["status"] == "applied"
    assert _names(client, helper, "zxy") == ["曾小燕"]
    phone.set("person", person["entity_id"], {"name": "解小燕"})
    assert phone.push()["results"][0]["status"] == "applied"
    assert _names(client, helper, "zxy") == []
    assert _names(client, helper, "xiexiaoyan") == ["解小燕"]
    assert _names(client, helper, "2345 678") == ["解小燕"]


def test_search_reindex_rebuilds_keys_a_bulk_update_left_behind(app, world) -> None:
    """A rename done behind the app's back (a bulk UPDATE) is found after `flask search-reindex`."""
    from sqlalchemy import select, update

    from server.extensions import db
    from server.models import Person
    from server.search import PersonSearch

    with app.app_context():
        person = db.session.scalars(select(Person).limit(1)).one()
        db.session.execute(update(Person).where(Person.id == person.id).values(name="单雄信"))
        db.session.commit()
        before = db.session.get(PersonSearch, person.id)
        assert before is None or "shan" not in before.names
    result = app.test_cli_runner().invoke(args=["search-reindex"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "shan" in db.session.get(PersonSearch, person.id).names
