"""The core offline story in WebKit (issue 14 item 6): log in, first sync, lose the network,
record a visit, reload (the service worker serves the shell, IndexedDB the data), get the
network back, and the visit reaches the server once."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import func, select

from tests.e2e.conftest import PASSWORD

pytestmark = pytest.mark.e2e

SYNCED = '#syncbar[data-phase="idle"][data-pending="0"]'


def until(driver: Any, script: str, *args: Any, timeout: float = 30) -> Any:
    """Poll a JS expression (`return ...`) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            seen = driver.execute_script(
                "return [location.hash, JSON.stringify(document.querySelector('#syncbar')?.dataset),"
                " document.body.innerText.slice(0, 400)]")
            raise AssertionError(f"still false after {timeout} s: {script} {args}; page: {seen}")
        time.sleep(0.1)


def shown(driver: Any, selector: str, timeout: float = 30) -> None:
    until(driver, "return document.querySelector(arguments[0]) !== null", selector, timeout=timeout)


def pending(driver: Any) -> int:
    return int(driver.execute_script("return document.querySelector('#syncbar')?.dataset.pending || 0"))


def visits_with(server: Any, notes: str) -> int:
    from server.extensions import db
    from server.models import Visit

    return int(server.query(lambda: db.session.scalar(select(func.count()).where(Visit.notes == notes))))


def test_a_visit_recorded_offline_in_webkit_reaches_the_server(webkit: Any, proxied: Any) -> None:
    server, proxy = proxied
    webkit.get(proxy.url + "/")
    shown(webkit, "#username")
    webkit.find_element(By.ID, "username").send_keys("helper1")
    webkit.find_element(By.ID, "password").send_keys(PASSWORD)
    webkit.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    shown(webkit, ".today")  # the first sync is done
    until(webkit, "return navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    shown(webkit, SYNCED)

    proxy.go_offline()
    notes = f"Recorded offline in WebKit {uuid.uuid4().hex[:8]}"
    webkit.execute_script("location.hash = arguments[0]", f"#/visit/new?household={server.ids['h1_household']}")
    shown(webkit, "form.visit-form")
    webkit.find_element(By.ID, "notes").send_keys(notes)
    webkit.find_element(By.CSS_SELECTOR, "[data-test=save-visit]").click()
    until(webkit, "return Number(document.querySelector('#syncbar')?.dataset.pending || 0) === 1")

    webkit.refresh()  # offline: the shell from the service worker, the visit from IndexedDB
    until(webkit, "return document.querySelector('#syncbar')?.dataset.phase === 'offline'")
    household = f"#/household/{server.ids['h1_household']}"
    webkit.execute_script("location.hash = arguments[0]", household)
    until(webkit, "return document.body.innerText.includes(arguments[0])", notes)  # its timeline
    assert pending(webkit) == 1
    assert visits_with(server, notes) == 0

    proxy.go_online()
    webkit.execute_script("location.hash = '#/settings'")
    shown(webkit, "[data-test=sync-now]")
    # A tap by script: at 360 px the sticky bars may sit over the button for WebDriver's click.
    webkit.execute_script("document.querySelector('[data-test=sync-now]').click()")
    shown(webkit, SYNCED)
    assert visits_with(server, notes) == 1, refused(server)


def refused(server: Any) -> list[tuple[str, str]]:
    """What the server set aside, to say why a visit did not arrive."""
    from server.extensions import db
    from server.models import QuarantinedOp

    rows = server.query(lambda: db.session.execute(select(QuarantinedOp.code, QuarantinedOp.message)).all())
    return [(code, message) for code, message in rows]
