"""Sync at city scale: does a page cost the caseload's rows or the city's? (issue 9)

    .venv/bin/python bench/city_bench.py --helpers 2 200 1000   # one run per N
    .venv/bin/python bench/city_bench.py --helpers 200 --quick

For each N it starts its own PostgreSQL 15 cluster (initdb in a private temp dir, a free port,
`synchronous_commit = on`, fsync on: the durability production needs), seeds the city and runs
gunicorn on it (`-w 2`, `server.gunicorn_conf`), then measures over HTTP as phones do:

- the city: N helpers of 500 households each (the caseload of `bench/sync_bench.py`: 1-4
  persons with their status event, 2 visits, a note, a recommendation for every other person;
  ~5,200 log rows a helper), two helpers to a sub-district with its supervisor, the
  sub-districts spread over 20 districts, and 30,000 open jobs spread over those districts;
- one helper's first pull, an empty pull, an incremental pull after 100 other helpers pushed
  50 ops each, the progress count (in-process, the query the pull runs), a push of 1,000 ops,
  a supervisor's first pull, a staff user's first pull of the job catalogue, and the push
  throughput of two helpers at once (the `sync_bench.py` team mode);
- the query plans' key lines (EXPLAIN ANALYZE of the helper's and the supervisor's page).

Seeding is bulk SQL, not the ORM: the first helper's caseload goes through the ORM (so the
change-log hooks write its log), and every other helper's is a copy of it made in SQL with
fresh ids, its own helper, sub-district and interleaved positions, the log rows copied the
same way. `verify` then checks that the copy is exactly what the hooks would write (the keys
the hooks compute for a copied household and for the jobs) and that a real pull over HTTP
returns exactly the helper's scope.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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

from city_seed import DISTRICTS, JOBS, seed_city, verify  # noqa: E402
from sync_bench import (  # noqa: E402
    Phone,
    Server,
    decode,
    first_pull,
    make_ops,
    push_run,
    server_ms,
)

from tests.multihost.cluster import free_port  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql/15/bin")


# -- a private cluster ---------------------------------------------------------------------------

class Cluster:
    """initdb + pg_ctl as `postgres` in a private directory; always stopped."""

    def __init__(self, workdir: Path) -> None:
        self.data = workdir / "pgdata"
        self.port = free_port()
        self.log = workdir / "pg.log"
        os.chmod(workdir, 0o777)
        self._as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                           "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        settings = ["synchronous_commit = on", "fsync = on", "shared_buffers = 1GB",
                    "max_wal_size = 8GB", "checkpoint_timeout = 30min", "work_mem = 32MB",
                    "maintenance_work_mem = 512MB", "listen_addresses = '127.0.0.1'",
                    f"port = {self.port}", f"unix_socket_directories = '{workdir}'"]
        conf = self.data / "postgresql.conf"
        self._as_postgres(["sh", "-c", f"printf '%s\\n' {' '.join(repr(s) for s in settings)}"
                                       f" >> {conf}"])
        self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                           "-w", "start"])
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _as_postgres(cmd: list[str]) -> None:
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)

    def stop(self) -> None:
        self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])




# -- measurements --------------------------------------------------------------------------------

def token_for(database_url: str, username: str) -> str:
    """An access token minted with the server's (development) key, as a login would give."""
    from flask_jwt_extended import create_access_token
    from sqlalchemy import select

    from server.extensions import db
    from server.models import User

    app = _app(database_url)
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
        return str(create_access_token(identity=str(user_id)))


_APPS: dict[str, Any] = {}


def _app(database_url: str) -> Any:
    from server import create_app

    if database_url not in _APPS:
        _APPS[database_url] = create_app({"SQLALCHEMY_DATABASE_URI": database_url,
                                          "TESTING": False})
    return _APPS[database_url]


def empty_ms(phone: Phone, cursor: str, count: int) -> float:
    took = []
    for _ in range(count):
        status, headers, raw = phone.request(
            "GET", f"/api/sync/pull?client_id={phone.client_id}&cursor={cursor}")
        assert status == 200 and decode(headers, raw)["changes"] == []
        took.append(server_ms(headers))
    return statistics.median(took)


