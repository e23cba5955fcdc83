"""What the browser is told to keep and run: security headers on API answers, the app shell and
the docs page, and CSV cells no spreadsheet will evaluate (issue 8, section 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server import create_app
from server.csv_safe import safe_cell
from server.extensions import db
from server.headers import APP_CSP, DOCS_CSP
from tests.conftest import test_config

SHELL = Path(__file__).parents[2] / "pwa" / "src" / "index.html"


@pytest.fixture
def app_with(database_url, _schema):
    """`app_with(**settings)`: an app with extra settings, its connections closed after."""
    made = []

    def build(**extra):
        made.append(create_app(test_config(database_url, **extra)))
        return made[-1]

    yield build
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def shell_client(app_with, tmp_path):
    """An app serving a built shell (a copy of pwa/src/index.html) from a temp dist."""
    (tmp_path / "index.html").write_text(SHELL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    return app_with(PWA_DIST=str(tmp_path)).test_client()


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def assert_protected(resp) -> None:
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "no-referrer"
    csp = directives(resp.headers["Content-Security-Policy"])
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    assert csp["object-src"] == "'none'"


@pytest.mark.parametrize(
    ("path", "who"),
    [("/api/health", None), ("/api/auth/me", "helper"), ("/api/households", "helper"),
     ("/api/auth/me", None), ("/api/no-such-route", None)],
)
def test_every_api_answer_is_protected_and_never_stored(client, as_role, world, path, who):
    resp = client.get(path, headers=as_role(who) if who else {})
    assert_protected(resp)
    assert resp.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in resp.headers


def test_a_login_answer_is_never_stored(client, world):
    resp = client.post("/api/auth/login", json={"username": "helper1", "password": "doorstep-demo"})
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/sw.js"])
def test_the_app_shell_is_protected(shell_client, path):
    resp = shell_client.get(path)
    resp.close()  # a file sent by send_file stays open until closed
    assert resp.status_code == 200
    assert_protected(resp)
    assert resp.headers["Content-Security-Policy"] == APP_CSP
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["Cache-Control"] == "no-cache"  # the service worker owns caching


def test_the_app_shell_has_no_inline_script():
    """The CSP forbids inline script, so the shell must not need any."""
    html = SHELL.read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


def test_the_docs_page_runs_without_inline_script(client):
    resp = client.get("/api/docs")
    assert resp.status_code == 200
    assert resp.headers["Content-Security-Policy"] == DOCS_CSP
    assert_protected(resp)
    page = resp.get_data(as_text=True)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    for attrs, _ in scripts:
        src = re.search(r'src="([^"]+)"', attrs).group(1)
        asset = client.get(src)
        asset.close()
        assert asset.status_code == 200 and "javascript" in asset.mimetype, src
        assert "no-store" not in asset.headers.get("Cache-Control", "")


def test_hsts_only_when_tls_is_in_front(app_with):
    resp = app_with(TLS_IN_FRONT=True).test_client().get("/api/health")
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+86 139", "'+86 139"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("王芳", "王芳"),
        ("a=b", "a=b"),
        (-3, "-3"),
        (2.5, "2.5"),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, cell):
    assert safe_cell(value) == cell
