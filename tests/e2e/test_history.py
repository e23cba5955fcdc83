"""A file's history in the browser (issue 11 item 2): a partner helper changes a phone number
from their phone; the helper opens the file's history at 360 px and reads who changed it, from
which device, old → new, in English and in Chinese; the supervisor finds the change in the
audit search by field and follows it to the file's history.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def changed_by_partner(server: LiveServer, person_id: str, phone: str) -> None:
    """Helper2 (Wang Lei) changes the phone number from their own phone."""
    from server.audit import acting_as
    from server.extensions import db
    from server.models import Person

    def run() -> None:
        with acting_as(uuid.UUID(server.ids["helper2"]), "phone-wang"):
            person = db.session.get(Person, uuid.UUID(person_id))
            assert person is not None
            person.phone = phone
            db.session.commit()

    server.query(run)


def test_a_helper_reads_who_changed_a_phone_number_at_360_px(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    person = server.ids["person:王芳"]
    changed_by_partner(server, person, "13911112222")
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")

    steps.go(page, f"#/history/person/{person}")
    entry = page.locator("[data-test=history-entry][data-action=update]").first
    entry.wait_for()
    assert "Wang Lei" in entry.locator("[data-test=history-by]").inner_text()
    assert "13911112222" in entry.locator("[data-field=phone]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(page.url.split("#")[0] + "#/settings")
    page.select_option("#lang", "zh-CN")
    steps.go(page, f"#/history/person/{person}")
    page.locator("[data-test=history-entry][data-action=update]").first.wait_for()
    text = page.locator("[data-test=history-screen]").inner_text()
    assert "电话" in text and "修改" in text, text


def test_a_supervisor_finds_the_change_by_field_and_opens_the_file(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    person = server.ids["person:王芳"]
    changed_by_partner(server, person, "13911112222")
    page = phone().new_page()
    steps.log_in(page, server, "supervisor1")
    steps.wait_synced(page)
    page.wait_for_function("() => location.hash === '#/board'")  # the home screen, first
    steps.go(page, "#/audit")
    page.select_option("[data-test=audit-field]", "phone")
    page.select_option("[data-test=audit-action]", "update")
    page.click("[data-test=audit-search]")
    page.wait_for_function("() => location.hash.includes('field=phone')")
    entry = page.locator("[data-test=history-entry]").first
    entry.wait_for()
    assert page.locator("[data-test=history-entry]").count() == 1
    assert "Wang Lei" in entry.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    entry.locator("a.title").click()
    page.wait_for_selector("[data-test=history-screen] [data-action=create]")
    assert person in page.url
