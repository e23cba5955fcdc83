"""The phone's search in real Chromium at 360 px with the CPU slowed 4x (a mid-range phone):
a helper with N persons (default 2,000) opens the search screen and types.

    .venv/bin/python bench/search_browser.py [persons] [queries-per-kind]

Measures, under `Emulation.setCPUThrottlingRate` 4: the time from opening the screen to results
with pinyin (the lazy pinyin-pro chunk loaded and every name's keys worked out), and one
keystroke (the input event: the query and the re-rendered list), p50/p95 per kind of query.
Uses the e2e machinery's way of serving the app (a temp SQLite file, a fresh build).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD  # noqa: E402

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜单解区查")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鹏辉健俊帆浩宇欣怡梓涵子轩雨萱")
ENGLISH = ["Mary Chen", "John Smith", "Linda Wang", "David Lee", "Susan Brown", "James Li"]


def seed(count: int) -> None:
    from server.extensions import db
    from tests.factories import make_household, make_person, make_world

    rng = random.Random(3)
    world = make_world()
    for i in range(count):
        if i % 5 == 0:
            home = make_household(world.committees[i % 2], world.helper1, address=f"凉城路{i}号")
        name = rng.choice(ENGLISH) if rng.random() < 0.12 else (
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
        make_person(home, name, phone=f"13{rng.randrange(10**9):09d}",
                    group_name=rng.choice([None, None, "求职一组", "求职二组"]))
    db.session.commit()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    per_kind = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    run = Path(tempfile.mkdtemp(prefix="search-browser-"))
    subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "DOORSTEP_DIST": str(run / "dist")})
    from server import create_app
    from server.extensions import db

    app = create_app({"DOORSTEP_ENV": "test", "TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{run / 'bench.sqlite'}",
                      "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
                      "JWT_SECRET_KEY": "bench-jwt-secret-key-that-is-long-enough-0123456789",
                      "PWA_DIST": str(run / "dist"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        seed(count)
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
        page = context.new_page()
        page.goto(url + "/")
        page.fill("#username", "helper1")
        page.fill("#password", PASSWORD)
        page.click("form.login button[type=submit]")
        page.wait_for_selector(".today", timeout=180_000)
        page.wait_for_selector('#syncbar[data-phase="idle"][data-pending="0"]', timeout=180_000)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        shown, ready = page.evaluate(
            """() => new Promise((resolve) => {
                 const t = performance.now(); let shown = null;
                 location.hash = '#/search';
                 const poll = () => {
                   if (shown === null && document.querySelector('#q')) shown = performance.now() - t;
                   if (document.querySelector('#search-results[data-ready]')) resolve([shown, performance.now() - t]);
                   else setTimeout(poll, 5);
                 };
                 poll();
               })""")
        print(f"Chromium, CPU 4x slower, {count} persons, 360 px")
        print(f"  search screen shown (characters, phone, ID work): {shown:.0f} ms")
        print(f"  pinyin ready (chunk loaded, every name's keys): {ready:.0f} ms")
        kinds = {
            "characters": ["王", "李杰", "张伟", "陈", "刘芳"],
            "full pinyin": ["wangwei", "lijie", "zhangfang", "chenjing", "liuyang"],
            "initials": ["ww", "lj", "zf", "cj", "ly"],
            "one letter": list("wlzcy"),
            "phone 4 digits": ["1234", "5678", "0000", "8888", "3141"],
        }
        for kind, queries in kinds.items():
            times = page.evaluate(
                """([queries, n]) => { const input = document.querySelector('#q'); const out = [];
                   for (let i = 0; i < n; i++) { const q = queries[i % queries.length];
                     const t = performance.now(); input.value = q;
                     input.dispatchEvent(new Event('input')); out.push(performance.now() - t); }
                   return out; }""", [queries, per_kind])
            times.sort()
            print(f"  keystroke, {kind:<15} p50 {statistics.median(times):6.1f} ms  "
                  f"p95 {times[int(0.95 * len(times))]:6.1f} ms")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
