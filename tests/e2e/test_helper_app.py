"""The helper's phone app in real Chromium: the five scenarios of issue 4."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def visits_with(server: LiveServer, notes: str) -> int:
    from server.models import Visit

    return server.query(lambda: Visit.query.filter_by(notes=notes).count())


def status_of(server: LiveServer, person_id: str) -> str:
    import uuid

    from server.extensions import db
    from server.models import Person

    return server.query(lambda: db.session.get(Person, uuid.UUID(person_id)).status)


def test_a_day_offline_loses_nothing(live_server: LiveServer, phone: Any) -> None:
    """Log in and sync online; offline: reload, record two visits, close, reopen; online: both arrive once."""
    server = live_server
    context = phone()
    page = context.new_page()
    steps.log_in(page, server, "helper1")
    steps.wait_ready(page)
    steps.wait_controlled(page)
    steps.wait_synced(page)

    context.set_offline(True)
    page.reload()
    steps.wait_ready(page)  # the shell came from the service worker, the data from IndexedDB
    assert "Offline since" in steps.bar_text(page)

    shared = server.ids["shared_household"]
    first, second = steps.unique("First visit: both at home"), steps.unique("Second visit: phone call")
    context.grant_permissions(["geolocation"], origin=server.url)
    context.set_geolocation({"latitude": 31.2989, "longitude": 121.5036, "accuracy": 12})
    steps.record_visit(page, shared, first, status={server.ids["person:王芳"]: "employed"},
                       services=["job_recommendation"], gps=True)
    steps.record_visit(page, server.ids["h1_household"], second)
    steps.expect_pending(page, 3)  # two visits and one status transition
    page.close()

    page = context.new_page()
    page.goto(server.url + f"/#/household/{shared}")
    page.wait_for_selector(f"text={first}")
    steps.go(page, f"#/person/{server.ids['person:王芳']}")
    page.wait_for_selector('[data-test="status"][data-status="employed"]')
    steps.expect_pending(page, 3)

    context.set_offline(False)
    steps.wait_synced(page)
    assert visits_with(server, first) == 1
    assert visits_with(server, second) == 1
    visit = server.api("GET", f"/api/visits?household_id={shared}", server.token("helper1"))
    located = [v for v in visit["items"] if v["notes"] == first]
    assert located and located[0]["accuracy_m"] == 12 and abs(located[0]["lat"] - 31.2989) < 1e-6
    assert status_of(server, server.ids["person:王芳"]) == "employed"
    # Syncing again changes nothing on the server.
    steps.sync_now(page)
    steps.wait_synced(page)
    assert visits_with(server, first) == 1


def two_helpers_in_conflict(server: LiveServer, phone: Any) -> list[Any]:
    """helper1 and helper2 (a pair on the shared household) both change 王芳's status offline,
    differently; after both sync, both phones show the one conflict."""
    person = server.ids["person:王芳"]
    shared = server.ids["shared_household"]
    pages = []
    contexts = []
    for username in ("helper1", "helper2"):
        context = phone()
        page = context.new_page()
        steps.log_in(page, server, username)
        steps.wait_ready(page)
        steps.wait_synced(page)
        contexts.append(context)
        pages.append(page)

    for context in contexts:
        context.set_offline(True)
    steps.record_visit(pages[0], shared, steps.unique("Found an internship"), status={person: "internship"})
    steps.record_visit(pages[1], shared, steps.unique("Signed a contract"), status={person: "employed"})

    for context, page in zip(contexts, pages, strict=True):
        context.set_offline(False)
        steps.wait_synced(page)
    for page in pages:  # the first to push learns of the conflict on its next pull
        steps.sync_now(page)
        steps.wait_synced(page)
        page.wait_for_selector('#syncbar[data-conflicts="1"]')
        steps.go(page, "#/today")
        page.wait_for_selector('[data-test="conflict"]')
    return pages


def test_two_helpers_conflict_then_supervisor_resolves(live_server: LiveServer, phone: Any) -> None:
    """Both change the same person's status offline; both see the conflict; the supervisor decides."""
    server = live_server
    person = server.ids["person:王芳"]
    pages = two_helpers_in_conflict(server, phone)

    token = server.token("supervisor1")
    conflicts = server.api("GET", "/api/conflicts?state=open", token)
    items = conflicts["items"] if isinstance(conflicts, dict) else conflicts
    assert len(items) == 1
    conflict = items[0]
    internship = next(c for c in conflict["candidates"] if c["to"] == "internship")
    server.api("POST", f"/api/conflicts/{conflict['id']}/resolve", token, {"choice": internship["op_id"], "comment": "checked with her"})

    for page in pages:
        steps.sync_now(page)
        steps.wait_synced(page)
        page.wait_for_selector('#syncbar[data-conflicts="0"]')
        steps.go(page, f"#/person/{person}")
        page.wait_for_selector('[data-test="status"][data-status="internship"]')
    assert status_of(server, person) == "internship"


