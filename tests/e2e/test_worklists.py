"""The supervisor's work lists in real Chromium at 360 px (issue 11, item 3): the review list
paged past 100 and approved in bulk, a caseload found by search and reassigned all at once,
and the overdue list by name.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

VISITS = 105


def busy_week() -> dict[str, str]:
    """The standard world, and 105 visits waiting for review at 汶水路8号 (more than a page)."""
    from server.models import utcnow
    from tests.e2e.conftest import _seed
    from tests.factories import make_visit

    ids = _seed()
    from server.extensions import db
    from server.models import Household, User

    household = db.session.get(Household, uuid.UUID(ids["shared_household"]))
    author = db.session.get(User, uuid.UUID(ids["helper1"]))
    assert household is not None and author is not None
    for n in range(VISITS):
        make_visit(household, author, occurred_at=utcnow() - timedelta(hours=n + 1),
                   lat=31.2304, lng=121.4737, accuracy_m=12)
    db.session.commit()
    return ids


def signed_in(page: Any, server: LiveServer) -> None:
    """The supervisor is signed in, the first sync done and the board showing."""
    steps.log_in(page, server, "supervisor1")
    page.wait_for_selector("[data-test=jobs-link]", timeout=30_000)
    steps.wait_synced(page)


def review_states(server: LiveServer) -> dict[str, int]:
    from sqlalchemy import func, select

    from server.extensions import db
    from server.models import Visit

    return server.query(lambda: dict(db.session.execute(
        select(Visit.review_state, func.count()).group_by(Visit.review_state)).all()))


def test_a_supervisor_pages_past_100_and_approves_a_page_at_once(server_factory: Any, phone: Any) -> None:
    server = server_factory(seed=busy_week)
    page = phone().new_page()
    signed_in(page, server)
    steps.go(page, "#/reviews")
    expect(page.locator("[data-test=review-visit]")).to_have_count(100)
    first = page.locator("[data-test=review-visit]").first
    assert "王芳" in first.locator("[data-test=review-persons]").inner_text()
    assert "31.23040, 121.47370" in first.locator("[data-test=review-fix]").inner_text()

    page.click("[data-test=review-next]")
    expect(page.locator("[data-test=review-visit]")).to_have_count(VISITS - 100)
    page.click("[data-test=review-prev]")
    expect(page.locator("[data-test=review-visit]")).to_have_count(100)

    page.check("[data-test=review-tick-all]")
    page.click("[data-test=review-approve-chosen]")
    expect(page.locator("[data-test=review-visit]")).to_have_count(VISITS - 100)  # pending only, reloaded
    assert review_states(server) == {"approved": 100, "pending": VISITS - 100}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_committee_is_found_and_reassigned_in_one_action(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone().new_page()
    signed_in(page, server)
    steps.go(page, "#/caseloads")
    expect(page.locator("[data-test=caseload-household]")).to_have_count(3)
    page.fill("[data-test=caseload-search]", "王芳")
    page.press("[data-test=caseload-search]", "Enter")
    expect(page.locator("[data-test=caseload-household]")).to_have_count(1)
    assert "汶水路8号" in page.locator("[data-test=caseload-household]").inner_text()

    steps.go(page, "#/caseloads")
    page.select_option("#c-helper", label="张燕")
    expect(page.locator("[data-test=caseload-household]")).to_have_count(2)
    page.check("[data-test=caseload-select-all]")
    page.select_option("#new-primary", label="Wang Lei")
    page.click("[data-test=caseload-reassign]")
    expect(page.locator("[data-test=caseload-household]")).to_have_count(0)

    from server.extensions import db
    from server.models import Household

    helpers = server.query(lambda: {h.address: str(h.primary_helper_id) for h in db.session.query(Household)})
    assert helpers["凉城路100弄3号"] == helpers["汶水路8号"] == server.ids["helper2"]


def test_the_overdue_list_names_who_is_late(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    from server.extensions import db
    from server.models import Person, User, utcnow
    from tests.factories import make_visit

    def late() -> None:
        """王芳 (every 15 days) was last met 40 days ago: 25 days overdue."""
        person = db.session.get(Person, uuid.UUID(server.ids["person:王芳"]))
        author = db.session.get(User, uuid.UUID(server.ids["helper1"]))
        assert person is not None and author is not None
        make_visit(person.household, author, persons=[person], occurred_at=utcnow() - timedelta(days=40), outcome="met")
        db.session.commit()

    server.query(late)
    page = phone().new_page()
    signed_in(page, server)
    steps.go(page, "#/overdue")
    card = page.locator("[data-test=overdue-person]", has_text="王芳")
    expect(card).to_have_count(1)
    assert "汶水路8号" in card.inner_text()
    assert "25" in card.locator("[data-test=overdue-days]").inner_text()
    page.select_option("#o-helper_id", label="Wang Lei")
    expect(page.locator("[data-test=overdue-person]", has_text="王芳")).to_have_count(1)  # shared household
    with page.expect_download() as download:
        page.click("[data-test=overdue-xlsx]")
    assert download.value.suggested_filename == "doorstep-overdue.xlsx"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
