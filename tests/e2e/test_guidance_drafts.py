"""The guidance steps and form drafts in real Chromium at 360 px (issue 10, items 3 and 6).

A helper half-types a step, reloads: the draft is back; the back button and Cancel ask before
throwing it away. Offline she fills the three steps (an assessment, a goal, a plan of dated
actions); online, the server's file has exactly that and the step it reached.
"""

from __future__ import annotations

import subprocess
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import ROOT, LiveServer
from tests.e2e.test_accessibility import AXE, violations

pytestmark = pytest.mark.e2e

#: The draft kept under `key` in the signed-in user's partition, as stored (sealed by the vault:
#: only `key` and `saved_at` are in the clear), or null.
DRAFT = """async (key) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(`doorstep-user-${globalThis.doorstep.session.user.id}`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const draft = await new Promise((r) => { const q = db.transaction('drafts').objectStore('drafts').get(key); q.onsuccess = () => r(q.result ?? null); });
  db.close();
  return draft;
}"""


def draft_of(page: Any, key: str) -> Any:
    return page.evaluate(DRAFT, key)


def wait_draft(page: Any, key: str, check: Any, timeout_ms: int = 10_000) -> Any:
    """Poll the partition until the draft under `key` satisfies `check`."""
    waited = 0
    while True:
        draft = draft_of(page, key)
        if check(draft):
            return draft
        assert waited < timeout_ms, f"draft {key} is {draft}"
        page.wait_for_timeout(100)
        waited += 100


def person_file(server: LiveServer, person_id: str) -> Any:
    from server.extensions import db
    from server.models import Person

    def read() -> Any:
        p = db.session.get(Person, uuid.UUID(person_id))
        assert p is not None
        return {"step": p.guidance_step, "know": p.guidance_know, "adjust": p.guidance_adjust,
                "promote": p.guidance_promote}

    return server.query(read)


def open_guidance(page: Any, person_id: str) -> None:
    steps.go(page, f"#/person/{person_id}/guidance")
    page.wait_for_selector("[data-test=form-know]")


