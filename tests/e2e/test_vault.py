"""The phone as a vault (issue 14, items 1-3), in real Chromium: IndexedDB holds nothing readable,
a locked app shows nothing until the PIN, too many wrong PINs wipe the synced data but never the
unsynced visit, and a second user on the phone reads nothing of the first."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import PASSWORD, LiveServer

pytestmark = pytest.mark.e2e

PIN = "246810"

#: Every row of every IndexedDB database of the page's origin, as text (sealed bytes decoded as
#: UTF-8, so a value stored in the clear inside bytes would show too).
DUMP = """async (only) => {
  const ask = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const text = (v) => v instanceof Uint8Array ? new TextDecoder().decode(v)
    : (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) ? '[CryptoKey]' : v;
  const out = [];
  for (const info of await indexedDB.databases()) {
    if (only && info.name !== only) continue;
    const db = await ask(indexedDB.open(info.name));
    for (const store of db.objectStoreNames) {
      const rows = await ask(db.transaction(store).objectStore(store).getAll());
      out.push(info.name + '/' + store + ' ' + rows.length + ' ' + JSON.stringify(rows, (k, v) => text(v)));
    }
    db.close();
  }
  return out.join('\\n');
}"""


def dump(page: Any, only: str | None = None) -> str:
    return str(page.evaluate(DUMP, only))


def secrets_of(server: LiveServer, helper: str) -> list[str]:
    """The names and phones of the people in `helper`'s households."""
    from server.models import Household, Person, User

    def read() -> list[str]:
        user = User.query.filter_by(username=helper).one()
        people = Person.query.join(Household).filter(Household.primary_helper_id == user.id).all()
        return [v for p in people for v in (p.name, p.phone) if v]

    found = server.query(read)
    assert found, "the world gives the helper people with names"
    return found


def visits_with(server: LiveServer, notes: str) -> int:
    from server.models import Visit

    return server.query(lambda: Visit.query.filter_by(notes=notes).count())


def set_pin(page: Any, pin: str = PIN) -> None:
    steps.go(page, "#/settings")
    page.click("details.pin summary")
    page.fill("#new-pin", pin)
    page.fill("#new-pin-again", pin)
    page.click("[data-test=set-pin]")
    page.wait_for_selector("[data-test=pin-status][data-pin=true]")


def unlock(page: Any, pin: str) -> None:
    """Type a PIN and wait until the phone has tried it (a PIN costs a key derivation)."""
    page.fill("#pin", pin)
    page.click("[data-test=unlock]")
    page.wait_for_function("() => !document.querySelector('[data-test=unlock]') || !document.querySelector('[data-test=unlock]').disabled")


def test_after_a_sync_indexeddb_holds_no_name_phone_note_or_token(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    notes = steps.unique("邻居说他在找保安的工作")
    steps.record_visit(page, server.ids["h1_household"], notes)
    steps.wait_synced(page)
    assert visits_with(server, notes) == 1

    raw = dump(page)
    assert "doorstep-user-" in raw and "/records " in raw
    token = page.evaluate("doorstep.session.refresh_token")
    for secret in [*secrets_of(server, "helper1"), notes, token]:
        assert secret not in raw, f"{secret!r} is readable in IndexedDB"
    # ...while the app, unlocked, shows them.
    steps.go(page, f"#/household/{server.ids['h1_household']}")
    page.wait_for_selector(f"text={notes}")


def test_a_locked_app_shows_nothing_until_the_pin(server_factory: Any, phone: Any) -> None:
    server = server_factory(LOCK_AFTER_MINUTES=0.1)  # six seconds idle
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    assert page.is_visible("[data-test=pin-nudge]")
    set_pin(page)
    assert not page.is_visible("[data-test=pin-nudge]")
    names = secrets_of(server, "helper1")
    steps.go(page, "#/today")

    # Idle: it locks by itself.
    page.wait_for_selector("form[data-test=lock]", timeout=20_000)
    body = page.inner_text("body")
    assert not any(name in body for name in names), "a locked app shows no one"
    assert page.evaluate("doorstep.replica === null && doorstep.key === null")

    unlock(page, PIN)
    steps.wait_ready(page)
    assert any(name in page.inner_text("main") for name in names)

    # A reload asks for the PIN too: the key was in memory only.
    page.reload()
    page.wait_for_selector("form[data-test=lock]")
    unlock(page, "000000")
    page.wait_for_selector("[data-test=pin-error]:has-text('Tries left')")
    unlock(page, PIN)
    steps.wait_ready(page)


def test_wrong_pins_wipe_the_synced_data_and_the_unsynced_visit_is_pushed_after_password_login(
        server_factory: Any, phone: Any) -> None:
    server = server_factory(MAX_PIN_ATTEMPTS=3)
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    set_pin(page)

    context.set_offline(True)
    notes = steps.unique("Offline visit that must survive")
    steps.record_visit(page, server.ids["h1_household"], notes)
    page.reload()
    page.wait_for_selector("form[data-test=lock]")
    for wrong in ("111111", "222222", "333333"):
        unlock(page, wrong)
    page.wait_for_selector("form.login [data-test=login-notice]:has-text('Too many wrong PINs')")
    raw = dump(page)
    assert "/records 0 " in raw, "the synced base is gone"
    assert "/outbox 1 " in raw, "the unsynced visit is still there"
    assert notes not in raw
    assert visits_with(server, notes) == 0

    context.set_offline(False)
    page.fill("#username", "helper1")
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    steps.wait_ready(page)
    steps.wait_synced(page)
    assert visits_with(server, notes) == 1


def test_a_second_user_on_the_phone_reads_nothing_of_the_first(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    user_db = f"doorstep-user-{server.ids['helper1']}"

    context.set_offline(True)
    notes = steps.unique("Parked under helper1's key")
    steps.record_visit(page, server.ids["h1_household"], notes)
    page.once("dialog", lambda d: d.accept())
    steps.go(page, "#/settings")
    page.click("[data-test=logout]")
    page.wait_for_selector("form.login [data-test=others-parked]")
    context.set_offline(False)

    steps.signed_in(page, server, "helper2")
    first = dump(page, user_db)
    assert "/outbox 1 " in first, "helper1's visit is parked on the phone"
    for secret in [*secrets_of(server, "helper1"), notes]:
        assert secret not in first
    assert "[CryptoKey]" not in first, "no key the browser could open it with"
    assert visits_with(server, notes) == 0

    page.once("dialog", lambda d: d.accept())
    steps.go(page, "#/settings")
    page.click("[data-test=logout]")
    page.wait_for_selector("form.login")
    steps.signed_in(page, server, "helper1")
    assert visits_with(server, notes) == 1
