#!/usr/bin/env python3
"""Screenshots of the helper's phone app at 360 px, so the pictures in docs/ stay current.

    .venv/bin/python scripts/screenshots.py                 # own server with the demo data
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:5000   # a running demo

Writes docs/screenshots/{today,person,call-log,guidance,visit-form,register,search,settings}.png
(简体中文) and today-en.png, each the whole screen of a 360 px wide phone. (The duplicate warning,
the edit form and the printed report are taken by their browser tests with
DOORSTEP_SCREENSHOTS=1: tests/e2e/test_register.py, test_reports_print.py.) Needs the built PWA (`npm run build`) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "doorstep-demo"


@contextmanager
def demo_server() -> Iterator[str]:
    """The real app on a free port, seeded with the demo world in a temp SQLite file."""
    from werkzeug.serving import make_server

    from server import create_app
    from server.demo_data.generator import seed_demo
    from server.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({
            "DOORSTEP_ENV": "demo",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/screenshots.sqlite",
            "SECRET_KEY": "screenshots-secret-key-that-is-long-enough-0123",
            "JWT_SECRET_KEY": "screenshots-jwt-secret-key-that-is-long-enough",
            "RATELIMIT_ENABLED": False,
        })
        with app.app_context():
            db.create_all()
            seed_demo()
            db.session.remove()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()


def shoot(page: Any, name: str) -> None:
    """The whole screen: grow the viewport to the content so fixed bars sit where a phone shows them."""
    height = page.evaluate("document.scrollingElement.scrollHeight")
    page.set_viewport_size({"width": 360, "height": max(740, min(height, 1500))})
    page.wait_for_timeout(200)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 360, "height": 740})
    print(f"wrote {path.relative_to(ROOT)}")


def take(url: str, username: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for locale, suffix in (("zh-CN", ""), ("en-US", "-en")):
            context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, locale=locale)
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # "discard this draft?" when moving on
            page.goto(url + "/")
            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("form.login button[type=submit]")
            page.wait_for_selector(".today", timeout=60_000)
            page.wait_for_selector('#syncbar[data-phase="idle"]', timeout=60_000)
            shoot(page, f"today{suffix}")
            if suffix:
                context.close()
                continue
            page.click("[data-test=due-item] >> nth=0")
            page.click("[data-test=member] >> nth=0")
            page.wait_for_selector(".person")
            shoot(page, "person")
            person_hash = page.evaluate("location.hash")
            page.click("[data-test=log-call]")
            page.locator("[data-test=call-log]").scroll_into_view_if_needed()
            shoot(page, "call-log")
            page.click("[data-test=guidance-link]")
            page.wait_for_selector("[data-test=guidance-summary]")
            shoot(page, "guidance")
            page.goto(url + "/" + person_hash)
            page.wait_for_selector(".person")
            page.click(".person [data-test=record-visit]")
            page.wait_for_selector("form.visit-form")
            page.fill("#notes", "入户走访：本人在家，了解求职意向，修改简历，推荐两个岗位。")
            for service in ("heart_to_heart", "cv_revision", "job_recommendation"):
                page.check(f'input[name="services"][value="{service}"]')
            shoot(page, "visit-form")
            page.goto(url + "/#/household/new")
            page.wait_for_selector("form")
            shoot(page, "register")
            page.goto(url + "/#/search")
            page.fill("input[type=search]", "lj")
            page.wait_for_timeout(1500)  # pinyin loads with the search screen
            shoot(page, "search")
            page.goto(url + "/#/settings")
            page.wait_for_selector("[data-test=devices-link]")
            shoot(page, "settings")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running Doorstep server (default: start one with demo data)")
    parser.add_argument("--user", default="helper1", help="helper to log in as (demo password)")
    args = parser.parse_args()
    if not (ROOT / "pwa" / "dist" / "index.html").is_file():
        sys.exit("pwa/dist is missing: run `npm run build` first")
    if args.url:
        take(args.url.rstrip("/"), args.user)
    else:
        with demo_server() as url:
            take(url, args.user)


if __name__ == "__main__":
    main()
