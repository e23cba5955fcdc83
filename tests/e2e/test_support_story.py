"""Policies and training on the file (issue 12.5-8), in real Chromium.

helper1, offline, records on Li Jie's file that he applied for the job-search subsidy and
refers him to a course; back online the ops reach the server and the supervisor's board counts
one application and one referral more. Then Li Jie, on his own phone, sees the subsidy applied
for on his behalf and asks to join another course; the request is on his file, and helper1
finds it on Today and refers him.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def seed_catalogue(server: LiveServer) -> dict[str, str]:
    from server.extensions import db
    from server.models import Policy, TrainingCourse

    def add() -> dict[str, str]:
        subsidy = Policy(title="一次性求职创业补贴", summary="困难家庭高校毕业生", stamps={})
        course = TrainingCourse(title="电子商务运营", provider="区职业技能培训中心", stamps={})
        other = TrainingCourse(title="育婴员", provider="区妇联", free=True, stamps={})
        db.session.add_all([subsidy, course, other])
        db.session.commit()
        return {"policy": str(subsidy.id), "course": str(course.id), "other": str(other.id)}

    return dict(server.query(add))


def rows_of(server: LiveServer, person_id: str) -> dict[str, list[str]]:
    from sqlalchemy import select

    from server.extensions import db
    from server.models.support import PolicyCase, TrainingEnrolment

    pid = uuid.UUID(person_id)
    return dict(server.query(lambda: {
        "policy": [c.state for c in db.session.scalars(select(PolicyCase).where(PolicyCase.person_id == pid))],
        "training": sorted(e.state for e in db.session.scalars(
            select(TrainingEnrolment).where(TrainingEnrolment.person_id == pid))),
    }))


def eventually(server: LiveServer, person_id: str, expected: dict[str, list[str]]) -> None:
    """The server holds `expected` within a few seconds (the push follows the outbox write)."""
    deadline = time.monotonic() + 15
    while rows_of(server, person_id) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert rows_of(server, person_id) == expected


def figure(page: Any, test: str) -> int:
    return int(page.locator(f"[data-test={test}]").inner_text().replace(",", ""))


def board(page: Any, period: str) -> None:
    steps.go(page, f"#/board?period={period}")
    page.wait_for_selector("[data-test=sp-board]", timeout=30_000)


def test_offline_subsidy_and_referral_move_the_board_and_a_graduate_asks_to_join(
        live_server: LiveServer, phone: Any) -> None:
    from server.business_time import business_today

    server = live_server
    seed_catalogue(server)
    li = server.ids["person:李杰"]
    period = f"{business_today():%Y-%m}"

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    board(sup, period)
    before = (figure(sup, "sp-b-applied"), figure(sup, "sp-b-referred"))

    helper = phone().new_page()
    steps.signed_in(helper, server, "helper1")
    steps.wait_controlled(helper)
    helper.context.set_offline(True)
    steps.go(helper, f"#/person/{li}")
    helper.click("[data-test=sp-add-policy]")
    helper.select_option("[data-test=sp-state]", "applied")
    helper.fill("[data-test=sp-amount]", "1500")
    helper.click("[data-test=sp-save]")
    expect(helper.locator("[data-test=sp-policy_case]")).to_have_attribute("data-state", "applied")
    helper.click("[data-test=sp-add-training]")
    helper.select_option("[data-test=sp-pick]", label="电子商务运营")
    helper.click("[data-test=sp-save]")
    expect(helper.locator("[data-test=sp-training_enrolment]")).to_have_attribute("data-state", "referred")
    expect(helper.locator("[data-test=sp-delivery-policy]")).to_contain_text("1")
    steps.expect_pending(helper, 2)
    assert rows_of(server, li) == {"policy": [], "training": []}

    helper.context.set_offline(False)
    steps.sync_now(helper)
    steps.wait_synced(helper)
    assert rows_of(server, li) == {"policy": ["applied"], "training": ["referred"]}

    sup.reload()
    sup.wait_for_selector(".figures", timeout=30_000)
    board(sup, period)
    expect(sup.locator("[data-test=sp-b-applied]")).to_have_text(str(before[0] + 1))
    expect(sup.locator("[data-test=sp-b-referred]")).to_have_text(str(before[1] + 1))

    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=sp-home]", timeout=30_000)
    steps.wait_synced(grad)
    mine = grad.locator("[data-test=sp-my-policy]")
    expect(mine).to_have_attribute("data-state", "applied")
    expect(mine).to_contain_text("一次性求职创业补贴")
    course = grad.locator("[data-test=sp-course]", has_text="育婴员")
    expect(course).to_be_visible()
    course.locator("[data-test=sp-ask]").click()
    expect(grad.locator("[data-test=sp-my-course][data-state=requested]")).to_contain_text("育婴员")
    eventually(server, li, {"policy": ["applied"], "training": ["referred", "requested"]})

    # helper1 sees the request on Today and refers Li Jie with one tap.
    steps.sync_now(helper)
    steps.wait_synced(helper)
    steps.go(helper, "#/today")
    asked = helper.locator("[data-test=sp-asked]", has_text="育婴员")
    expect(asked).to_contain_text("李杰")
    asked.locator("[data-test=sp-refer]").click()
    expect(helper.locator("[data-test=sp-asked]")).to_have_count(0)
    steps.sync_now(helper)
    steps.wait_synced(helper)
    eventually(server, li, {"policy": ["applied"], "training": ["referred", "referred"]})
