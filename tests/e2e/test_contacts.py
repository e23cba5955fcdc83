"""Contacts that tell the truth, in real Chromium at 360 px: a failed knock is an attempt, a call
nobody answered is logged in two taps, and only a real contact takes a person off the due list."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def server_visits(server: LiveServer, household_id: str) -> list[dict[str, Any]]:
    """The household's visits as the server stores them: outcome, channel, persons, notes."""
    from server.extensions import db
    from server.models import Visit

    def read() -> list[dict[str, Any]]:
        rows = db.session.query(Visit).filter_by(household_id=uuid.UUID(household_id)).all()
        return sorted(({"outcome": v.outcome, "channel": v.channel, "notes": v.notes,
                        "persons": sorted(str(p.id) for p in v.persons)} for v in rows),
                      key=lambda v: (v["channel"], v["outcome"] or ""))

    visits: list[dict[str, Any]] = server.query(read)
    return visits


def due_now(server: LiveServer) -> dict[str, dict[str, Any]]:
    """Person id → their line on the server's due list (due today or overdue)."""
    due = server.api("GET", "/api/follow-ups/due?within_days=0", server.token("helper1"))
    return {str(item["person_id"]): item for item in due["items"]}


def test_a_failed_knock_a_real_visit_and_a_call_nobody_answered(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    h1, shared = server.ids["h1_household"], server.ids["shared_household"]
    li_jie = server.ids["person:李杰"]
    assert li_jie in due_now(server), "never contacted: due from the start"

    context.set_offline(True)
    page.reload()
    steps.wait_ready(page)

    # Knocked at 李杰's door, nobody home: untick him; the form says plainly it is an attempt.
    steps.go(page, f"#/visit/new?household={h1}")
    page.wait_for_selector("form.visit-form")
    page.uncheck(f'input[name="seen"][value="{li_jie}"]')
    assert page.is_checked("[data-test=outcome-nobody_home]")
    assert "attempt" in page.inner_text("[data-test=outcome-hint]")
    assert page.input_value("#next") == "", "an attempt suggests no next visit: the person stays due"
    # A date in the future is refused with a clear message; nothing is saved.
    page.fill("#when", "2099-01-01T10:00")
    page.click("[data-test=save-visit]")
    assert "after today" in page.inner_text("[data-test=when-problem]")
    steps.expect_pending(page, 0)
    page.fill("#when", "")
    page.click("[data-test=save-visit]")
    page.wait_for_selector("h1:has-text('凉城路100弄3号')")
    steps.expect_pending(page, 1)
    # Back goes where the helper came from, not to an empty form as if the visit were lost.
    page.go_back()
    page.wait_for_timeout(300)
    assert page.locator("form.visit-form").count() == 0

    # A real visit to the shared household: both members met. The page reloads halfway through
    # the notes; the draft brings them back.
    notes = steps.unique("Both at home, talked about the job fair")
    steps.go(page, f"#/visit/new?household={shared}")
    page.wait_for_selector("form.visit-form")
    assert page.is_checked("[data-test=outcome-met]")
    page.fill("#notes", notes)
    page.wait_for_timeout(800)  # the draft is written as it is typed (debounced)
    page.reload()
    page.wait_for_selector("[data-test=draft-notice]:not([hidden])")
    assert page.input_value("#notes") == notes
    page.click("[data-test=save-visit]")
    page.wait_for_selector(f"text={notes}")
    steps.expect_pending(page, 2)

    # Two taps on 李杰's page: "Log a call", "No answer".
    steps.go(page, f"#/person/{li_jie}")
    page.click("[data-test=log-call]")
    page.click("[data-test=call-no_answer]")
    steps.expect_pending(page, 3)
    calls = page.locator("[data-test=call-entry]")
    assert calls.first.get_attribute("data-outcome") == "no_answer"
    assert calls.first.get_attribute("data-kind") == "attempt"
    assert page.locator('[data-test=call-entry][data-kind="attempt"]').count() == 2, "the knock and the call"

    context.set_offline(False)
    steps.wait_synced(page)
    assert server_visits(server, h1) == [
        {"outcome": "nobody_home", "channel": "home_visit", "notes": "", "persons": []},
        {"outcome": "no_answer", "channel": "phone", "notes": "", "persons": [li_jie]},
    ]
    met = server_visits(server, shared)
    assert [(v["outcome"], v["notes"], len(v["persons"])) for v in met] == [("met", notes, 2)]
    due = due_now(server)
    assert li_jie in due, "a failed knock and an unanswered call leave him due"
    assert due[li_jie]["attempts"] == 2
    assert server.ids["person:王芳"] not in due and server.ids["person:王强"] not in due


def test_the_supervisor_sees_attempts_and_what_an_amendment_amends(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    helper = server.token("helper1")
    h1, li_jie = server.ids["h1_household"], server.ids["person:李杰"]
    knock = server.api("POST", "/api/visits", helper, {
        "household_id": h1, "channel": "home_visit", "outcome": "nobody_home", "person_ids": [],
        "occurred_at": "2026-11-19T09:00:00Z", "notes": steps.unique("Knocked twice")})
    first = steps.unique("Talked about his CV")
    original = server.api("POST", "/api/visits", helper, {
        "household_id": h1, "channel": "home_visit", "person_ids": [li_jie],
        "occurred_at": "2026-11-20T09:00:00Z", "notes": first})
    server.api("POST", f"/api/visits/{original['id']}/review", server.token("supervisor1"),
               {"decision": "return", "comment": "Which jobs did you recommend?"})
    second = steps.unique("Recommended the tailoring job")
    server.api("POST", "/api/visits", helper, {
        "household_id": h1, "channel": "home_visit", "person_ids": [li_jie], "amends_visit_id": original["id"],
        "occurred_at": "2026-11-20T09:00:00Z", "notes": second})

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    steps.go(sup, "#/reviews")
    attempt = sup.locator("[data-test=review-visit]", has_text=knock["notes"])
    attempt.wait_for()
    assert attempt.locator("[data-test=review-outcome]").get_attribute("data-kind") == "attempt"
    assert "Nobody home" in attempt.inner_text()
    amendment = sup.locator("[data-test=review-visit]", has_text=second)
    amendment.locator("[data-test=review-amends]").wait_for()
    link = amendment.locator("[data-test=review-amends]").inner_text()
    assert "Amendment of the visit of" in link and first in link and "Which jobs did you recommend?" in link
    assert amendment.locator("[data-test=review-outcome]").get_attribute("data-kind") == "contact"
