"""Outcomes by staff in real Chromium at 360 px: a helper offline records an interview for 李杰,
goes online, and 李杰 sees it on his home; offline again, she records the hire and its
placement; online, the server has made him employed once and the first aftercare call shows
on Today on its day (a week after the start)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

#: The phone's local day `n` days from now, as the date inputs take it.
LOCAL_DAY = """n => { const d = new Date(Date.now() + n * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }"""


def _recommend(server: LiveServer) -> str:
    token = server.token("helper1")
    job = server.api("POST", "/api/jobs", token, {"employer": "凉城服饰", "title": "打版师",
                                                  "industry": "服装", "majors": ["服装设计"]})
    rec = server.api("POST", "/api/recommendations", token, {
        "person_id": server.ids["person:李杰"], "job_id": job["id"], "reasons": "专业对口"})
    return str(rec["id"])


def _facts(server: LiveServer, rec_id: str) -> dict[str, Any]:
    def read() -> dict[str, Any]:
        import uuid

        from sqlalchemy import select

        from server.extensions import db
        from server.models import Person, Recommendation, StatusEvent
        from server.models.outcomes import Placement

        rec = db.session.get(Recommendation, uuid.UUID(rec_id))
        person = db.session.get(Person, rec.person_id)
        events = db.session.scalars(select(StatusEvent).where(StatusEvent.person_id == person.id))
        placements = db.session.scalars(select(Placement).where(Placement.person_id == person.id))
        return {"state": rec.state, "moves": [m["to"] for m in rec.history],
                "place": rec.interview_place, "status": person.status,
                "events": [(e.from_status, e.to_status) for e in events],
                "placements": [(p.employer_name, p.start_date.isoformat(), p.contract_signed)
                               for p in placements]}

    return server.query(read)


def test_a_helper_records_an_interview_and_a_hire_offline(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    rec = _recommend(server)
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    person = server.ids["person:李杰"]

    page.context.set_offline(True)
    steps.go(page, f"#/person/{person}")
    page.click("[data-test=record-outcome]")
    page.check("[data-test=oc-to-interview]")
    page.fill("[data-test=oc-interview-day]", page.evaluate(LOCAL_DAY, 1))
    page.fill("[data-test=oc-interview-time]", "14:00")
    page.fill("[data-test=oc-interview-place]", "创智天地 3 号楼")
    page.click("[data-test=oc-save]")
    page.wait_for_selector("[data-test=rec-interview]")
    steps.expect_pending(page, 4)  # three moves of the walk and the interview's details
    steps.go(page, "#/today")
    expect(page.locator("[data-test=oc-interview-item]")).to_contain_text("Tomorrow 02:00 PM")

    page.context.set_offline(False)
    steps.wait_synced(page)
    facts = _facts(server, rec)
    assert (facts["state"], facts["moves"], facts["place"]) == (
        "interview", ["recommended", "interested", "applied", "interview"], "创智天地 3 号楼")

    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=my-interview]", timeout=30_000)
    expect(grad.locator("[data-test=my-interview]")).to_contain_text("创智天地 3 号楼")
    expect(grad.locator("[data-test=my-rec-interview]")).to_contain_text("Tomorrow 02:00 PM")

    page.context.set_offline(True)
    steps.go(page, f"#/person/{person}")
    page.click("[data-test=record-outcome]")
    page.check("[data-test=oc-to-hired]")
    expect(page.locator("[data-test=oc-employer]")).to_have_value("凉城服饰")
    page.fill("[data-test=oc-start]", page.evaluate(LOCAL_DAY, -7))
    page.check("[data-test=oc-contract]")
    page.fill("[data-test=oc-pay]", "5200")
    page.click("[data-test=oc-save]")
    page.wait_for_selector("[data-test=oc-placement-item]")
    steps.expect_pending(page, 2)  # the move to hired and the placement
    assert _facts(server, rec)["status"] == "seeking"  # nothing reached the server yet

    page.context.set_offline(False)
    steps.wait_synced(page)
    facts = _facts(server, rec)
    assert facts["state"] == "hired" and facts["status"] == "employed"
    assert facts["events"] == [("seeking", "employed")]
    assert facts["placements"] == [("凉城服饰", page.evaluate(LOCAL_DAY, -7), True)]

    # A week after the start the first aftercare call is due: Today shows it.
    steps.go(page, "#/today")
    call = page.locator("[data-test=oc-retention-item]")
    expect(call).to_contain_text("李杰")
    expect(call).to_contain_text("call today")
    call.click()
    expect(page.locator('[data-test=contact][data-state="due"]')).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_board_shows_hired_and_kept_as_the_database_counts(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    rec = _recommend(server)
    token = server.token("helper1")
    server.api("PATCH", f"/api/recommendations/{rec}", token, {"state": "hired"})
    server.api("POST", "/api/placements", token, {
        "person_id": server.ids["person:李杰"], "recommendation_id": rec, "start_date": "2026-11-02"})
    page = phone().new_page()
    steps.log_in(page, server, "supervisor1")
    steps.go(page, "#/board")
    hired = page.locator("[data-test=oc-board] [data-test=oc-hired]")
    expect(hired).to_have_text("1")

    def count() -> int:
        from sqlalchemy import func, select

        from server.extensions import db
        from server.models.outcomes import Placement

        return int(db.session.scalar(select(func.count(Placement.id))))

    assert server.query(count) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
