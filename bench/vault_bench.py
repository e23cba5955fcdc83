"""What does the vault cost? First sync of 500 households and opening Today, sealed and plain.

    .venv/bin/python bench/vault_bench.py            # 5 runs of each variant
    .venv/bin/python bench/vault_bench.py --runs 2   # a smoke run

Real Chromium (the system one, as tests/e2e), a 360 px phone, 4x CPU throttling
(CDP `Emulation.setCPUThrottlingRate`). One server (werkzeug, threaded, a SQLite file seeded by
`sync_bench.seed`: 500 households, 1-4 persons each with a status event, 2 visits and a note
per household, a recommendation for every other person) serves two builds of the PWA:

- `sealed`: the app as shipped (every record and op sealed with AES-GCM, the data key wrapped
  with PBKDF2-SHA256 at 600,000 iterations at login);
- `plain`: the same sources with the vault taken out (no key attached, so rows are stored in
  the clear, and 1 PBKDF2 iteration), built the same way from a copy in a temp dir.

Per run, a fresh browser context (empty IndexedDB): `first sync` = from tapping "Log in" to
Today showing with the sync bar idle; `open Today` = from a reload to Today showing again (the
replica read back, opened, and rendered). The variants alternate run by run; medians reported,
and the ratio sealed / plain (issue 14: at most 1.3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
THROTTLE = 4

#: What makes the `plain` build: the vault's key never attached, legacy sealing skipped, one
#: PBKDF2 iteration. Each must match exactly once, or the bench stops (the sources moved on).
PLAIN_PATCHES = {
    "js/local/keyring.js": ("export function attachKey(db, key) {\n  keys.set(db, { key });\n}",
                            "export function attachKey(db, key) {\n  void db; void key;\n}"),
    "js/local/vault.js": ("export async function sealLegacy(db) {\n",
                          "export async function sealLegacy(db) {\n  if (db) return 0;\n"),
    "js/local/crypto.js": ("export const PBKDF2_ITERATIONS = 600_000;", "export const PBKDF2_ITERATIONS = 1;"),
}


def build(into: Path, plain: bool, work: Path) -> Path:
    """Build the PWA into `into`, from the sources as they are or from a patched copy."""
    cwd = ROOT
    if plain:
        copy = work / "plain-src"
        shutil.copytree(ROOT / "pwa", copy / "pwa", ignore=shutil.ignore_patterns("dist", "node_modules"))
        (copy / "sync").symlink_to(ROOT / "sync")
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
        shutil.copy(ROOT / "package.json", copy / "package.json")
        for rel, (old, new) in PLAIN_PATCHES.items():
            path = copy / "pwa" / rel
            text = path.read_text()
            if text.count(old) != 1:
                raise SystemExit(f"plain build: {rel} no longer has {old!r}")
            path.write_text(text.replace(old, new))
        cwd = copy
    subprocess.run(["node", "pwa/build.mjs"], cwd=cwd, check=True, env={**os.environ, "DOORSTEP_DIST": str(into)},
                   stdout=subprocess.DEVNULL)
    return into


def serve(database: Path, dist: Path) -> tuple[str, Any]:
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from server import create_app

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "SECRET_KEY": "vault-bench-secret-key-that-is-long-enough-0123456789",
        "JWT_SECRET_KEY": "vault-bench-jwt-secret-key-that-is-long-enough-0123456789",
        "PWA_DIST": str(dist),
        "RATELIMIT_ENABLED": False,
    })
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def one_run(browser: Any, url: str) -> tuple[float, float]:
    from sync_bench import PASSWORD

    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="allow")
    context.set_default_timeout(600_000)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    try:
        page.goto(url + "/")
        page.fill("#username", "bench-helper")
        page.fill("#password", PASSWORD)
        start = time.perf_counter()
        page.click("form.login button[type=submit]")
        page.wait_for_selector(".today")
        page.wait_for_selector('#syncbar[data-phase="idle"][data-pending="0"]')
        first_sync = time.perf_counter() - start
        start = time.perf_counter()
        page.reload()
        page.wait_for_selector(".today")
        open_today = time.perf_counter() - start
        return first_sync, open_today
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from sync_bench import seed

    with tempfile.TemporaryDirectory(prefix="vault-bench-") as tmp:
        work = Path(tmp)
        database = work / "bench.sqlite"
        seed(f"sqlite:///{database}")
        dists = {"sealed": build(work / "dist-sealed", False, work), "plain": build(work / "dist-plain", True, work)}
        servers = {name: serve(database, dist) for name, dist in dists.items()}
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in dists}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for i in range(args.runs):
                for name in ("plain", "sealed") if i % 2 == 0 else ("sealed", "plain"):
                    results[name].append(one_run(browser, servers[name][0]))
                    print(f"run {i + 1} {name}: first sync {results[name][-1][0]:.2f} s, open Today {results[name][-1][1]:.2f} s",
                          flush=True)
            browser.close()
        for _url, server in servers.values():
            server.shutdown()
    med = {name: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)) for name, runs in results.items()}
    print(f"\n{THROTTLE}x CPU throttling, {args.runs} runs each, medians:")
    print("| variant | first sync (s) | open Today (s) |\n| --- | --- | --- |")
    for name in ("plain", "sealed"):
        print(f"| {name} | {med[name][0]:.2f} | {med[name][1]:.2f} |")
    print(f"| sealed / plain | {med['sealed'][0] / med['plain'][0]:.2f}x | {med['sealed'][1] / med['plain'][1]:.2f}x |")


if __name__ == "__main__":
    main()