def test_an_update_keeps_the_outbox(live_server: LiveServer, phone: Any) -> None:
    """A new version is deployed while ops wait; the helper applies it; the ops survive and sync."""
    server = live_server
    context = phone()
    page = context.new_page()
    steps.log_in(page, server, "helper1")
    steps.wait_ready(page)
    steps.wait_controlled(page)
    steps.wait_synced(page)
    old_version = page.get_attribute('meta[name="doorstep-version"]', "content")

    page.route("**/api/sync/**", lambda route: route.abort("internetdisconnected"))
    notes = steps.unique("Recorded before the update")
    steps.record_visit(page, server.ids["h1_household"], notes)
    steps.expect_pending(page, 1)

    new_version = server.deploy_new_version("v2")
    page.reload()  # a navigation makes the browser look for a new service worker
    page.wait_for_selector("[data-test=apply-update]", timeout=30_000)
    steps.expect_pending(page, 1)
    assert page.get_attribute('meta[name="doorstep-version"]', "content") == old_version
    page.click("[data-test=apply-update]")
    page.wait_for_function(
        "v => document.querySelector('meta[name=doorstep-version]')?.content === v", arg=new_version, timeout=30_000
    )
    page.wait_for_selector(f"text={notes}")  # the same screen, now on the new version
    steps.expect_pending(page, 1)
    assert visits_with(server, notes) == 0

    page.unroute("**/api/sync/**")
    steps.sync_now(page)
    steps.wait_synced(page)
    assert visits_with(server, notes) == 1


def test_expired_token_offline_pushes_after_login(server_factory: Any, phone: Any) -> None:
    """The session runs out while offline; the outbox is kept and pushed after logging in again."""
    from datetime import timedelta

    server = server_factory(JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=4), JWT_REFRESH_TOKEN_EXPIRES=timedelta(seconds=8))
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")

    context.set_offline(True)
    notes = steps.unique("Written while the session ran out")
    steps.record_visit(page, server.ids["h1_household"], notes)
    time.sleep(9)  # both tokens are now expired
    context.set_offline(False)
    page.wait_for_selector("#syncbar[data-phase=auth]", timeout=30_000)
    steps.expect_pending(page, 1)
    assert visits_with(server, notes) == 0

    page.click("#syncbar button")
    assert page.input_value("#username") == "helper1"
    page.wait_for_selector('[data-test=login-pending][data-pending="1"]')
    page.fill("#password", "doorstep-demo")
    page.click("form.login button[type=submit]")
    steps.wait_synced(page)
    assert visits_with(server, notes) == 1


def test_first_sync_resumes_where_it_stopped(server_factory: Any, phone: Any) -> None:
    """The first sync is cut halfway; it continues from the stored cursor, not from zero."""

    def big_caseload() -> dict[str, str]:
        from server.extensions import db
        from tests.factories import make_household, make_person, make_world

        world = make_world()
        for i in range(60):
            household = make_household(world.committees[i % 2], world.helper1, address=f"凉城新村{i + 1}号")
            make_person(household, f"居民{i + 1}", category="unemployed_seeking")
        db.session.commit()
        return {"helper1": str(world.helper1.id)}

    server = server_factory(seed=big_caseload)
    context = phone()
    page = context.new_page()
    cursors: list[str] = []
    state: dict[str, Any] = {"pages": 0}

    def pull(route: Any) -> None:
        from urllib.parse import parse_qs, urlencode, urlparse

        url = urlparse(route.request.url)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        state["pages"] += 1
        if state["pages"] == 4:  # the signal drops after three pages
            state["cut_at"] = query.get("cursor", "")
            route.abort("internetdisconnected")
            return
        cursors.append(query.get("cursor", ""))
        query["limit"] = "20"
        route.continue_(url=url._replace(query=urlencode(query)).geturl())

    page.route("**/api/sync/pull*", pull)
    steps.log_in(page, server, "helper1")
    page.wait_for_selector("[data-test=first-sync-progress]")
    steps.wait_ready(page)
    steps.wait_synced(page)

    assert cursors.count("") == 1, cursors  # only the very first request started from zero
    assert len(cursors) == len(set(cursors)), cursors  # no page was fetched twice
    assert cursors[3] == state["cut_at"] != "", cursors  # the retry asked for the page that was cut
    steps.go(page, "#/search?q=居民60")
    page.wait_for_selector("[data-test=person-result]")


def test_logout_warns_and_another_user_never_touches_unsynced_work(live_server: LiveServer, phone: Any) -> None:
    """Logout refuses while ops wait unless confirmed; a second user on the phone cannot see or
    delete them; when the first user logs in again, they are pushed."""
    server = live_server
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")

    context.set_offline(True)
    notes = steps.unique("Unsynced work of helper1")
    steps.record_visit(page, server.ids["h1_household"], notes)

    dialogs: list[str] = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    steps.go(page, "#/settings")
    page.click("[data-test=logout]")
    for _ in range(50):  # the app counts what waits (outbox, parked ops, drafts) before it asks
        if dialogs:
            break
        page.wait_for_timeout(100)
    assert dialogs and "1" in dialogs[0]
    page.wait_for_selector("[data-test=logout]")  # still signed in
    page.once("dialog", lambda d: d.accept())
    page.click("[data-test=logout]")
    page.wait_for_selector("form.login [data-test=others-parked]")  # "someone's work is kept here"

    context.set_offline(False)
    steps.signed_in(page, server, "helper2")
    steps.go(page, f"#/household/{server.ids['h1_household']}")
    page.wait_for_selector("main h1")
    assert notes not in page.inner_text("main")  # not helper2's household, and not their outbox
    assert visits_with(server, notes) == 0
    page.once("dialog", lambda d: d.accept())
    steps.go(page, "#/settings")
    page.click("[data-test=logout]")
    page.wait_for_selector("form.login")

    steps.signed_in(page, server, "helper1")
    assert visits_with(server, notes) == 1


