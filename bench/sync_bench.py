"""How fast is sync? Push throughput, first pull of a 500-household caseload, an empty pull.

    .venv/bin/python bench/sync_bench.py               # SQLite, then a throwaway PostgreSQL
    .venv/bin/python bench/sync_bench.py --db sqlite   # only one of them
    .venv/bin/python bench/sync_bench.py --quick       # fewer repetitions (smoke run)

For each database it seeds two helpers' caseloads (500 households each, 1-4 persons each with
their initial status event, 2 visits and a note per household, a recommendation for every other
person; 50 open jobs) through the ORM, so the change log is fed by the same session hooks as in
production; starts gunicorn (`-c python:server.gunicorn_conf -w 2`) on 127.0.0.1 (a free port,
killed at the end); and measures over HTTP with keep-alive, as the first helper unless said:

- first pull from an empty cursor, pages of 1000 (the maximum), gzip accepted: the sum of the
  pages' server time (`Server-Timing: app;dur=`), the wall time, and the gzipped bytes;
- a pull with nothing new (the cursor at the end): server time and wall time per request;
- push: 10,000 ops in batches of 100 from one phone (notes, visits, phone/name edits, status
  transitions on that caseload), sequentially; then 10,000 more from two helpers' phones at
  once, each on their own caseload (a team syncing); then 10,000 from two phones of the same
  helper on the same caseload (the worst case: a row one batch holds locked, the other waits for).

Targets on PostgreSQL (the issue): >= 1,000 ops/s, first pull < 2 s server time and < 1 MB
gzipped, empty pull < 10 ms median. PostgreSQL comes from `scripts/pg_tmp.sh` run with a
private TMPDIR (so another checkout's or session's cluster is never touched) and is stopped
and deleted afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.multihost.cluster import start_gunicorn  # noqa: E402

PASSWORD = "bench-password"
HOUSEHOLDS = 500
STATUSES = ("seeking", "internship", "informal", "employed", "unemployed")


# -- seeding -------------------------------------------------------------------------------------

def seed(database_url: str) -> list[dict[str, Any]]:
    """Create the schema and two helpers' caseloads; returns, per helper, the ids its phones need."""
    from werkzeug.security import generate_password_hash

    from server import create_app
    from server.extensions import db
    from server.models import Area, Job, User

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": False})
    rng = random.Random(7)
    with app.app_context():
        db.drop_all()
        db.create_all()
        district = Area(id=uuid.uuid4(), name="梁溪区", kind="district")
        sub = Area(id=uuid.uuid4(), name="街道", kind="subdistrict", parent_id=district.id)
        committees = [Area(id=uuid.uuid4(), name=f"居委{i}", kind="committee", parent_id=sub.id)
                      for i in range(10)]
        db.session.add_all([district, sub, *committees])
        helpers = [User(id=uuid.uuid4(), username=name, display_name=display, role="helper",
                        area_id=sub.id,
                        password_hash=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"))
                   for name, display in (("bench-helper", "张燕"), ("bench-helper-2", "Li Ming"))]
        db.session.add_all(helpers)
        db.session.flush()
        jobs = [Job(id=uuid.uuid4(), employer=f"企业{i}", title=f"岗位{i}", industry="服装",
                    pay_min=4000, pay_max=6000, is_open=True, stamps={}) for i in range(50)]
        db.session.add_all(jobs)
        caseloads = []
        for helper in helpers:
            caseloads.append(_caseload(db, helper, sub, committees, jobs, rng))
        db.session.commit()
        db.engine.dispose()
    return caseloads


def _caseload(db: Any, helper: Any, sub: Any, committees: list[Any], jobs: list[Any],
              rng: random.Random) -> dict[str, Any]:
    """One helper's households, persons, status events, recommendations, visits and notes."""
    from server.models import Household, Note, Person, Recommendation, StatusEvent, Visit, utcnow

    persons: list[dict[str, Any]] = []
    households: list[str] = []
    for h in range(HOUSEHOLDS):
        committee = committees[h % len(committees)]
        household = Household(id=uuid.uuid4(), address=f"凉城路{h}弄{h % 37}号",
                              committee_id=committee.id, subdistrict_id=sub.id,
                              primary_helper_id=helper.id, stamps={})
        db.session.add(household)
        households.append(str(household.id))
        members = []
        for p in range(rng.randint(1, 4)):
            status = rng.choice(STATUSES)
            person = Person(
                id=uuid.uuid4(), household_id=household.id, name=f"居民{h}-{p}",
                category="unemployed_seeking", status=status, helper_id=helper.id,
                phone=f"138{h:04d}{p:04d}", school="河北科技大学", major="服装设计",
                education_level="bachelor", registered_on=date(2025, 1, 1),
                intention_industry="服装", skills=["缝纫", "Excel"], stamps={},
            )
            db.session.add(person)
            db.session.flush()  # no relationship orders person before what points at it
            db.session.add(StatusEvent(id=uuid.uuid4(), person_id=person.id, from_status=None,
                                       to_status=status, by_user_id=helper.id, stamps={}))
            if p % 2 == 0:
                db.session.add(Recommendation(
                    id=uuid.uuid4(), person_id=person.id, job_id=rng.choice(jobs).id,
                    by_user_id=helper.id, reasons="专业对口", match={"major": 0.4}, stamps={},
                    history=[{"from": None, "to": "recommended"}]))
            members.append(person)
            persons.append({"id": str(person.id), "status": status,
                            "household_id": str(household.id)})
        db.session.flush()  # households and persons before what points at them
        for v in range(2):
            visit = Visit(id=uuid.uuid4(), household_id=household.id, author_id=helper.id,
                          channel="home_visit", occurred_at=utcnow() - timedelta(days=30 * v),
                          notes="上门走访，了解就业意向。", services=["heart_to_heart"], stamps={})
            visit.persons = members
            db.session.add(visit)
        db.session.add(Note(id=uuid.uuid4(), household_id=household.id, author_id=helper.id,
                            text="家庭情况稳定，需要跟进。", stamps={}))
    return {"households": households, "persons": persons}


# -- the server ----------------------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time consumed so far by these processes (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def postgres_pids(url: str) -> list[int]:
    """The bench cluster's server processes (its postmaster and every backend)."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    for state in Path(tempfile.gettempdir()).glob("doorstep-sync-bench-*/doorstep-pg.*/data/postmaster.pid"):
        lines = state.read_text().splitlines()
        if len(lines) > 3 and lines[3] == port:
            return [int(lines[0]), *children(int(lines[0]))]
    return []


class Server:
    """`gunicorn -w 2` on 127.0.0.1, started as the multi-host test starts its hosts
    (tests/multihost/cluster.py), always stopped."""

    def __init__(self, database_url: str, log: Path) -> None:
        env = {**os.environ, "DATABASE_URL": database_url, "DOORSTEP_ENV": "development",
               "LOGIN_RATE_LIMIT": "100 per minute"}
        log.parent.mkdir(parents=True, exist_ok=True)
        self.process = start_gunicorn(log.stem, log.parent, env, timeout=120)
        self.port = self.process.port
        self.proc = self.process.proc

    def stop(self) -> None:
        self.process.stop()


class Phone:
    """A keep-alive HTTP connection speaking the sync protocol."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.token = token
        self.client_id = f"bench-{uuid.uuid4()}"
        self.seq = 0

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, dict[str, str], bytes]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Encoding": "gzip"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()


