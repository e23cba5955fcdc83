"""Issue 13's events proof in real Chromium: a supervisor creates a job fair with two vacancies,
the matching suggests whom to invite, the graduate signs up in their app and is admitted with
their pass, a hire is attributed to the fair, and the board's figures are the database's."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def participant(server: LiveServer, event_id: str) -> dict[str, Any] | None:
    from sqlalchemy import select

    from server.extensions import db
    from server.models.recruitment_events import EventParticipant

    def read() -> dict[str, Any] | None:
        row = db.session.scalar(select(EventParticipant).where(
            EventParticipant.event_id == uuid.UUID(event_id)))
        return None if row is None else {"id": str(row.id), "state": row.state,
                                         "via": row.check_in_via, "person_id": str(row.person_id)}

    return server.query(read)


def fair_counts(server: LiveServer, event_id: str) -> dict[str, int]:
    """The board's figures for the fair, counted straight from the tables."""
    from sqlalchemy import func, select

    from server.extensions import db
    from server.models import Recommendation
    from server.models.recruitment_events import EventParticipant

    def count() -> dict[str, int]:
        key = uuid.UUID(event_id)
        on_list = EventParticipant.event_id == key
        from_fair = Recommendation.source_event_id == key
        return {
            "invited": db.session.scalar(select(func.count()).where(on_list)) or 0,
            "attended": db.session.scalar(select(func.count()).where(
                on_list, EventParticipant.state == "attended")) or 0,
            "interviews": db.session.scalar(select(func.count()).where(
                from_fair, Recommendation.state.in_(("interview", "hired")))) or 0,
            "hires": db.session.scalar(select(func.count()).where(
                from_fair, Recommendation.state == "hired")) or 0,
        }

    return server.query(count)


def wait_for(check: Any, timeout_s: float = 20.0) -> Any:
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out")


def test_a_job_fair_from_invitation_to_hire(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    boss = server.token("supervisor1")
    tailor = server.api("POST", "/api/jobs", boss, {"employer": "凉城服饰", "title": "童装设计师",
                                                    "industry": "服装", "majors": ["服装设计"]})
    green = server.api("POST", "/api/jobs", boss, {"employer": "凉城物业", "title": "社区绿化员",
                                                   "public_welfare": True})

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    steps.wait_synced(sup)
    steps.go(sup, "#/events/new")
    sup.wait_for_selector("[data-test=event-form]")
    sup.select_option("#event-kind", "job_fair")
    sup.fill("#event-title", "凉城新村秋季招聘会")
    # Held now: it started a few minutes ago and ends in three hours (the phone's local time).
    local = "m => { const d = new Date(Date.now() + m * 60000 - new Date().getTimezoneOffset() * 60000); return d.toISOString().slice(0, 16); }"
    sup.fill("#event-starts", sup.evaluate(local, -5))
    sup.fill("#event-ends", sup.evaluate(local, 180))
    sup.fill("#event-place", "社区文化中心")
    sup.check(f"input[name=job_ids][value='{tailor['id']}']")
    sup.check(f"input[name=job_ids][value='{green['id']}']")
    sup.click("[data-test=event-save]")
    sup.wait_for_selector("[data-test=event-detail]")
    steps.wait_synced(sup)
    event_id = sup.evaluate("location.hash").split("/")[-1]
    event = server.api("GET", f"/api/events/{event_id}", boss)
    assert {j["id"] for j in event["jobs"]} == {tailor["id"], green["id"]}

    # The matching suggests 李杰 (a fashion-design graduate) first, with the reasons.
    first = sup.locator("[data-test=candidate]").first
    expect(first).to_contain_text("李杰")
    expect(first.locator("[data-test=candidate-reasons]")).not_to_be_empty()
    first.locator("[data-test=invite]").click()
    steps.wait_synced(sup)
    invited = wait_for(lambda: participant(server, event_id))
    assert invited["state"] == "invited" and invited["person_id"] == server.ids["person:李杰"]

    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=home-events]", timeout=30_000)
    steps.wait_synced(grad)
    steps.go(grad, "#/events")
    grad.wait_for_selector("[data-test=my-event]")  # fetched online, kept sealed on the phone
    # In the hall with no signal: the list still shows, and the sign-up waits in the outbox.
    grad.context.set_offline(True)
    steps.go(grad, "#/mine")
    steps.go(grad, "#/events")
    card = grad.locator("[data-test=my-event]", has_text="凉城新村秋季招聘会")
    card.locator("[data-test=sign-up]").click()
    steps.expect_pending(grad, 1)
    assert participant(server, event_id)["state"] == "invited"
    grad.context.set_offline(False)
    steps.wait_synced(grad)
    wait_for(lambda: participant(server, event_id)["state"] == "signed_up")
    steps.go(grad, f"#/events/{event_id}")
    token = grad.wait_for_selector("[data-test=pass-qr]").get_attribute("data-token")
    assert token

    # At the door: the supervisor's phone scans (here: the scanner types) the graduate's pass.
    steps.sync_now(sup)
    steps.wait_synced(sup)
    steps.go(sup, f"#/events/{event_id}/scan")
    sup.fill("[data-test=pass-code]", token[:-3] + "abc")  # a forged pass
    sup.click("[data-test=admit]")
    steps.go(sup, f"#/events/{event_id}/scan")
    sup.fill("[data-test=pass-code]", token)
    sup.click("[data-test=admit]")
    expect(sup.locator("[data-test=scan-result]")).to_contain_text("李杰")
    steps.wait_settled(sup, pending=0, attention=1)  # the forged pass is set aside, refused
    came = wait_for(lambda: (p := participant(server, event_id)) and p["state"] == "attended" and p)
    assert came["via"] == "qr"

    # From the fair's list: recommend 李杰 the fair's vacancy; the employer hires.
    steps.go(sup, f"#/events/{event_id}")
    sup.locator("[data-test=participant]", has_text="李杰").locator("[data-test=recommend-from-event]").click()
    helper = server.token("helper1")

    def from_fair() -> dict[str, Any] | None:
        recs = server.api("GET", f"/api/recommendations?person_id={server.ids['person:李杰']}",
                          helper)["items"]
        return next((r for r in recs if r["job_id"] == tailor["id"]), None)

    rec = wait_for(from_fair)

    def source_of() -> str:
        from server.extensions import db
        from server.models import Recommendation

        return str(db.session.get(Recommendation, uuid.UUID(rec["id"])).source_event_id)

    assert server.query(source_of) == event_id  # attributed to the fair
    for state in ("viewed", "interested", "applied", "interview", "hired"):
        server.api("PATCH", f"/api/recommendations/{rec['id']}", helper, {"state": state})

    # The organisers add the viewers of the fair's live stream: reported, not recorded.
    steps.go(sup, f"#/events/{event_id}")
    sup.click("[data-test=organiser] summary")
    sup.fill("#event-reported_attendance", "120")
    sup.click("[data-test=save-reported]")
    expect(sup.locator("[data-test=organiser] .ok")).to_be_visible()

    counts = fair_counts(server, event_id)
    assert counts == {"invited": 1, "attended": 1, "interviews": 1, "hires": 1}
    from server.business_time import business_today

    month = business_today().strftime("%Y-%m")
    report = server.api("GET", f"/api/reports/events?period={month}", boss)
    expected = {"events": 1, **counts, "reported_attendance": 120}
    assert {k: report["totals"][k] for k in expected} == expected
    steps.go(sup, f"#/board?period={month}")
    total = sup.locator("[data-test=events-total]")
    for name, value in expected.items():
        expect(total.locator(f"td[data-col={name}]")).to_have_text(str(value))
