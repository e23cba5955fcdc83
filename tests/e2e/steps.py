"""What a helper does on the phone, as small steps the scenarios are written in."""

from __future__ import annotations

import re
import uuid
from typing import Any

from tests.e2e.conftest import PASSWORD, LiveServer

SYNCED = '#syncbar[data-phase="idle"][data-pending="0"]'


def log_in(page: Any, server: LiveServer, username: str) -> None:
    page.goto(server.url + "/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")


def wait_ready(page: Any) -> None:
    """The first sync is done and Today is showing."""
    page.wait_for_selector(".today", timeout=30_000)


def signed_in(page: Any, server: LiveServer, username: str) -> None:
    """Log in and wait until the first sync is done, Today shows and the sync bar says synced."""
    log_in(page, server, username)
    wait_ready(page)
    wait_synced(page)


def wait_controlled(page: Any) -> None:
    """The service worker controls the page (only then does offline reload work)."""
    page.wait_for_function("() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=30_000)


def wait_synced(page: Any, timeout: int = 30_000) -> None:
    page.wait_for_selector(SYNCED, timeout=timeout)


def wait_settled(page: Any, pending: int, attention: int, timeout: int = 30_000) -> None:
    """The sync bar is idle with `pending` changes waiting and `attention` set aside for the helper."""
    page.wait_for_function(
        """([p, r]) => { const b = document.querySelector('#syncbar')?.dataset;
             return b && b.phase === 'idle' && Number(b.pending) === p && Number(b.rejected) === r; }""",
        arg=[pending, attention], timeout=timeout)


def go(page: Any, route: str) -> None:
    """Navigate inside the app (no page load)."""
    page.evaluate("r => { location.hash = r; }", route)


def expect_pending(page: Any, count: int, timeout: int = 5_000) -> None:
    """The sync bar says `count` changes are waiting (it updates just after the outbox write)."""
    page.wait_for_function(
        "n => Number(document.querySelector('#syncbar')?.dataset.pending || 0) === n",
        arg=count, timeout=timeout)


def sync_now(page: Any) -> None:
    """The helper taps "Sync now" in settings."""
    go(page, "#/settings")
    page.click("[data-test=sync-now]")


def record_visit(page: Any, household_id: str, notes: str, status: dict[str, str] | None = None,
                 services: list[str] | None = None, gps: bool = False) -> None:
    go(page, f"#/visit/new?household={household_id}")
    page.wait_for_selector("form.visit-form")
    page.fill("#notes", notes)
    if gps:
        page.click("[data-test=gps]")
        page.wait_for_selector("[data-test=gps-status][data-accuracy]")
    for service in services or []:
        page.check(f'input[name="services"][value="{service}"]')
    for person_id, to in (status or {}).items():
        page.select_option(f'select[name="status-{person_id}"]', to)
    page.click("[data-test=save-visit]")
    page.wait_for_selector(f"text={notes}")


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


def bar_text(page: Any) -> str:
    return re.sub(r"\s+", " ", page.inner_text("#syncbar")).strip()
