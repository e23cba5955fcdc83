"""The phone app under its Content-Security-Policy, and a logout that ends the session on the
server (issue 8, sections 2 and 4), in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import PASSWORD, LiveServer

pytestmark = pytest.mark.e2e

#: The screens a helper opens on a normal day.
ROUTES = ("#/today", "#/search", "#/visit/new", "#/settings")


def test_the_app_runs_under_its_csp_and_logout_ends_the_session(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone().new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(
        "addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    steps.signed_in(page, server, "helper1")
    for route in ROUTES:
        steps.go(page, route)
        page.wait_for_timeout(300)
    steps.go(page, f"#/household/{server.ids['h1_household']}")
    page.wait_for_timeout(300)
    assert not violations, violations

    from server.models import AuthSession

    def open_sessions() -> int:
        return server.query(lambda: AuthSession.query.filter(AuthSession.revoked_at.is_(None)).count())

    assert open_sessions() == 1
    steps.go(page, "#/settings")
    page.click("[data-test=logout]")
    page.wait_for_selector("form.login")
    for _ in range(50):
        if open_sessions() == 0:
            break
        page.wait_for_timeout(100)
    assert open_sessions() == 0
    assert server.query(lambda: AuthSession.query.one().revoked_reason) == "logout"


def test_a_helper_changes_their_password_and_the_other_phone_is_signed_out(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    other = server.app.test_client()
    elsewhere = other.post("/api/auth/login", json={"username": "helper1", "password": PASSWORD}).get_json()
    page = phone().new_page()
    steps.signed_in(page, server, "helper1")
    steps.go(page, "#/settings")
    page.click("details.password summary")
    page.fill("#current-password", "not-my-password")
    page.fill("#new-password", "a-brand-new-password")
    page.click("[data-test=change-password]")
    page.wait_for_selector("details.password .error:not(:empty)")
    page.fill("#current-password", PASSWORD)
    page.fill("#new-password", "a-brand-new-password")
    page.click("[data-test=change-password]")
    page.wait_for_function("() => document.querySelector('#current-password').value === ''")
    gone = other.get("/api/auth/me", headers={"Authorization": f"Bearer {elsewhere['access_token']}"})
    assert gone.status_code == 401
    steps.go(page, "#/today")
    steps.sync_now(page)
    steps.wait_synced(page)  # this phone's session goes on
    ok = other.post("/api/auth/login", json={"username": "helper1", "password": "a-brand-new-password"})
    assert ok.status_code == 200
