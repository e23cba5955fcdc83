"""Running Doorstep without a developer, in real Chromium at 360 px.

An admin adds a residential committee under a sub-district and opens a helper's account there;
the helper signs in with the password the admin chose. The admin opens a job seeker's account
from a file found by search, and the graduate activates it with the code the invitation shows
(its QR code carries the activation link). A helper makes the invitation from the person's file
too, once the file shows it (`helper/invite.js`, mounted in person.js).

`DOORSTEP_SCREENSHOTS=1` also writes docs/screenshots/admin-users.png, admin-areas.png and
admin-rules.png.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import ROOT, LiveServer

pytestmark = pytest.mark.e2e

SHOTS = ROOT / "docs" / "screenshots"


def shot(page: Any, name: str) -> None:
    if os.environ.get("DOORSTEP_SCREENSHOTS"):
        page.wait_for_selector(".toast", state="detached")  # a passing toast would hide the screen
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def admin_at_office(page: Any, server: LiveServer) -> None:
    steps.log_in(page, server, "admin")
    page.wait_for_selector(".board", timeout=30_000)
    page.click("nav a[href='#/office']")
    page.wait_for_selector("[data-test=office-links]")


def activate(page: Any, server: LiveServer, username: str, code: str, password: str) -> None:
    page.goto(server.url + "/")
    page.click("details.activate summary")
    page.fill("#act-username", username)
    page.fill("#act-code", code)
    page.fill("#act-password", password)
    page.click("[data-test=activate]")


def test_an_admin_adds_a_committee_and_a_helper_who_then_signs_in(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone().new_page()
    admin_at_office(page, server)

    # Areas: the sub-district gets a new residential committee.
    page.click("[data-test='office-areas']")
    sub = page.locator("[data-test=area][data-name='凉城新村街道']")
    sub.locator("summary").first.click()
    sub.locator("[data-test=add-committee] input").fill("新华居委")
    sub.locator("[data-test=add-committee] [data-test=area-save]").click()
    page.wait_for_selector("[data-test=area][data-name='新华居委']", state="attached")
    shot(page, "admin-areas.png")

    # Follow-up rules: graduates are visited every 10 days instead of the default.
    page.click("[data-test=back-office]")
    page.click("[data-test='office-rules']")
    rule = page.locator("[data-test=rule][data-category=graduate_active_search]")
    rule.locator("[data-test=rule-days]").fill("10")
    rule.locator("[data-test=rule-save]").click()
    page.wait_for_selector("[data-test=rule][data-category=graduate_active_search] [data-test=rule-reset]")
    shot(page, "admin-rules.png")

    # Accounts: a new helper in the same sub-district, with a password.
    page.click("[data-test=back-office]")
    page.click("[data-test='office-users']")
    page.click("[data-test=user-new]")
    page.select_option("#u-new-role", "helper")
    page.fill("#u-username", "helper7")
    page.fill("#u-name", "周敏")
    page.select_option("#u-area", label="梁溪区 › 凉城新村街道")
    page.fill("#u-password", "a-good-password")
    page.click("[data-test=user-save]")
    page.wait_for_selector("[data-test=user-username]:has-text('helper7')")
    assert "凉城新村街道" in page.inner_text("[data-test=user-area]")
    steps.go(page, "#/users?role=helper")
    page.wait_for_selector("[data-test=user-row][data-username=helper7]")
    shot(page, "admin-users.png")

    # A name already taken is refused in words, not codes.
    steps.go(page, "#/users/new")
    page.fill("#u-username", "helper7")
    page.fill("#u-name", "重名")
    page.select_option("#u-area", label="梁溪区 › 凉城新村街道")
    page.fill("#u-password", "a-good-password")
    page.click("[data-test=user-save]")
    page.wait_for_selector("[data-test=form-error]:has-text('username is taken')")

    # Wang Lei becomes a supervisor of the same sub-district (the phone asks first).
    page.on("dialog", lambda dialog: dialog.accept())
    steps.go(page, f"#/users/{server.ids['helper2']}")
    page.select_option("#u-change-role", "supervisor")
    page.click("[data-test=user-move-save]")
    page.wait_for_selector("[data-test=user-role]:has-text('supervisor')")

    def read() -> dict[str, Any]:
        from sqlalchemy import select

        from server.extensions import db
        from server.models import Area, FollowUpRule, User

        committee = db.session.scalars(select(Area).where(Area.name == "新华居委")).one()
        helper = db.session.scalars(select(User).where(User.username == "helper7")).one()
        rule = db.session.get(FollowUpRule, "graduate_active_search")
        wang = db.session.scalars(select(User).where(User.username == "helper2")).one()
        return {"wang": wang.role, "committee_in": committee.parent and committee.parent.name, "kind": committee.kind,
                "helper_in": helper.area and helper.area.name, "role": helper.role, "rule": rule and rule.interval_days}

    assert server.query(read) == {"wang": "supervisor", "committee_in": "凉城新村街道", "kind": "committee", "helper_in": "凉城新村街道",
                                  "role": "helper", "rule": 10}

    # The new helper signs in on their own phone and gets their Today screen.
    helper = phone().new_page()
    helper.goto(server.url + "/")
    helper.fill("#username", "helper7")
    helper.fill("#password", "a-good-password")
    helper.click("form.login button[type=submit]")
    steps.wait_ready(helper)


def test_the_office_invites_a_graduate_who_activates_with_the_code(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone(locale="zh-CN").new_page()
    admin_at_office(page, server)
    page.click("[data-test='office-users']")
    page.click("[data-test=user-new]")
    page.select_option("#u-new-role", "client")
    page.fill("#u-username", "wangfang")
    page.fill("#u-person-q", "王芳")
    page.click("[data-test=person-picker] button:not([data-test])")
    page.click("[data-test=person-pick]")
    page.click("[data-test=user-save]")
    card = page.wait_for_selector("[data-test=invitation]")
    code = page.inner_text("[data-test=invite-code]")
    link = card.get_attribute("data-link") or ""
    assert link.startswith(server.url + "/#/activate?user=wangfang&code=")
    assert page.eval_on_selector("[data-test=invite-qr]", "img => img.complete && img.naturalWidth > 100")
    assert "邀请码有效期至" in page.inner_text("[data-test=invitation]")

    graduate = phone().new_page()
    activate(graduate, server, "wangfang", code, "my-own-password")
    graduate.wait_for_selector("nav a[href='#/mine']", timeout=30_000)


def test_the_office_imports_a_gbk_ledger_and_adds_a_training(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone(locale="zh-CN").new_page()
    admin_at_office(page, server)
    page.click("[data-test='office-imports']")
    bad = ("employer,title,pay_min,pay_max,source\n"
           "上海某物流有限公司,仓储管理员,4500,7000,labour_broker\n"
           "上海某餐饮管理有限公司,门店储备干部,4000,6000,street_flyer\n")
    page.set_input_files("[data-test=import-file-jobs]", files=[
        {"name": "岗位.csv", "mimeType": "text/csv", "buffer": bad.encode("gbk")}])
    page.click("[data-test=import-send-jobs]")
    errors = page.wait_for_selector("[data-test=import-result-jobs] [data-test=import-errors]")
    assert "第 3 行，岗位来源：应为以下之一：" in errors.inner_text()
    good = bad.replace("street_flyer", "livestream")
    page.set_input_files("[data-test=import-file-jobs]", files=[
        {"name": "岗位.csv", "mimeType": "text/csv", "buffer": good.encode("gbk")}])
    page.click("[data-test=import-send-jobs]")
    page.wait_for_selector("[data-test=import-result-jobs] [data-test=import-ok]:has-text('新增 2 个岗位')")

    page.click("[data-test=back-office]")
    page.click("[data-test='office-catalogues']")
    page.click("[data-test=tr-form] >> xpath=.. >> summary")
    page.fill("#tr-title", "育婴师培训")
    page.fill("#tr-duration_days", "15")
    page.click("[data-test=tr-save]")
    page.wait_for_selector("[data-test=trainings] li:has-text('育婴师培训')")
    titles = [c["title"] for c in server.api("GET", "/api/trainings", server.token("admin"))]
    assert "育婴师培训" in titles


def test_a_helper_invites_from_the_file_and_the_graduate_opens_the_link(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    file = f"#/person/{server.ids['person:王强']}"
    steps.go(page, file)
    page.click("[data-test=invite-section] summary")
    page.fill("#inv-username", "wangqiang")
    page.click("[data-test=invite-create]")
    page.wait_for_selector("[data-test=invitation] [data-test=invite-qr]")
    code = page.inner_text("[data-test=invite-code]")
    link = page.get_attribute("[data-test=invitation]", "data-link") or ""

    # A sync re-draws the file: the code, shown only once, is still there.
    steps.sync_now(page)
    steps.wait_synced(page)
    steps.go(page, file)
    assert page.inner_text("[data-test=invite-code]") == code

    # The graduate scans the QR code: activation opens with the username and code filled in.
    graduate = phone().new_page()
    graduate.goto(link)
    assert graduate.input_value("#act-username") == "wangqiang"
    assert graduate.input_value("#act-code") == code
    graduate.fill("#act-password", "my-own-password")
    graduate.click("[data-test=activate]")
    graduate.wait_for_selector("nav a[href='#/mine']", timeout=30_000)
    assert graduate.evaluate("location.hash") == "#/mine"
