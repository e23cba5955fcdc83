"""Every screen of the helper's app passes axe-core's WCAG 2 A/AA rules at 360 px, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import ROOT, LiveServer

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def violations(page: Any) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
            return r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`);
        }"""
    )
    return list(found)


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_helper_screens_have_no_axe_violations(live_server: LiveServer, phone: Any, locale: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    server = live_server
    page = phone(locale=locale, bypass_csp=True).new_page()  # axe injects an inline script
    page.goto(server.url + "/")
    page.wait_for_selector("form.login")
    problems = {"login": violations(page)}
    steps.signed_in(page, server, "helper1")
    person = server.ids["person:王芳"]
    screens = {
        "today": "#/today",
        "search": "#/search?q=王",
        "household": f"#/household/{server.ids['shared_household']}",
        "person": f"#/person/{person}",
        "visit form": f"#/visit/new?household={server.ids['shared_household']}&person={person}",
        "recommend": f"#/recommend/{server.ids['person:李杰']}",
        "settings": "#/settings",
    }
    for name, route in screens.items():
        steps.go(page, route)
        page.wait_for_selector("main h1")
        page.wait_for_timeout(150)
        problems[name] = violations(page)
    assert {k: v for k, v in problems.items() if v} == {}