def test_a_half_typed_step_survives_a_reload_and_leaving_asks_first(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    person = server.ids["person:王芳"]
    key = f"guidance.know:{person}"
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    open_guidance(page, person)

    know = page.locator("[data-test=form-know]")
    know.locator("textarea[name=wishes]").fill("离家近的文员工作")
    know.locator("input[value=in_progress]").check()
    wait_draft(page, key, lambda d: d is not None)
    page.wait_for_timeout(600)  # the typing is written debounced: let the last write land

    page.reload()
    page.wait_for_selector("[data-test=form-know] [data-test=draft-notice]:visible")
    know = page.locator("[data-test=form-know]")
    expect(know.locator("[data-test=draft-notice]")).to_contain_text("Draft restored from")
    expect(know.locator("textarea[name=wishes]")).to_have_value("离家近的文员工作")
    expect(know.locator("input[value=in_progress]")).to_be_checked()

    # Back: she is asked, says no, and stays with her typing.
    asked: list[str] = []

    def answer(yes: bool) -> Any:
        def on_dialog(dialog: Any) -> None:
            asked.append(dialog.message)
            if yes:
                dialog.accept()
            else:
                dialog.dismiss()
        return on_dialog

    page.once("dialog", answer(False))
    page.go_back()
    page.wait_for_function("() => location.hash.endsWith('/guidance')")
    page.wait_for_timeout(300)
    assert asked == ["Discard this draft? What you typed will be lost."]
    expect(know.locator("textarea[name=wishes]")).to_have_value("离家近的文员工作")
    assert draft_of(page, key) is not None

    # Cancel: asked again; yes throws the draft away and opens the file.
    page.once("dialog", answer(True))
    know.locator("[data-test=cancel-know]").click()
    page.wait_for_function(f"() => location.hash === '#/person/{person}'")
    assert len(asked) == 2
    wait_draft(page, key, lambda d: d is None)

    open_guidance(page, person)
    expect(page.locator("[data-test=form-know] textarea[name=wishes]")).to_have_value("")
    expect(page.locator("[data-test=form-know] [data-test=draft-notice]")).to_be_hidden()
    # An untouched form leaves without a word.
    page.go_back()
    page.wait_for_function(f"() => location.hash === '#/person/{person}'")
    assert len(asked) == 2


def test_three_steps_filled_offline_reach_the_server(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    person = server.ids["person:王芳"]
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.wait_controlled(page)
    context.set_offline(True)
    open_guidance(page, person)
    expect(page.locator("[data-test=guidance-summary]")).to_have_text("Step 1 of 3 · Know the person")

    know = page.locator("[data-test=form-know]")
    know.locator("input[value=done]").check()
    know.locator("textarea[name=experience]").fill("两年超市收银")
    know.locator("textarea[name=situation]").fill("母亲生病，需照顾，只能做白班")
    know.locator("textarea[name=wishes]").fill("离家近的文员工作")
    know.locator("textarea[name=pay_expectation]").fill("4000 左右")
    know.locator("[data-test=save-know]").click()
    expect(page.locator("[data-test=guidance-summary]")).to_have_text("Step 2 of 3 · Adjust the goal")
    expect(page.locator("[data-test=state-know]")).to_have_text("Done")

    adjust = page.locator("[data-test=form-adjust]")
    adjust.locator("input[value=done]").check()
    adjust.locator("textarea[name=goal]").fill("社区文员")
    adjust.locator("textarea[name=strengths]").fill("细心，会 Excel")
    adjust.locator("textarea[name=weaknesses]").fill("面试紧张")
    adjust.locator("textarea[name=training_suggested]").fill("办公软件培训")
    adjust.locator("[data-test=save-adjust]").click()
    expect(page.locator("[data-test=guidance-summary]")).to_have_text("Step 3 of 3 · Promote employment")

    promote = page.locator("[data-test=form-promote]")
    promote.locator("input[value=in_progress]").check()
    promote.locator("[data-test=new-action]").fill("改简历")
    promote.locator("[data-test=add-action]").click()
    promote.locator("[data-test=new-action]").fill("陪同参加招聘会")
    promote.locator("input[name=new_action_date]").fill("2099-01-05")
    promote.locator("[data-test=add-action]").click()
    expect(promote.locator("[data-test=plan-action]")).to_have_count(2)
    promote.locator("[data-test=plan-action]").first.locator("[data-test=plan-done]").check()
    promote.locator("[data-test=save-promote]").click()
    expect(page.locator("[data-test=guidance-summary]")).to_contain_text("1 of 2 actions done · next: 陪同参加招聘会")
    # know and adjust each moved the step on: two ops each; promote only its own.
    steps.expect_pending(page, 5)
    assert person_file(server, person)["know"] is None

    context.set_offline(False)
    steps.wait_synced(page)
    on_server = person_file(server, person)
    assert on_server["step"] == "promote"
    assert on_server["know"] == {"state": "done", "date": on_server["know"]["date"], "experience": "两年超市收银",
                                 "situation": "母亲生病，需照顾，只能做白班", "wishes": "离家近的文员工作",
                                 "pay_expectation": "4000 左右"}
    assert on_server["adjust"]["goal"] == "社区文员" and on_server["adjust"]["state"] == "done"
    plan = on_server["promote"]["plan"]
    assert [(a["action"], bool(a["done_on"])) for a in plan] == [("改简历", True), ("陪同参加招聘会", False)]
    assert plan[1]["date"] == "2099-01-05"
    # Nothing is left to restore: every step was saved.
    for step in ("know", "adjust", "promote"):
        assert draft_of(page, f"guidance.{step}:{person}") is None


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_guidance_screen_passes_axe_with_a_plan_and_a_restored_draft(live_server: LiveServer, phone: Any,
                                                                         locale: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    server = live_server
    person = server.ids["person:王芳"]
    page = phone(locale=locale, bypass_csp=True).new_page()  # axe injects an inline script
    steps.signed_in(page, server, "helper1")
    open_guidance(page, person)
    page.locator("[data-step=know] > summary").click()  # fold know, open promote
    page.locator("[data-step=promote] > summary").click()
    promote = page.locator("[data-test=form-promote]")
    promote.locator("[data-test=new-action]").fill("陪同参加招聘会")
    promote.locator("[data-test=add-action]").click()
    wait_draft(page, f"guidance.promote:{person}", lambda d: d is not None)
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector("[data-test=form-promote] [data-test=draft-notice]:visible")
    expect(promote.locator("[data-test=plan-action]")).to_have_count(1)
    assert violations(page) == []


#: A form with every kind of field a draft keeps, typed into, closed, opened again.
EVERY_FIELD = r"""async () => {
  const { keepDraft, readFields, openUserDb, loadDraft } = globalThis.draftHarness;
  const db = await openUserDb('harness');
  const ctx = { replica: { db }, nav: (path) => { location.hash = `#${path}`; } };
  const build = () => {
    const form = document.createElement('form');
    form.innerHTML = `
      <input name="name" value="">
      <textarea name="notes"></textarea>
      <select name="channel"><option value="home_visit" selected>a</option><option value="phone">b</option></select>
      <select name="tags" multiple><option value="x">x</option><option value="y">y</option><option value="z">z</option></select>
      <input type="checkbox" name="services" value="cv_revision">
      <input type="checkbox" name="services" value="job_recommendation">
      <input type="checkbox" name="services" value="mock_interview">
      <input type="checkbox" name="consent">
      <input type="radio" name="outcome" value="met" checked>
      <input type="radio" name="outcome" value="no_answer">
      <input type="date" name="when">
      <input name="phones" value="13800000001"><input name="phones" value="">
      <input type="hidden" name="household" value="hh-1">
      <button type="submit">save</button>`;
    document.body.append(form);
    return form;
  };
  const typeInto = (form) => {
    const set = (sel, fn, i = 0) => { const el = form.querySelectorAll(sel)[i]; fn(el); el.dispatchEvent(new Event('input', { bubbles: true })); };
    set('[name=name]', (el) => { el.value = '王芳'; });
    set('[name=notes]', (el) => { el.value = '上门走访，\n母亲在家'; });
    set('[name=channel]', (el) => { el.value = 'phone'; });
    set('[name=tags]', (el) => { el.options[0].selected = true; el.options[2].selected = true; });
    set('[value=cv_revision]', (el) => { el.checked = true; });
    set('[value=mock_interview]', (el) => { el.checked = true; });
    set('[name=consent]', (el) => { el.checked = true; });
    set('[value=no_answer]', (el) => { el.checked = true; });
    set('[name=when]', (el) => { el.value = '2026-11-30'; });
    set('[name=phones]', (el) => { el.value = '021-5555'; }, 1);
  };
  const first = build();
  const pristine = readFields(first);
  const one = keepDraft(ctx, first, 'harness:1', { debounceMs: 20, ask: async () => true });
  await one.ready;
  const cleanBefore = !one.dirty();
  typeInto(first);
  const typed = readFields(first);
  await new Promise((r) => setTimeout(r, 100));
  await one.flush();
  first.remove();

  const second = build();
  const two = keepDraft(ctx, second, 'harness:1', { ask: async () => true });
  const restored = await two.ready;
  const back = readFields(second);
  const notice = second.querySelector('[data-test=draft-notice]').textContent;
  const dirtyAfterRestore = two.dirty();
  await two.discard();
  const afterDiscard = readFields(second);
  const kept = await loadDraft(db, 'harness:1');
  db.close();
  return { cleanBefore, typed, restored, back, notice, dirtyAfterRestore, pristine, afterDiscard, kept };
}"""


def test_a_draft_keeps_every_kind_of_field(live_server: LiveServer, phone: Any) -> None:
    bundle = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "esbuild"), str(ROOT / "tests" / "e2e" / "draft_form_harness.js"),
         "--bundle", "--format=iife", "--log-level=warning"], check=True, capture_output=True, text=True).stdout
    page = phone(bypass_csp=True).new_page()  # the harness is an inline script
    page.goto(live_server.url + "/")
    page.wait_for_selector("form.login")
    page.add_script_tag(content=bundle)
    seen = page.evaluate(EVERY_FIELD)
    assert seen["cleanBefore"]
    assert seen["typed"] == {
        "name": "王芳", "notes": "上门走访，\n母亲在家", "channel": "phone", "tags": ["x", "z"],
        "services": ["cv_revision", "mock_interview"], "consent": ["on"], "outcome": "no_answer",
        "when": "2026-11-30", "phones": ["13800000001", "021-5555"], "household": "hh-1",
    }
    assert seen["restored"] and seen["back"] == seen["typed"]
    assert seen["notice"].startswith("Draft restored from") and seen["notice"].endswith("Discard draft")
    assert seen["dirtyAfterRestore"]
    assert seen["afterDiscard"] == seen["pristine"] and seen["kept"] is None
