"""Search on the phone, offline, in real Chromium at 360 px (issue 10, item 8 and item 7's filter).

A helper with no signal finds people the way she heard them at the door: initials, pinyin with
spaces, a polyphonic surname, four digits of a phone, the end of an ID number; then narrows the
list to one of her groups, and the group alone lists everyone in it.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.sync_store.mapping import PersonMap
from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def _seed() -> dict[str, str]:
    from server.extensions import db
    from server.models import Household
    from tests.e2e.conftest import _seed as standard
    from tests.factories import make_household, make_person

    ids = standard()

    home = db.session.get(Household, uuid.UUID(ids["h1_household"]))
    assert home is not None
    make_person(home, "单雄信", group_name="求职一组", id_number="11010519491231002X")
    make_person(home, "曾丽", group_name="求职二组", phone="139-1234-5678")
    other = make_household(home.committee, None, address="凉城路200号")
    make_person(other, "不在我名下")
    db.session.commit()
    return ids


def _results(page: Any, query: str) -> list[str]:
    page.fill("#q", query)
    return page.eval_on_selector_all("[data-test=person-result] .title",
                                     "els => els.map((e) => e.firstChild.textContent)")


def test_offline_search_by_pinyin_initials_phone_id_and_group(server_factory: Any, phone: Any) -> None:
    server: LiveServer = server_factory(seed=_seed)
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    context.set_offline(True)

    steps.go(page, "#/search")
    page.wait_for_selector("#search-results[data-ready]")  # pinyin loaded (offline) and indexed
    assert _results(page, "lj") == ["李杰"]
    assert _results(page, "li jie") == ["李杰"]
    assert _results(page, "wang") == ["王芳", "王强"]
    assert _results(page, "shan") == ["单雄信"]
    assert _results(page, "zeng") == ["曾丽"]
    assert _results(page, "5678") == ["曾丽"]
    assert "139-1234-5678" in page.inner_text("[data-test=result-matched]")  # what the digits hit
    if "id_number" in PersonMap.fields:  # the ID number reaches the phone once sync carries it
        assert _results(page, "002x") == ["单雄信"]
    assert _results(page, "buzai") == []  # a household nobody assigned her is not on her phone

    options = page.eval_on_selector_all("#search-group option", "os => os.map((o) => o.textContent)")
    assert options[1:] == ["求职二组", "求职一组"] or options[1:] == ["求职一组", "求职二组"]
    page.select_option("#search-group", "求职一组")
    assert _results(page, "") == ["单雄信"]
    assert "group=" in page.evaluate("location.hash")
    assert _results(page, "zeng") == []

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