def pull_from(phone: Phone, cursor: str) -> dict[str, Any]:
    """Pull to the end from `cursor`: server ms, changes, the new cursor."""
    server, changes = 0.0, 0
    while True:
        status, headers, raw = phone.request(
            "GET", f"/api/sync/pull?limit=1000&client_id={phone.client_id}&cursor={cursor}")
        assert status == 200, raw[:300]
        body = decode(headers, raw)
        server += server_ms(headers)
        changes += len(body["changes"])
        cursor = body["cursor"]
        if not body["has_more"]:
            return {"server_ms": server, "changes": changes, "cursor": cursor}


def in_process(database_url: str, username: str, what: str, repeat: int = 20) -> float:
    """Median ms of the progress count at cursor 0 (what `remaining` runs on a first sync)."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import User
    from server.sync_store import scope

    app = _app(database_url)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        assert user is not None
        took = []
        for _ in range(repeat):
            started = time.perf_counter()
            if what == "count":
                scope.count_since(user, 0)
            db.session.rollback()
            took.append((time.perf_counter() - started) * 1000)
        return statistics.median(took)


def plans(database_url: str, usernames: list[str]) -> dict[str, list[str]]:
    """EXPLAIN ANALYZE key lines of each user's first page and of the progress count."""
    from sqlalchemy import select, text

    from server.extensions import db
    from server.models import User
    from server.sync_store import scope

    app = _app(database_url)
    found: dict[str, list[str]] = {}
    with app.app_context():
        for username in usernames:
            user = db.session.scalar(select(User).where(User.username == username))
            assert user is not None
            for label, query in (("page", scope.page_query(user, 0, 1001)),
                                 ("count", scope.count_query(user, 0))):
                sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
                lines = [r[0] for r in db.session.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql))]
                keep = [line.strip() for line in lines if any(word in line for word in (
                    "Index", "Seq Scan", "Hash Join", "Execution Time", "Merge", "Sort"))]
                found[f"{username} {label}"] = keep[:12]
            db.session.rollback()
    return found


def push_others(port: int, tokens: list[str], caseloads: list[dict[str, Any]], ops_each: int) -> float:
    """`len(tokens)` other helpers push `ops_each` ops each, two at a time; returns ops/s."""
    rng = random.Random(5)
    jobs = list(zip(tokens, caseloads, strict=True))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                token, caseload = jobs.pop()
            phone = Phone(port, token)
            push_run(phone, make_ops(phone, caseload, ops_each, rng), batch=ops_each)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(tokens) * ops_each / (time.perf_counter() - started)


