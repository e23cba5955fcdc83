"""A household's location, in real Chromium at 360 px with the phone's GPS faked by the browser.

A helper records a visit at the door with a good fix; the household's edit form proposes that
fix as its location and the helper takes it. A later visit logged 1 km away shows on the
supervisor's review card as far from the household; the one at the door shows its few metres.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

DOOR = {"latitude": 31.2712, "longitude": 121.5227, "accuracy": 25}
AWAY = {"latitude": 31.2812, "longitude": 121.5227, "accuracy": 25}  # 0.01° north: about 1.1 km


def test_a_visits_good_fix_becomes_the_households_location_and_far_visits_are_flagged(
        live_server: LiveServer, phone: Any) -> None:
    server = live_server
    household = server.ids["h1_household"]
    context = phone(locale="zh-CN")
    context.grant_permissions(["geolocation"], origin=server.url)
    context.set_geolocation(DOOR)
    page = context.new_page()
    steps.signed_in(page, server, "helper1")

    steps.record_visit(page, household, steps.unique("在门口"), gps=True)
    steps.go(page, f"#/household/{household}/edit")
    page.wait_for_selector("[data-test=location-proposal] [data-test=location-take]")
    page.click("[data-test=location-take]")
    assert "31.27120" in page.inner_text("[data-test=location-status]")
    page.click("[data-test=save-household]")
    page.wait_for_selector("form.edit-form", state="detached")
    steps.sync_now(page)
    steps.wait_synced(page)
    saved = server.api("GET", f"/api/households/{household}", server.token("helper1"))
    assert (round(saved["lat"], 4), round(saved["lng"], 4)) == (31.2712, 121.5227)

    # Another phone of the helper's, 1 km away (a fresh context: no fix cached from the door).
    office = phone(locale="zh-CN")
    office.grant_permissions(["geolocation"], origin=server.url)
    office.set_geolocation(AWAY)
    desk = office.new_page()
    steps.signed_in(desk, server, "helper1")
    steps.record_visit(desk, household, steps.unique("在办公室"), gps=True)
    steps.sync_now(desk)
    steps.wait_synced(desk)

    supervisor = phone(locale="zh-CN").new_page()
    steps.log_in(supervisor, server, "supervisor1")
    supervisor.wait_for_selector(".board", timeout=30_000)
    steps.go(supervisor, "#/reviews")
    supervisor.wait_for_selector("[data-test=review-distance][data-far=true]", timeout=30_000)
    far = supervisor.locator("[data-test=review-distance][data-far=true]").first.inner_text()
    assert far.startswith("距该户较远：") and far.endswith(" 米"), far
    assert 1_050 <= int("".join(ch for ch in far if ch.isdigit())) <= 1_150, far  # 0.01° of latitude
    near = supervisor.locator("[data-test=review-distance][data-far=false]").first.inner_text()
    assert near == "距该户 0 米", near


def test_the_edit_form_uses_my_location_and_shows_its_accuracy(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    household = server.ids["h1_household"]
    context = phone()
    context.grant_permissions(["geolocation"], origin=server.url)
    context.set_geolocation({**DOOR, "accuracy": 250})
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    steps.go(page, f"#/household/{household}/edit")
    page.click("[data-test=location-use]")
    page.wait_for_selector("[data-test=location-status]:has-text('within 250 m')")
    assert "only good to 250 m" in page.inner_text("[data-test=location-warn]")