def login(port: int, username: str = "bench-helper") -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/api/auth/login", body=json.dumps(
        {"username": username, "password": PASSWORD}), headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    body = json.loads(resp.read())
    assert resp.status == 200, body
    return str(body["access_token"])


def server_ms(headers: dict[str, str]) -> float:
    timing = headers.get("server-timing", "app;dur=nan")
    return float(timing.split("dur=")[1])


def decode(headers: dict[str, str], raw: bytes) -> dict[str, Any]:
    import gzip

    if headers.get("content-encoding") == "gzip":
        raw = gzip.decompress(raw)
    return dict(json.loads(raw))


# -- the measurements ----------------------------------------------------------------------------

def first_pull(phone: Phone) -> dict[str, Any]:
    cursor, server, wire, changes, pages = "", 0.0, 0, 0, 0
    started = time.perf_counter()
    while True:
        status, headers, raw = phone.request(
            "GET", f"/api/sync/pull?limit=1000&client_id={phone.client_id}&cursor={cursor}")
        assert status == 200, raw[:300]
        body = decode(headers, raw)
        server += server_ms(headers)
        wire += len(raw)
        changes += len(body["changes"])
        pages += 1
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    return {"server_ms": server, "wall_ms": (time.perf_counter() - started) * 1000,
            "bytes": wire, "changes": changes, "pages": pages, "cursor": cursor}


