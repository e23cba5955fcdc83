"""Today and the server agree on who is due, in real Chromium at 360 px: a knock with nobody met
keeps a household on the list with its attempt said, and Today filters by group."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def _seed() -> dict[str, str]:
    from datetime import timedelta

    from server.extensions import db
    from server.models import Visit, utcnow
    from tests.factories import make_visit, make_world

    world = make_world()
    for person in world.shared_household.members:
        person.group_name = "第一组"
    for person in world.h1_household.members:
        person.group_name = "第二组"
    make_visit(world.shared_household, world.helper1, [], outcome="nobody_home",
               occurred_at=utcnow() - timedelta(hours=3))
    db.session.commit()
    assert db.session.query(Visit).count() == 1
    return {"shared_household": str(world.shared_household.id), "h1_household": str(world.h1_household.id)}


def test_today_keeps_a_knocked_household_and_filters_by_group(server_factory: Any, phone: Any) -> None:
    server: LiveServer = server_factory(seed=_seed)
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")

    shared = page.locator(f'a[data-test="due-item"][href="#/household/{server.ids["shared_household"]}"]')
    expect(shared).to_be_visible()
    expect(shared.locator(".reason")).to_contain_text("never contacted")
    expect(shared.locator(".reason")).to_contain_text("1 attempts since")
    expect(shared).to_contain_text("Step:")

    page.select_option('[data-test="group-filter"]', "第二组")
    expect(page.locator(f'a[data-test="due-item"][href="#/household/{server.ids["h1_household"]}"]')).to_be_visible()
    expect(shared).to_have_count(0)
    page.select_option('[data-test="group-filter"]', "")
    expect(shared).to_be_visible()

    # The server's rule names the same households, by the same code.
    hrefs = page.locator('a[data-test="due-item"]').evaluate_all("els => els.map((e) => e.getAttribute('href'))")
    assert sorted(h.rsplit("/", 1)[1] for h in hrefs) == server.query(_due_households)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _due_households() -> list[str]:
    from sqlalchemy import select

    from server import scoping
    from server.business_time import business_today
    from server.domain.follow_up import due_for
    from server.extensions import db
    from server.models import User

    helper = db.session.scalar(select(User).where(User.username == "helper1"))
    query = scoping.persons(helper)
    persons = list(db.session.scalars(query))
    answers = due_for(query, persons, business_today())
    return sorted({str(p.household_id) for p, a in zip(persons, answers, strict=True)
                   if a.days_overdue is not None and a.days_overdue >= 0})