def test_a_helper_resolves_a_conflict_seeing_both_sides(live_server: LiveServer, phone: Any) -> None:
    """On the phone: open the conflict, see both values, keep one with a comment; both converge."""
    server = live_server
    person = server.ids["person:王芳"]
    pages = two_helpers_in_conflict(server, phone)
    helper1 = pages[0]
    helper1.click('[data-test="conflict"]')
    sides = helper1.locator('[data-test="conflict-side"]')
    expect(sides).to_have_count(2)  # the view renders after reading IndexedDB
    text = sides.all_inner_texts()
    assert any("Internship" in t for t in text) and any("Employed" in t for t in text)
    helper1.fill("#comment", "She starts the internship on Monday")
    sides.filter(has_text="Internship").locator("button").click()
    helper1.wait_for_selector('#syncbar[data-conflicts="0"]')  # saved on the phone, shown at once
    steps.wait_synced(helper1)

    def conflict_state() -> str:
        from server.models.sync import ConflictRecord

        return server.query(lambda: ConflictRecord.query.one().state)

    assert conflict_state() == "resolved"
    assert status_of(server, person) == "internship"
    for page in pages:
        steps.sync_now(page)
        steps.wait_synced(page)
        page.wait_for_selector('#syncbar[data-conflicts="0"]')
        steps.go(page, f"#/person/{person}")
        page.wait_for_selector('[data-test="status"][data-status="internship"]')


def test_two_tabs_one_leader_nothing_pushed_twice(live_server: LiveServer, phone: Any) -> None:
    """Two tabs of the app: one leads the sync (Web Locks); a visit saved in the other shows in
    both and reaches the server exactly once."""
    server = live_server
    context = phone()
    first = context.new_page()
    steps.signed_in(first, server, "helper1")
    second = context.new_page()
    second.goto(server.url + "/#/today")
    steps.wait_ready(second)

    pushes: list[str] = []
    for page in (first, second):
        page.on("request", lambda r: pushes.append(r.url) if r.url.endswith("/api/sync/push") else None)
    notes = steps.unique("Saved in the second tab")
    steps.record_visit(second, server.ids["h1_household"], notes)
    steps.wait_synced(second)
    steps.go(first, f"#/household/{server.ids['h1_household']}")
    first.wait_for_selector(f"text={notes}")
    steps.wait_synced(first)
    assert visits_with(server, notes) == 1
    assert len(pushes) == 1, pushes


def add_attempts(server: LiveServer, person_id: str, moves: list[list[str]]) -> None:
    """Recommendations for `person_id` that went through each list of moves in the last weeks."""
    import uuid
    from datetime import timedelta

    from server.extensions import db
    from server.models import Recommendation, utcnow
    from tests.factories import make_job

    def add() -> None:
        for n, path in enumerate(moves):
            start = utcnow() - timedelta(days=10 * (n + 1))
            history = [{"from": path[i - 1] if i else None, "to": to,
                        "at": (start + timedelta(days=i)).isoformat(), "by": None}
                       for i, to in enumerate(path)]
            db.session.add(Recommendation(
                id=uuid.uuid4(), person_id=uuid.UUID(person_id), job_id=make_job(title=f"岗位{n}").id,
                reasons="fits", match={}, state=path[-1], history=history, stamps={}))
        db.session.commit()

    server.query(add)


def test_today_lists_who_needs_targeted_help(live_server: LiveServer, phone: Any) -> None:
    """Three jobs tried in 90 days without a hire: the person is on Today (from the pulled
    history, so also offline), after the follow-ups, and the card opens their file."""
    server = live_server
    person = server.ids["person:李杰"]
    applied = ["recommended", "interested", "applied"]
    add_attempts(server, person, [applied, [*applied, "interview"], [*applied, "rejected"]])
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    context.set_offline(True)
    steps.go(page, "#/search")
    steps.go(page, "#/today")
    item = page.wait_for_selector('[data-test="struggling-item"]')
    assert item.get_attribute("href") == f"#/person/{person}"
    assert "李杰" in item.inner_text() and "3 applied, 1 interviews, 1 not hired" in item.inner_text()
    assert page.locator('[data-test="struggling-item"]').count() == 1
    order = page.eval_on_selector_all(".today section h2", "hs => hs.map((h) => h.id)")
    assert order[-2:] == ["h-due", "h-struggling"], order
    item.click()
    page.wait_for_url(f"**/#/person/{person}")
    context.set_offline(False)
