"""The lost phone in the browser (issue 14 item 4): a helper's phone holds a visit typed offline;
the supervisor, on the device list at 360 px, ends its session with a wipe; when the phone gets
its signal back it hands the visit over, then wipes what it had synced and signs out.

The supervisor reaches the device list from Settings (`#/devices`), as a real one would.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.e2e import steps
from tests.e2e.conftest import LiveServer


def open_device_screen(page: Any, locale: str = "en") -> None:
    """Settings → Devices, in `locale` (the language select of Settings)."""
    page.goto(page.url.split("#")[0] + "#/settings")
    page.select_option("#lang", "zh-CN" if locale == "zh-CN" else "en")
    page.click("[data-test=devices-link]")
    page.wait_for_selector("[data-test=devices], [data-test=no-devices]")


def visits_with(server: LiveServer, notes: str) -> int:
    from server.extensions import db
    from server.models import Visit

    return int(server.query(lambda: db.session.scalar(select(func.count()).where(Visit.notes == notes))))


def records_on_phone(page: Any, user_id: str) -> int:
    return int(page.evaluate(
        """(name) => new Promise((resolve, reject) => {
             const req = indexedDB.open(name);
             req.onsuccess = () => {
               const db = req.result;
               const count = db.transaction('records').objectStore('records').count();
               count.onsuccess = () => { resolve(count.result); db.close(); };
               count.onerror = () => reject(count.error);
             };
             req.onerror = () => reject(req.error);
           })""",
        f"doorstep-user-{user_id}",
    ))


def test_a_lost_phone_hands_over_its_visit_then_wipes(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    lost = phone()
    helper = lost.new_page()
    steps.signed_in(helper, server, "helper1")
    steps.wait_controlled(helper)
    assert records_on_phone(helper, server.ids["helper1"]) > 0
    lost.set_offline(True)
    notes = steps.unique("Typed on the bus, before the phone was lost")
    steps.record_visit(helper, server.ids["h1_household"], notes)
    steps.expect_pending(helper, 1)

    office = phone().new_page()
    steps.log_in(office, server, "supervisor1")
    office.wait_for_selector(".figures", timeout=30_000)
    open_device_screen(office)
    card = office.locator("[data-test=device]", has_text="helper1")
    card.wait_for()
    assert card.get_attribute("data-state") == "active"
    assert office.evaluate("document.documentElement.scrollWidth") <= 360  # fits a phone
    office.once("dialog", lambda dialog: dialog.accept())
    card.locator("[data-test=end-and-wipe]").click()
    office.wait_for_selector('[data-test=device][data-state="wiping"]')

    lost.set_offline(False)  # the phone's signal comes back: it syncs on its own
    helper.wait_for_selector("text=This phone was reported lost", timeout=30_000)  # the login screen
    helper.wait_for_selector("#username")
    assert visits_with(server, notes) == 1  # handed over first
    assert records_on_phone(helper, server.ids["helper1"]) == 0  # then wiped
    tokens = helper.evaluate(
        """() => new Promise((resolve) => {
             const req = indexedDB.open('doorstep-device');
             req.onsuccess = () => {
               const get = req.result.transaction('sessions').objectStore('sessions').getAll();
               get.onsuccess = () => resolve(get.result.map((s) => s.refresh_token ?? s.tokens ?? null));
             };
           })""")
    assert tokens == []  # no token left: the session row went with the data

    # The office sees the device gone; in Chinese too, still within 360 px.
    open_device_screen(office, "zh-CN")
    office.wait_for_selector("[data-test=devices], [data-test=no-devices]")
    assert office.locator("[data-test=device]", has_text="helper1").count() == 0
    assert office.evaluate("document.documentElement.scrollWidth") <= 360