def empty_pulls(phone: Phone, cursor: str, count: int) -> tuple[list[float], list[float]]:
    server, wall = [], []
    for _ in range(count):
        started = time.perf_counter()
        status, headers, raw = phone.request(
            "GET", f"/api/sync/pull?client_id={phone.client_id}&cursor={cursor}")
        wall.append((time.perf_counter() - started) * 1000)
        assert status == 200 and decode(headers, raw)["changes"] == []
        server.append(server_ms(headers))
    return server, wall


def make_ops(phone: Phone, caseload: dict[str, Any], count: int, rng: random.Random) -> list[dict[str, Any]]:
    """A field day's mix: notes and visits, contact edits, names, status moves."""
    ops = []
    wall = int(time.time() * 1000)
    for _ in range(count):
        phone.seq += 1
        kind = rng.random()
        person = rng.choice(caseload["persons"])
        op: dict[str, Any] = {"op_id": str(uuid.uuid4()), "client_id": phone.client_id,
                              "seq": phone.seq, "hlc": f"{wall:015d}:{phone.seq % 99999:05d}:{phone.client_id}"}
        if kind < 0.45:
            op.update(entity="note", entity_id=str(uuid.uuid4()), kind="insert",
                      data={"household_id": person["household_id"], "person_id": person["id"],
                            "text": "电话回访：仍在找工作，推荐参加招聘会。"})
        elif kind < 0.6:
            op.update(entity="visit", entity_id=str(uuid.uuid4()), kind="insert",
                      data={"household_id": person["household_id"], "channel": "phone",
                            "occurred_at": "2026-11-20T09:00:00Z", "notes": "电话随访",
                            "services": ["job_recommendation"], "person_ids": [person["id"]]})
        elif kind < 0.8:
            op.update(entity="person", entity_id=person["id"], kind="set",
                      data={"phone": f"139{rng.randrange(10**8):08d}"}, base={"phone": None})
        elif kind < 0.9:
            op.update(entity="person", entity_id=person["id"], kind="set",
                      data={"name": f"居民{rng.randrange(1000)}"})
        else:
            to = rng.choice([s for s in STATUSES if s != person["status"]])
            op.update(entity="person", entity_id=person["id"], kind="transition",
                      data={"field": "status", "from": person["status"], "to": to})
            person["status"] = to
        ops.append(op)
    return ops


def push_run(phone: Phone, ops: list[dict[str, Any]], batch: int = 100) -> list[float]:
    """Push `ops` in batches; returns each batch's wall ms."""
    took = []
    for start in range(0, len(ops), batch):
        body = {"protocol": 2, "client_id": phone.client_id, "ops": ops[start:start + batch]}
        started = time.perf_counter()
        status, headers, raw = phone.request("POST", "/api/sync/push", body)
        took.append((time.perf_counter() - started) * 1000)
        assert status == 200, raw[:300]
        results = decode(headers, raw)["results"]
        bad = [r for r in results if r["status"] == "rejected"]
        assert not bad, bad[:2]
    return took


