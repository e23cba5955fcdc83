"""A post to a job-search group reaches a graduate who was offline when it was sent (issue 13.3).

The graduate's phone is offline while the supervisor posts a vacancy to the group from the
group's screen; back online, the post is in the graduate's home; offline again, they open it
and answer "interested"; online, the answer arrives and the reach funnel counts it: reached by
two, read and interested by one, and a recommendation of the vacancy carrying the post's id.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def test_a_post_reaches_an_offline_graduate_and_their_answer_reaches_the_funnel(
        live_server: LiveServer, phone: Any) -> None:
    server = live_server
    boss = server.token("supervisor1")
    job = server.api("POST", "/api/jobs", boss, {"employer": "凉城服饰", "title": "服装设计助理",
                                                 "industry": "服装", "majors": ["服装设计"]})
    group = server.api("POST", "/api/groups", boss, {"name": "求职1组", "kind": "offline"})
    server.api("POST", f"/api/groups/{group['id']}/members", boss, {
        "person_ids": [server.ids["person:李杰"], server.ids["person:王芳"]]})

    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    steps.wait_synced(grad)  # the home after the first sync (a selector: no script while it loads)
    steps.wait_controlled(grad)
    expect(grad.locator("[data-test=gr-delivery]")).to_have_count(0)
    grad.context.set_offline(True)

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    steps.go(sup, f"#/groups/{group['id']}")
    sup.wait_for_selector("[data-test=gr-post-form]")
    sup.select_option("[data-test=gr-post-kind]", "job")
    sup.wait_for_selector(f"[data-test=gr-post-ref] option[value='{job['id']}']", state="attached")
    sup.select_option("[data-test=gr-post-ref]", job["id"])
    sup.fill("[data-test=gr-post-body]", "周五面试，感兴趣的请回复")
    sup.click("[data-test=gr-post-send]")
    expect(sup.locator("[data-test=gr-post-funnel]")).to_contain_text("Reached 2")

    grad.context.set_offline(False)
    steps.sync_now(grad)
    steps.wait_synced(grad)
    steps.go(grad, "#/mine")
    delivery = grad.locator("[data-test=gr-delivery]")
    delivery.wait_for(timeout=30_000)
    assert "服装设计助理" in delivery.inner_text()
    expect(grad.locator("[data-test=gr-unread]")).to_have_count(1)

    grad.context.set_offline(True)
    delivery.click()
    grad.wait_for_selector("[data-test=gr-post]")
    assert "周五面试" in grad.inner_text("[data-test=gr-post]")
    grad.click("[data-test=gr-answer-interested]")
    grad.wait_for_selector("[data-test=gr-answered]")
    steps.expect_pending(grad, 2)  # read, then the answer: ops in the outbox

    def funnel() -> dict[str, int]:
        detail = server.api("GET", f"/api/groups/{group['id']}", boss)
        return dict(detail["post_list"][0]["funnel"])

    assert funnel() == {"reached": 2, "read": 0, "interested": 0, "interview": 0, "hired": 0}

    grad.context.set_offline(False)
    steps.wait_synced(grad)
    assert funnel() == {"reached": 2, "read": 1, "interested": 1, "interview": 0, "hired": 0}

    def recommendation() -> tuple[str, str] | None:
        from sqlalchemy import select

        from server.extensions import db
        from server.models import Recommendation

        rec = db.session.scalar(select(Recommendation).where(
            Recommendation.job_id == uuid.UUID(job["id"])))
        return (rec.state, str(rec.source_post_id)) if rec else None

    post_id = server.api("GET", f"/api/groups/{group['id']}", boss)["post_list"][0]["id"]
    assert server.query(recommendation) == ("interested", post_id)
    # The supervisor's group screen and board show the answer too.
    steps.go(sup, "#/board")
    steps.go(sup, f"#/groups/{group['id']}")
    sup.wait_for_selector("[data-test=gr-post-funnel]:has-text('interested 1')")
    steps.go(sup, "#/board")
    sup.wait_for_selector("[data-test=gr-board-table]", timeout=30_000)
    assert "求职1组" in sup.inner_text("[data-test=gr-board]")
