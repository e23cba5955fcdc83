"""End-to-end fixtures: the real Flask app on a free port, and real Chromium driven by Playwright.

Each test gets its own server (a temp SQLite file, the standard `make_world()` data, and its own
copy of `pwa/dist` so a test can "deploy" a new version) and its own browser contexts (phones).
Chromium is the system one (`/usr/bin/chromium`); Playwright never downloads a browser.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "pwa" / "dist"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "doorstep-demo"


def _build(into: Path) -> Path:
    """Build the PWA from the current sources into `into` (so a build running elsewhere in the
    checkout never hands a test a half-written pwa/dist); fall back to pwa/dist without npm."""
    try:
        subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, check=True,
                       env={**os.environ, "DOORSTEP_DIST": str(into)}, stdout=subprocess.DEVNULL)
        return into
    except (OSError, subprocess.CalledProcessError):
        if not (DIST / "index.html").is_file():
            raise
        return DIST


@dataclass
class LiveServer:
    """A running Doorstep server and the ids of the standard world's rows."""

    url: str
    app: Any
    dist: Path
    ids: dict[str, str]
    _server: BaseWSGIServer
    _thread: threading.Thread
    extra: dict[str, Any] = field(default_factory=dict)

    def api(self, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
        """Call the API in-process (as another device would over HTTP), returning the JSON body."""
        client = self.app.test_client()
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.open(path, method=method, json=body, headers=headers)
        assert response.status_code < 400, (path, response.status_code, response.get_data(as_text=True))
        return response.get_json()

    def token(self, username: str) -> str:
        return str(self.api("POST", "/api/auth/login", body={"username": username, "password": PASSWORD})["access_token"])

    def query(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` in an app context (to read the database directly)."""
        from server.extensions import db

        with self.app.app_context():
            try:
                return fn()
            finally:
                db.session.remove()

    def deploy_new_version(self, tag: str) -> str:
        """Simulate a deploy: a new build version in index.html and sw.js (same app code)."""
        index = (self.dist / "index.html").read_text()
        old = re.search(r'name="doorstep-version" content="([^"]+)"', index)
        assert old, "index.html has no version"
        new_version = f"{old.group(1)}-{tag}"
        index = index.replace(old.group(0), f'name="doorstep-version" content="{new_version}"')
        (self.dist / "index.html").write_text(index)
        sw = (self.dist / "sw.js").read_text()
        sw = re.sub(r"self.__BUILD_VERSION = \"[^\"]+\";", f"self.__BUILD_VERSION = {json.dumps(new_version)};", sw)
        sw = sw.replace('"url":"/index.html","revision":"', f'"url":"/index.html","revision":"{tag}-', 1)
        (self.dist / "sw.js").write_text(sw)
        return new_version

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)
        self._server.server_close()
        with self.app.app_context():
            from server.extensions import db

            db.session.remove()
            db.engine.dispose()


def _seed() -> dict[str, str]:
    from tests.factories import make_world

    world = make_world()
    people = {p.name: str(p.id) for h in (world.h1_household, world.shared_household) for p in h.members}
    return {
        "helper1": str(world.helper1.id),
        "helper2": str(world.helper2.id),
        "h1_household": str(world.h1_household.id),
        "shared_household": str(world.shared_household.id),
        **{f"person:{name}": pid for name, pid in people.items()},
    }


@pytest.fixture(scope="session")
def built_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("pwa") / "dist")


@pytest.fixture
def server_factory(tmp_path: Path, built_dist: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start a server with config overrides: `server_factory(JWT_ACCESS_TOKEN_EXPIRES=...)`."""
    from server import create_app
    from server.extensions import db

    started: list[LiveServer] = []

    def start(seed: Callable[[], dict[str, str]] = _seed, **config: Any) -> LiveServer:
        run = tmp_path / f"server-{len(started)}"
        dist = run / "dist"
        shutil.copytree(built_dist, dist)
        app = create_app(
            {
                "DOORSTEP_ENV": "test",
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{run / 'e2e.sqlite'}",
                "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
                "JWT_SECRET_KEY": "e2e-jwt-secret-key-that-is-long-enough-0123456789",
                "PWA_DIST": str(dist),
                "RATELIMIT_ENABLED": False,
                **config,
            }
        )
        with app.app_context():
            db.create_all()
            ids = seed()
            db.session.remove()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
        thread.start()
        live = LiveServer(f"http://127.0.0.1:{server.server_port}", app, dist, ids, server, thread)
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture
def live_server(server_factory: Callable[..., LiveServer]) -> LiveServer:
    return server_factory()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


ARTIFACTS = Path(os.environ.get("DOORSTEP_E2E_ARTIFACTS", "/tmp/doorstep-e2e"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome: Any = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_failed = report.failed


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Make a phone: a fresh browser context at 360 px, English, with service workers allowed.

    When the test fails, every open page is saved as a screenshot under $DOORSTEP_E2E_ARTIFACTS.
    """
    contexts: list[Any] = []

    def make(locale: str = "en-US", bypass_csp: bool = False) -> Any:
        # bypass_csp: only for a test that injects a tool of its own (axe) into the page; the
        # app's own pages must work under the server's Content-Security-Policy.
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=1,
            locale=locale,
            service_workers="allow",
            is_mobile=False,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    if getattr(request.node, "e2e_failed", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                with contextlib.suppress(Exception):  # a crashed page must not hide the real failure
                    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}-{j}.png"), full_page=True)
    for context in contexts:
        context.close()


def uid() -> str:
    return str(uuid.uuid4())