def concurrent(phones: list[Phone], loads: list[list[dict[str, Any]]]) -> float:
    """Push each phone's ops from its own thread at once; returns ops/s over all of them."""
    threads = [threading.Thread(target=push_run, args=(p, load))
               for p, load in zip(phones, loads, strict=True)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(len(load) for load in loads) / (time.perf_counter() - started)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(database_url: str, label: str, quick: bool, workdir: Path) -> dict[str, Any]:
    print(f"\n== {label}: seeding {HOUSEHOLDS} households", flush=True)
    started = time.perf_counter()
    caseload, other_caseload = seed(database_url)
    print(f"   seeded in {time.perf_counter() - started:.1f} s "
          f"({len(caseload['persons'])} + {len(other_caseload['persons'])} persons, two helpers)",
          flush=True)
    log = Path(tempfile.gettempdir()) / f"doorstep-sync-bench-{label.lower()}.log"
    print(f"   gunicorn log: {log}", flush=True)
    server = Server(database_url, log)
    try:
        token = login(server.port)
        phone = Phone(server.port, token)
        first = [first_pull(Phone(server.port, token)) for _ in range(2 if quick else 5)]
        warm = first_pull(phone)
        empty_server, empty_wall = empty_pulls(phone, warm["cursor"], 50 if quick else 300)
        rng = random.Random(11)
        total = 2000 if quick else 10_000
        ops = make_ops(phone, caseload, total, rng)
        workers = children(server.proc.pid)
        db_pids = postgres_pids(database_url) if database_url.startswith("postgresql") else []
        cpu_before = (cpu_seconds(workers), cpu_seconds(db_pids))
        started = time.perf_counter()
        batches = push_run(phone, ops)
        sequential = total / (time.perf_counter() - started)
        db_pids = postgres_pids(database_url) if database_url.startswith("postgresql") else []
        cpu_app = cpu_seconds(workers) - cpu_before[0]
        cpu_db = cpu_seconds(db_pids) - cpu_before[1] if db_pids else 0.0
        # Two phones of the same helper on the same caseload (rows locked by one wait for it).
        twins = [Phone(server.port, token) for _ in range(2)]
        parallel = concurrent(twins, [make_ops(t, caseload, total // 2, rng) for t in twins])
        # Two helpers, each on their own caseload: the server's load when a team syncs.
        pair = [Phone(server.port, token), Phone(server.port, login(server.port, "bench-helper-2"))]
        loads = [make_ops(pair[0], caseload, total // 2, rng),
                 make_ops(pair[1], other_caseload, total // 2, rng)]
        team = concurrent(pair, loads)
    finally:
        server.stop()
    return {
        "label": label, "changes": warm["changes"], "pages": warm["pages"],
        "first_server": [f["server_ms"] for f in first], "first_wall": [f["wall_ms"] for f in first],
        "first_bytes": [f["bytes"] for f in first],
        "empty_server": empty_server, "empty_wall": empty_wall,
        "batch_ms": batches, "ops_per_s": sequential, "ops_per_s_2": parallel,
        "ops_per_s_team": team, "ops": total,
        "cpu_app_ms_per_op": cpu_app * 1000 / total, "cpu_db_ms_per_op": cpu_db * 1000 / total,
        "load": os.getloadavg()[0],
    }


def report(r: dict[str, Any]) -> str:
    med = statistics.median
    lines = [
        f"### {r['label']}",
        "",
        "| measure | median | p95 |",
        "| --- | ---: | ---: |",
        f"| first pull, {r['changes']} changes in {r['pages']} pages: server time (ms) | "
        f"{med(r['first_server']):.0f} | {p95(r['first_server']):.0f} |",
        f"| first pull: wall time (ms) | {med(r['first_wall']):.0f} | {p95(r['first_wall']):.0f} |",
        f"| first pull: gzipped bytes | {med(r['first_bytes']) / 1024:.0f} KiB | "
        f"{p95(r['first_bytes']) / 1024:.0f} KiB |",
        f"| empty pull: server time (ms) | {med(r['empty_server']):.1f} | {p95(r['empty_server']):.1f} |",
        f"| empty pull: wall time (ms) | {med(r['empty_wall']):.1f} | {p95(r['empty_wall']):.1f} |",
        f"| push, batch of 100 ops (ms) | {med(r['batch_ms']):.0f} | {p95(r['batch_ms']):.0f} |",
        "",
        f"Push throughput, {r['ops']} ops in batches of 100: **{r['ops_per_s']:.0f} ops/s** from one "
        f"phone; **{r['ops_per_s_team']:.0f} ops/s** from two helpers' phones at once (each on "
        f"their own caseload); {r['ops_per_s_2']:.0f} ops/s from two phones of one helper on the "
        f"same caseload. CPU per op (one "
        f"phone): {r['cpu_app_ms_per_op']:.2f} ms in the app workers"
        + (f", {r['cpu_db_ms_per_op']:.2f} ms in PostgreSQL" if r['cpu_db_ms_per_op'] else "")
        + f". Machine load average at the end: {r['load']:.1f} (2 cores).",
    ]
    return "\n".join(lines)


def start_postgres(private_tmp: Path) -> str:
    env = {**os.environ, "TMPDIR": str(private_tmp)}
    out = subprocess.run(["bash", str(ROOT / "scripts/pg_tmp.sh"), "start"], env=env, check=True,
                         capture_output=True, text=True, timeout=120)
    return out.stdout.strip().splitlines()[-1]


def stop_postgres(private_tmp: Path) -> None:
    env = {**os.environ, "TMPDIR": str(private_tmp)}
    subprocess.run(["bash", str(ROOT / "scripts/pg_tmp.sh"), "stop"], env=env, check=False,
                   capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and 2,000 ops")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="doorstep-sync-bench-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o755)
        if args.db in ("sqlite", "both"):
            results.append(run(f"sqlite:///{workdir / 'bench.sqlite'}", "SQLite", args.quick, workdir))
        if args.db in ("postgresql", "both"):
            url = start_postgres(workdir)
            try:
                results.append(run(url, "PostgreSQL", args.quick, workdir))
            finally:
                stop_postgres(workdir)
    print()
    for r in results:
        print(report(r))
        print()


if __name__ == "__main__":
    main()
