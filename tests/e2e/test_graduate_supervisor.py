"""Graduates and supervisors in real Chromium: the proofs of issue 5 (1, 2 and 3)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def rec_state(server: LiveServer, rec_id: str) -> tuple[str, str | None]:
    from server.extensions import db
    from server.models import Recommendation

    def read() -> tuple[str, str | None]:
        rec = db.session.get(Recommendation, uuid.UUID(rec_id))
        assert rec is not None
        return rec.state, rec.response_reason

    return server.query(read)


def recommend(server: LiveServer, job_title: str) -> str:
    """helper1 recommends a new open job to the graduate 李杰; returns the recommendation id."""
    token = server.token("helper1")
    job = server.api("POST", "/api/jobs", token, {"employer": "凉城服饰", "title": job_title,
                                                  "industry": "服装", "majors": ["服装设计"]})
    rec = server.api("POST", "/api/recommendations", token, {
        "person_id": server.ids["person:李杰"], "job_id": job["id"], "reasons": "专业对口，离家近"})
    return str(rec["id"])


def test_a_graduate_answers_offline_and_the_helper_sees_it(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    declined = recommend(server, "服装设计助理")
    interested = recommend(server, "打版师")
    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=my-rec]", timeout=30_000)
    steps.wait_controlled(grad)
    steps.wait_synced(grad)
    expect(grad.locator("[data-test=my-rec]")).to_have_count(2)  # waits for the re-render
    grad.wait_for_selector("text=服装设计助理")  # job details fetched while online

    grad.context.set_offline(True)
    steps.go(grad, f"#/offer/{interested}")
    grad.wait_for_selector("[data-test=helper-reason]")
    assert "专业对口" in grad.inner_text("[data-test=helper-reason]")
    grad.locator("[data-test=match-reasons] li").first.wait_for()
    grad.click("[data-test=answer-interested]")
    grad.wait_for_selector("[data-test=my-rec]")
    steps.go(grad, f"#/offer/{declined}")
    grad.click("[data-test=answer-declined]")  # refused without a reason
    grad.fill("#why-not", "离家太远")
    grad.click("[data-test=answer-declined]")
    grad.wait_for_selector("[data-test=my-rec]")
    steps.expect_pending(grad, 3)  # two transitions and the reason
    assert rec_state(server, interested)[0] == "recommended"

    grad.context.set_offline(False)
    steps.wait_synced(grad)
    assert rec_state(server, interested) == ("interested", None)
    assert rec_state(server, declined) == ("declined", "离家太远")

    helper = phone().new_page()
    steps.log_in(helper, server, "helper1")
    steps.wait_ready(helper)
    steps.go(helper, f"#/person/{server.ids['person:李杰']}")
    helper.wait_for_selector("text=离家太远")
    text = helper.inner_text("main")
    assert "interested" in text and "declined" in text


def test_the_board_shows_the_summary_and_the_summary_the_database(live_server: LiveServer,
                                                                   phone: Any) -> None:
    from sqlalchemy import func, select

    from server.extensions import db
    from server.models import Household, Person, User

    server = live_server
    summary = server.api("GET", "/api/reports/summary", server.token("supervisor1"))

    def count_in_subdistrict() -> int:
        sub = db.session.scalar(select(User.area_id).where(User.username == "supervisor1"))
        return int(db.session.scalar(select(func.count(Person.id)).join(Household).where(
            Household.subdistrict_id == sub)) or 0)

    assert summary["persons"] == server.query(count_in_subdistrict)
    page = phone().new_page()
    steps.log_in(page, server, "supervisor1")
    page.wait_for_selector(".figures", timeout=30_000)
    figures = [int(x.replace(",", "")) for x in page.locator(".figures:not([data-test]) .figure strong").all_inner_texts()]
    assert figures == [summary["persons"], summary["overdue"]["total"], summary["struggling"]]
    activity = [int(x.replace(",", "")) for x in page.locator("[data-test=board-activity] .figure strong").all_inner_texts()]
    assert activity == [summary["activity"]["contacts"], summary["activity"]["attempts"]]
    for row in summary["by_committee"]:
        assert page.locator("table th", has_text=row["name"]).count() == 1
    chart = page.locator("svg.chart").first.get_attribute("aria-label") or ""
    for row in summary["cohort"]["statuses"]:
        assert f" {row['count']}" in chart


def test_a_returned_visit_reaches_the_helper_and_the_amendment_comes_back(
        live_server: LiveServer, phone: Any) -> None:
    server = live_server
    notes = steps.unique("上门走访，谈心")
    visit = server.api("POST", "/api/visits", server.token("helper1"), {
        "household_id": server.ids["h1_household"], "channel": "home_visit",
        "occurred_at": "2026-11-20T09:00:00Z", "notes": notes, "services": ["heart_to_heart"]})

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    steps.go(sup, "#/reviews")
    card = sup.locator("[data-test=review-visit]", has_text=notes)
    card.wait_for()
    card.locator("textarea").fill("请补充就业意向")
    card.locator("button.danger").click()
    sup.wait_for_selector(f"[data-test=review-visit]:has-text('{notes}')", state="detached")

    helper = phone().new_page()
    steps.log_in(helper, server, "helper1")
    steps.wait_ready(helper)
    returned = helper.locator("[data-test=returned-visit]")
    returned.wait_for()
    assert "请补充就业意向" in returned.inner_text()
    returned.click()
    helper.wait_for_selector("form.visit-form")
    amended = steps.unique("补充：意向服装设计")
    helper.fill("#notes", amended)
    helper.click("[data-test=save-visit]")
    helper.wait_for_selector(f"text={amended}")  # saved on the phone before waiting for the sync
    steps.wait_synced(helper)

    steps.go(sup, "#/reviews?review_state=pending")
    sup.wait_for_selector(f"[data-test=review-visit]:has-text('{amended}')")
    assert server.api("GET", f"/api/visits/{visit['id']}", server.token("supervisor1"))[
        "review_state"] == "amended"


def test_a_reassignment_while_the_former_helper_is_offline_loses_no_notes(
        live_server: LiveServer, phone: Any) -> None:
    from server.extensions import db
    from server.models import Household, Visit

    server = live_server
    former = phone().new_page()
    steps.log_in(former, server, "helper1")
    steps.wait_ready(former)
    steps.wait_controlled(former)
    steps.wait_synced(former)
    former.context.set_offline(True)
    notes = steps.unique("离线记录：已送简历")
    steps.record_visit(former, server.ids["h1_household"], notes)
    steps.expect_pending(former, 1)

    sup = phone().new_page()
    steps.log_in(sup, server, "supervisor1")
    sup.wait_for_selector(".figures", timeout=30_000)
    steps.go(sup, "#/caseloads")
    sup.locator("[data-test=caseload-household]", has_text="凉城路100弄3号").locator("input").check()
    sup.select_option("#new-primary", server.ids["helper2"])
    sup.click("fieldset.sticky-panel button.primary")
    sup.wait_for_selector("#c-helper")

    def primary() -> str:
        household = db.session.get(Household, uuid.UUID(server.ids["h1_household"]))
        assert household is not None
        return str(household.primary_helper_id)

    for _ in range(50):
        if server.query(primary) == server.ids["helper2"]:
            break
        sup.wait_for_timeout(100)
    assert server.query(primary) == server.ids["helper2"]

    former.context.set_offline(False)
    steps.wait_synced(former)
    late = server.query(lambda: [v.late for v in Visit.query.filter_by(notes=notes)])
    assert late == [True]

    new = phone().new_page()
    steps.log_in(new, server, "helper2")
    steps.wait_ready(new)
    steps.go(new, f"#/household/{server.ids['h1_household']}")
    new.wait_for_selector(f"text={notes}")


def test_a_graduate_activates_the_account_with_the_invitation_code(live_server: LiveServer,
                                                                   phone: Any) -> None:
    server = live_server
    opened = server.api("POST", "/api/users/clients", server.token("helper1"), {
        "person_id": server.ids["person:王芳"], "username": "wangfang"})
    page = phone().new_page()
    page.goto(server.url + "/")
    page.click("details.activate summary")
    page.fill("#act-username", "wangfang")
    page.fill("#act-code", "WRONG123")
    page.fill("#act-password", "a-long-password")
    page.click("[data-test=activate]")
    page.wait_for_selector("details.activate .error:has-text('invitation code')")
    page.fill("#act-code", opened["code"].lower())
    page.click("[data-test=activate]")
    page.wait_for_selector("text=Hello, 王芳", timeout=30_000)
    login = server.api("POST", "/api/auth/login", body={"username": "wangfang",
                                                         "password": "a-long-password"})
    assert login["user"]["person_id"] == server.ids["person:王芳"]


def test_a_supervisor_adds_edits_and_imports_jobs(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    token = server.token("supervisor1")

    def jobs_named(q: str) -> list[dict[str, Any]]:
        return list(server.api("GET", f"/api/jobs?open_only=false&per_page=100&q={q}", token)["items"])

    def job_count() -> int:
        return int(server.api("GET", "/api/jobs?open_only=false&per_page=1", token)["total"])

    page = phone().new_page()
    steps.log_in(page, server, "supervisor1")
    page.wait_for_selector(".figures", timeout=30_000)
    page.click("[data-test=jobs-link]")
    page.wait_for_selector("main h1:has-text('Jobs')")
    page.wait_for_selector("[data-test=add-job]").click()
    page.wait_for_selector("form.job-form")

    # A reversed pay range: the server's message shows next to the field, nothing is written.
    title = steps.unique("社区网格员")
    page.fill("#job-employer", "凉城新村街道办事处")
    page.fill("#job-title", title)
    page.fill("#job-industry", "社区服务")
    page.fill("#job-pay_min", "6000")
    page.fill("#job-pay_max", "5000")
    page.fill("#job-majors", "社会工作, 公共管理")
    page.fill("#job-skills", "沟通，Excel")
    page.select_option("#job-source", "job_fair")
    page.check("#job-public_welfare")
    page.click("[data-test=save-job]")
    error = page.locator("[data-test=error-pay_max]")
    error.wait_for()
    assert error.inner_text().strip()
    assert page.get_attribute("#job-pay_max", "aria-invalid") == "true"
    assert jobs_named(title) == []

    page.fill("#job-pay_max", "8000")
    page.click("[data-test=save-job]")
    card = page.locator("[data-test=job]", has_text=title)
    card.wait_for()
    [job] = jobs_named(title)
    assert (job["employer"], job["pay_min"], job["pay_max"], job["source"]) == ("凉城新村街道办事处", 6000, 8000, "job_fair")
    assert job["majors"] == ["社会工作", "公共管理"] and job["skills"] == ["沟通", "Excel"]
    assert job["public_welfare"] is True and job["is_open"] is True

    # Edit: a new title, and close it.
    card.click()
    page.wait_for_selector("form.job-form")
    assert page.input_value("#job-title") == title
    renamed = f"{title}（已满）"
    page.fill("#job-title", renamed)
    page.uncheck("#job-is_open")
    page.click("[data-test=save-job]")
    page.locator("[data-test=job]", has_text=renamed).wait_for()
    edited = server.api("GET", f"/api/jobs/{job['id']}", token)
    assert (edited["title"], edited["is_open"], edited["pay_max"]) == (renamed, False, 8000)

    # A CSV with one bad row: the line and column are shown and nothing is imported.
    before = job_count()
    bad = ("employer,title,pay_min,pay_max,source\n"
           "上海某物流有限公司,仓储管理员,4500,7000,labour_broker\n"
           "上海某餐饮管理有限公司,门店储备干部,4000,6000,street_flyer\n")
    page.set_input_files("#j-csv", files=[{"name": "jobs.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    page.click("[data-test=import-csv]")
    errors = page.locator("[data-test=import-errors]")
    errors.wait_for()
    assert "line 3, column source:" in errors.inner_text()
    assert job_count() == before

    good = ("employer,title,pay_min,pay_max,source,public_welfare\n"
            "上海某物流有限公司,仓储管理员,4500,7000,labour_broker,no\n"
            "上海某餐饮管理有限公司,门店储备干部,4000,6000,livestream,否\n")
    page.set_input_files("#j-csv", files=[{"name": "jobs.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    page.click("[data-test=import-csv]")
    page.wait_for_selector("[data-test=import-ok]:has-text('2 jobs imported')")
    assert page.locator("[data-test=import-errors]").count() == 0
    assert job_count() == before + 2
    page.locator("[data-test=job]", has_text="门店储备干部").wait_for()
