"""The phone never jams (issue 8 §5), in real Chromium at 360 px.

A helper offline types a note far longer than the server takes and dates a visit next year: each
form tells them before saving, and nothing is saved until they fix it. Then an op the server
fails on every time (a 500 for any batch that holds it, as a lone surrogate used to give) is
forced into the outbox: the phone isolates it, parks it and pushes the others; the helper
corrects it on the "needs your attention" screen and sends it again.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import LiveServer
from tests.e2e.test_accessibility import AXE, violations

pytestmark = pytest.mark.e2e

#: Forced straight into IndexedDB, the way no form would write it: the next seq, a stamp of now.
INJECT = """async ({text, personId, householdId}) => {
  const app = globalThis.doorstep;
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(`doorstep-user-${app.session.user.id}`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const get = (store, key) => new Promise((r) => { const q = tx.objectStore(store).get(key); q.onsuccess = () => r(q.result); });
  const clientId = await get('meta', 'client_id');
  const seq = (await get('meta', 'next_seq')) ?? 1;
  const op = {
    op_id: crypto.randomUUID(), client_id: clientId, seq,
    hlc: `${String(Date.now() + 1000).padStart(15, '0')}:00000:${clientId}`,
    entity: 'note', entity_id: crypto.randomUUID(), kind: 'insert',
    data: {person_id: personId, household_id: householdId, visit_id: null, text, corrects_note_id: null},
    recorded_at: Date.now(),
  };
  tx.objectStore('outbox').add(op);
  tx.objectStore('meta').put(seq + 1, 'next_seq');
  await new Promise((r) => { tx.oncomplete = r; });
  db.close();
  await app.replica.reload();
  return op.op_id;
}"""


def notes_with(server: LiveServer, text: str) -> int:
    from server.models import Note

    return int(server.query(lambda: Note.query.filter_by(text=text).count()))


def visits_with(server: LiveServer, notes: str) -> int:
    from server.models import Visit

    return int(server.query(lambda: Visit.query.filter_by(notes=notes).count()))


def test_forms_tell_before_saving_and_a_bad_op_is_parked_while_the_others_sync(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    person, household = server.ids["person:王芳"], server.ids["shared_household"]
    context.set_offline(True)

    # An over-long note, typed offline: the counter says so, saving refuses it.
    steps.go(page, f"#/person/{person}")
    page.wait_for_selector("form.note-form")
    page.fill("#note-text", "走访记录 " * 5_000)  # 25,000 characters
    assert page.inner_text("[data-test=note-text-count]") == "25,000 / 10,000 characters"
    page.click("[data-test=save-note]")
    assert "Too long: 25,000 characters, at most 10,000" in page.inner_text("[data-test=note-text-problem]")
    steps.expect_pending(page, 0)
    kept = steps.unique("Mother says he starts on Monday")
    page.fill("#note-text", kept)
    assert page.inner_text("[data-test=note-text-problem]") == ""
    page.click("[data-test=save-note]")
    page.wait_for_selector(f"[data-test=notes] >> text={kept}")
    steps.expect_pending(page, 1)

    # A visit dated next year and a follow-up three years out: the form says both, saves nothing.
    steps.go(page, f"#/visit/new?household={household}")
    page.wait_for_selector("form.visit-form")
    visit_notes = steps.unique("Visited together, CV revised")
    page.fill("#notes", visit_notes)
    next_year = dt.date.today().replace(year=dt.date.today().year + 1)
    page.fill("#when", f"{next_year.isoformat()}T10:00")
    page.fill("#next", dt.date.today().replace(year=dt.date.today().year + 3).isoformat())
    page.click("[data-test=save-visit]")
    assert "cannot be dated after today" in page.inner_text("[data-test=when-problem]")
    assert "more than 2 years ahead" in page.inner_text("[data-test=next-problem]")
    steps.expect_pending(page, 1)
    page.fill("#when", f"{dt.date.today().isoformat()}T08:30")
    page.fill("#next", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.click("[data-test=save-visit]")
    page.wait_for_selector(f"text={visit_notes}")
    steps.expect_pending(page, 2)

    # An op the server fails on, whatever batch holds it.
    broken = "Broken \ud800 text"
    bad_op = page.evaluate(INJECT, {"text": broken, "personId": person, "householdId": household})
    steps.expect_pending(page, 3)
    failed: list[int] = []

    def push(route: Any) -> None:
        if bad_op in (route.request.post_data or ""):
            failed.append(len(json.loads(route.request.post_data)["ops"]))
            route.fulfill(status=500, content_type="application/json",
                          body=json.dumps({"error": {"code": "internal_error", "message": "Internal Server Error"}}))
        else:
            route.continue_()

    page.route("**/api/sync/push", push)
    context.set_offline(False)

    # Parked after a few tries (with backoff); the two good changes reached the server meanwhile.
    steps.wait_settled(page, pending=0, attention=1, timeout=45_000)
    assert failed[0] == 3 and failed[-1] == 1, failed
    assert notes_with(server, kept) == 1
    assert visits_with(server, visit_notes) == 1
    assert "1 needs your attention" in steps.bar_text(page)

    # From the sync bar to the attention screen: why, in plain words; correct it and send it again.
    page.click("[data-test=attention-link]")
    item = page.wait_for_selector(f'[data-test=attention-item][data-op="{bad_op}"]')
    assert item.get_attribute("data-status") == "parked"
    assert "failed on it several times" in page.inner_text("[data-test=attention-reason]")
    page.fill("[data-test=attention-item] textarea[data-field=text]", "x" * 10_001)
    page.click("[data-test=attention-resend]")
    assert "Correct the marked fields first" in page.inner_text("[data-test=attention-item]")
    fixed = steps.unique("Corrected: he starts Monday at the bakery")
    page.fill("[data-test=attention-item] textarea[data-field=text]", fixed)
    page.click("[data-test=attention-resend]")
    page.wait_for_selector("[data-test=attention-none]")
    steps.wait_settled(page, pending=0, attention=0)
    assert notes_with(server, fixed) == 1
    assert steps.bar_text(page) == "All synced"


def test_discarding_a_set_aside_change_asks_first(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    context = phone(bypass_csp=True)  # to inject axe
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    bad_op = page.evaluate(INJECT, {"text": "to be refused", "personId": server.ids["person:王芳"],
                                    "householdId": server.ids["shared_household"]})
    page.route("**/api/sync/push", lambda route: route.fulfill(
        status=422, content_type="application/json",
        body=json.dumps({"error": {"code": "invalid_request", "message": "no"}}))
        if bad_op in (route.request.post_data or "") else route.continue_())
    page.evaluate("() => doorstep.syncer.resume()")
    steps.wait_settled(page, pending=0, attention=1)
    steps.go(page, "#/attention")
    page.wait_for_selector("[data-test=attention-item]")
    assert "refuses it as it is" in page.inner_text("[data-test=attention-reason]")
    if AXE.is_file():
        assert violations(page) == []
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-test=attention-discard]")
    assert page.query_selector("[data-test=attention-item]") is not None, "kept: the helper said no"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-test=attention-discard]")
    page.wait_for_selector("[data-test=attention-none]")
    steps.wait_settled(page, pending=0, attention=0)
    assert str(uuid.UUID(bad_op)) == bad_op


def test_an_op_too_large_for_any_request_is_parked_by_the_real_server_while_the_rest_sync(
        live_server: LiveServer, phone: Any) -> None:
    """No interception: the server's own body limit (413) refuses every batch that holds it."""
    server = live_server
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    person, household = server.ids["person:王芳"], server.ids["shared_household"]
    context.set_offline(True)
    before = steps.unique("Written before the huge one")
    steps.go(page, f"#/person/{person}")
    page.fill("#note-text", before)
    page.click("[data-test=save-note]")
    huge = page.evaluate(INJECT, {"text": "长" * 3_000_000, "personId": person, "householdId": household})
    steps.go(page, f"#/person/{person}")
    after = steps.unique("Written after the huge one")
    page.wait_for_selector("form.note-form")
    page.fill("#note-text", after)
    page.click("[data-test=save-note]")
    steps.expect_pending(page, 3)
    context.set_offline(False)
    steps.wait_settled(page, pending=0, attention=1)
    assert notes_with(server, before) == 1 and notes_with(server, after) == 1
    steps.go(page, "#/attention")
    item = page.wait_for_selector(f'[data-test=attention-item][data-op="{huge}"]')
    assert item.get_attribute("data-status") == "parked"
    assert "too large to send" in page.inner_text("[data-test=attention-reason]")