def team_push(port: int, tokens: list[str], caseloads: list[dict[str, Any]], total: int) -> float:
    rng = random.Random(11)
    phones = [Phone(port, t) for t in tokens]
    loads = [make_ops(p, c, total // 2, rng) for p, c in zip(phones, caseloads, strict=True)]
    threads = [threading.Thread(target=push_run, args=(p, load))
               for p, load in zip(phones, loads, strict=True)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total / (time.perf_counter() - started)


def run(n: int, quick: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="doorstep-city-bench-") as tmp:
        workdir = Path(tmp)
        cluster = Cluster(workdir)
        try:
            return _measure(cluster.url.rsplit("/", 1)[0] + "/postgres", n, quick, workdir)
        finally:
            cluster.stop()


def _measure(url: str, n: int, quick: bool, workdir: Path) -> dict[str, Any]:
    print(f"\n== N = {n}: seeding", flush=True)
    started = time.perf_counter()
    city = seed_city(url, n)
    seeded = time.perf_counter() - started
    print(f"   seeded in {seeded:.0f} s: {city['log_rows']:,} log rows", flush=True)
    verify(url, city)
    me, supervisor, staff = city["measured"], city["supervisor"], city["staff"]
    server = Server(url, workdir / "gunicorn.log")
    try:
        port = server.port
        phone = Phone(port, token_for(url, me))
        firsts = [first_pull(Phone(port, phone.token)) for _ in range(1 if quick else 3)]
        first = min(firsts, key=lambda f: f["server_ms"])
        assert first["changes"] == city["measured_scope"], (first["changes"], city["measured_scope"])
        empty = empty_ms(phone, first["cursor"], 50 if quick else 200)
        others = city["others"][:100]
        other_ops = push_others(port, [token_for(url, u) for u, _ in others],
                                [c for _, c in others], 50)
        incremental = pull_from(phone, first["cursor"])
        count = in_process(url, me, "count")
        mine = city["caseloads"][me]
        push_phone = Phone(port, phone.token)
        ops = make_ops(push_phone, mine, 1000, random.Random(3))
        started = time.perf_counter()
        push_run(push_phone, ops)
        push_1000 = time.perf_counter() - started
        sup = first_pull(Phone(port, token_for(url, supervisor)))
        cat = first_pull(Phone(port, token_for(url, staff)))
        pair = city["pair"]
        team = team_push(port, [token_for(url, u) for u in pair],
                         [city["caseloads"][u] for u in pair], 2000 if quick else 10_000)
    finally:
        server.stop()
    return {
        "n": n, "seconds_to_seed": seeded, "log_rows": city["log_rows"],
        "first_ms": first["server_ms"], "first_changes": first["changes"],
        "first_pages": first["pages"], "first_kib": first["bytes"] / 1024,
        "empty_ms": empty, "others_ops_per_s": other_ops,
        "incremental_ms": incremental["server_ms"], "incremental_changes": incremental["changes"],
        "count_ms": count, "push_1000_s": push_1000,
        "supervisor_ms": sup["server_ms"], "supervisor_changes": sup["changes"],
        "supervisor_pages": sup["pages"],
        "catalogue_ms": cat["server_ms"], "catalogue_changes": cat["changes"],
        "catalogue_pages": cat["pages"], "catalogue_kib": cat["bytes"] / 1024,
        "team_ops_per_s": team, "plans": plans(url, [me, supervisor]),
        "load": os.getloadavg()[0],
    }


def table(results: list[dict[str, Any]]) -> str:
    heads = " | ".join(f"N = {r['n']:,}" for r in results)
    rows = [
        ("log rows", lambda r: f"{r['log_rows']:,}"),
        ("seeding (s)", lambda r: f"{r['seconds_to_seed']:.0f}"),
        ("helper's first pull: server ms (changes / pages)",
         lambda r: f"{r['first_ms']:.0f} ({r['first_changes']:,} / {r['first_pages']})"),
        ("empty pull: server ms (median)", lambda r: f"{r['empty_ms']:.1f}"),
        ("incremental pull after 100 helpers x 50 ops: server ms (changes)",
         lambda r: f"{r['incremental_ms']:.1f} ({r['incremental_changes']})"),
        ("progress count at cursor 0: ms", lambda r: f"{r['count_ms']:.1f}"),
        ("push of 1,000 ops, batches of 100: s", lambda r: f"{r['push_1000_s']:.2f}"),
        ("supervisor's first pull: server ms (changes / pages)",
         lambda r: f"{r['supervisor_ms']:.0f} ({r['supervisor_changes']:,} / {r['supervisor_pages']})"),
        (f"staff first pull, {JOBS:,} open jobs in {DISTRICTS} districts: server ms (changes / KiB)",
         lambda r: f"{r['catalogue_ms']:.0f} ({r['catalogue_changes']:,} / {r['catalogue_kib']:.0f})"),
        ("push throughput, two helpers at once: ops/s", lambda r: f"{r['team_ops_per_s']:.0f}"),
        ("machine load average at the end (2 cores)", lambda r: f"{r['load']:.1f}"),
    ]
    lines = [f"| measure | {heads} |", "| --- |" + " ---: |" * len(results)]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in results) + " |" for name, cell in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--helpers", type=int, nargs="+", default=[2, 200])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = []
    for n in args.helpers:
        results.append(run(n, args.quick))
        print(json.dumps({k: v for k, v in results[-1].items() if k != "plans"}), flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
    print()
    print(table(results))
    for r in results:
        print(f"\nplans at N = {r['n']}:")
        for label, lines in r["plans"].items():
            print(f"  {label}:")
            for line in lines:
                print(f"    {line}")


if __name__ == "__main__":
    main()
