"""WebKit fixtures: the app server behind a proxy the test can cut, and MiniBrowser (WebKitGTK)
driven by Selenium through Debian's WebKitWebDriver, under `xvfb-run` (it has no headless mode).

Most phones in the field are not Chrome, so the core offline story runs here as well as in
Chromium (tests/e2e). `scripts/test.sh` runs this directory in its own step, under xvfb-run,
with DOORSTEP_REQUIRE_WEBKIT=1: there a missing WebKit or display is a failure, not a skip.
Elsewhere (a plain `pytest` without a display) these tests skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LiveServer, built_dist, server_factory  # noqa: F401 (fixtures)
from tests.webkit.proxy import CuttableProxy

WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER_PATHS = (
    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
    "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
    "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
)
ARTIFACTS = Path(os.environ.get("DOORSTEP_E2E_ARTIFACTS", "/tmp/doorstep-e2e"))


def _minibrowser() -> str | None:
    """MiniBrowser ships in libwebkit2gtk-4.1-0 outside PATH (`dpkg -L libwebkit2gtk-4.1-0`)."""
    configured = os.environ.get("WEBKIT_MINIBROWSER")
    candidates = (configured,) if configured else MINIBROWSER_PATHS
    return next((path for path in candidates if path and Path(path).is_file()), None)


def _unavailable(reason: str) -> None:
    if os.environ.get("DOORSTEP_REQUIRE_WEBKIT") == "1":
        pytest.fail(f"WebKit is required here: {reason}")
    pytest.skip(reason)


@pytest.fixture
def webkit(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh MiniBrowser (its own ephemeral website data) driven by Selenium."""
    browser = _minibrowser()
    if not shutil.which(WEBKIT_DRIVER) or browser is None:
        _unavailable("WebKitWebDriver or MiniBrowser missing (apt-get install webkit2gtk-driver)")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        _unavailable("no display: run under xvfb-run")
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = str(browser)
    options.add_argument("--automation")
    with warnings.catch_warnings():
        # Selenium's own WebKitGTK driver builds its connection the way it has deprecated.
        warnings.simplefilter("ignore", DeprecationWarning)
        driver = webdriver.WebKitGTK(options=options, service=Service(executable_path=WEBKIT_DRIVER))
    driver.set_window_size(360, 740)
    driver.set_script_timeout(30)
    yield driver
    if getattr(request.node, "webkit_failed", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # a crashed browser must not hide the real failure
            driver.save_screenshot(str(ARTIFACTS / f"webkit-{request.node.name}.png"))
    driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome: Any = yield
    report = outcome.get_result()
    if report.when == "call":
        item.webkit_failed = report.failed


@pytest.fixture
def proxied(server_factory: Callable[..., LiveServer]) -> Iterator[tuple[LiveServer, CuttableProxy]]:  # noqa: F811
    """The app server and, in front of it, the proxy the phone talks to."""
    server = server_factory()
    host, port = server.url.removeprefix("http://").split(":")
    proxy = CuttableProxy((host, int(port)))
    yield server, proxy
    proxy.close()
