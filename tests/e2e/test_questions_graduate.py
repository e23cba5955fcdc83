"""A graduate looks for themselves and asks their helper (issue 13.4), in real Chromium.

graduate1 browses the open jobs ranked for their file, reads why, says "I'm interested", and
helper1 sees it on Today. Then graduate1 asks a question offline; it reaches helper1 after the
graduate comes online; helper1 answers offline, syncs, and the graduate reads the answer home.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def recs_of(server: LiveServer, person_id: str) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Job, Recommendation

    return server.query(lambda: [(job.title, rec.state, rec.reasons) for rec, job in db.session.execute(
        select(Recommendation, Job).join(Job, Job.id == Recommendation.job_id).where(
            Recommendation.person_id == uuid.UUID(person_id)))])


def question_of(server: LiveServer, text: str) -> Any:
    from sqlalchemy import select

    from server.extensions import db
    from server.models.questions import Question

    return server.query(lambda: db.session.scalar(select(Question).where(Question.text == text)))


def signed_in_graduate(server: LiveServer, phone: Any) -> Any:
    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=gq-home]", timeout=30_000)
    steps.wait_controlled(grad)
    steps.wait_synced(grad)
    return grad


def test_a_graduate_finds_a_job_with_reasons_and_the_helper_sees_the_interest(
        live_server: LiveServer, phone: Any) -> None:
    server = live_server
    grad = signed_in_graduate(server, phone)
    steps.go(grad, "#/jobs")
    first = grad.locator("[data-test=gq-job]").first
    expect(first).to_contain_text("服装设计助理")  # the fashion-design job fits Li Jie best
    expect(first.locator("[data-test=gq-reasons] li").first).to_contain_text("Major fits")
    expect(grad.locator("[data-test=gq-job]")).to_have_count(2)

    grad.fill("#gq-q", "Greening")
    grad.click("[data-test=gq-find]")
    expect(grad.locator("[data-test=gq-job]")).to_have_count(1)
    greening = grad.locator("[data-test=gq-job]").first
    expect(greening).to_contain_text("Greening guard")
    greening.locator("[data-test=gq-interested]").click()
    expect(greening.locator("[data-test=gq-state]")).to_contain_text("interested")
    assert recs_of(server, server.ids["person:李杰"]) == [("Greening guard", "interested", "")]

    # Offline, the last list is still there to read.
    grad.context.set_offline(True)
    steps.go(grad, "#/mine")
    steps.go(grad, "#/jobs?q=Greening")
    expect(grad.locator("[data-test=gq-status]")).to_contain_text("Offline")
    expect(grad.locator("[data-test=gq-job]")).to_have_count(1)

    helper = phone().new_page()
    steps.signed_in(helper, server, "helper1")
    interest = helper.locator("[data-test=gq-interest-item]")
    expect(interest).to_contain_text("李杰")
    expect(interest).to_contain_text("Greening guard")
    expect(interest.locator("[data-test=gq-self-found]")).to_be_visible()


def test_an_offline_question_gets_an_offline_answer(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    grad = signed_in_graduate(server, phone)
    helper = phone().new_page()
    steps.signed_in(helper, server, "helper1")
    steps.wait_controlled(helper)

    grad.context.set_offline(True)
    steps.go(grad, "#/questions")
    grad.fill("[data-test=gq-text]", "面试要带作品集吗？")
    grad.click("[data-test=gq-send]")
    expect(grad.locator("[data-test=gq-question]")).to_contain_text("面试要带作品集吗？")
    steps.expect_pending(grad, 1)
    assert question_of(server, "面试要带作品集吗？") is None
    grad.context.set_offline(False)
    steps.wait_synced(grad)
    assert question_of(server, "面试要带作品集吗？") is not None

    steps.sync_now(helper)
    steps.wait_synced(helper)
    steps.go(helper, "#/today")
    waiting = helper.locator("[data-test=gq-waiting] [data-test=gq-staff-question]")
    expect(waiting).to_contain_text("面试要带作品集吗？")
    helper.context.set_offline(True)
    waiting.locator("[data-test=gq-answer-text]").fill("要带，打印五到八页代表作。")
    waiting.locator("[data-test=gq-answer-send]").click()
    steps.expect_pending(helper, 1)
    expect(helper.locator("[data-test=gq-waiting]")).to_have_count(0)
    steps.go(helper, f"#/person/{server.ids['person:李杰']}")  # the file keeps the question
    expect(helper.locator("[data-test=gq-file] [data-test=gq-answer]")).to_contain_text("五到八页")
    helper.context.set_offline(False)
    steps.wait_synced(helper)
    answered = question_of(server, "面试要带作品集吗？")
    assert answered.answer == "要带，打印五到八页代表作。"
    assert str(answered.answered_by) == server.ids["helper1"]

    steps.sync_now(grad)
    steps.wait_synced(grad)
    steps.go(grad, "#/mine")
    expect(grad.locator("[data-test=gq-home] [data-test=gq-answer]")).to_contain_text("要带，打印五到八页代表作。")
