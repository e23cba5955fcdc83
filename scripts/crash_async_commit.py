"""Crash PostgreSQL running with `synchronous_commit = off` under syncing phones (issue 9 D).

    .venv/bin/python scripts/crash_async_commit.py [--rounds 3] [--notes 60]

With `synchronous_commit = off` PostgreSQL answers a commit before its WAL is on disk, so a
crash loses the last commits it acknowledged. This script makes that window wide on purpose
(`wal_writer_delay = 10s`), so the crash really loses acknowledged pushes, and checks the
promise of sync/PROTOCOL.md 6.1 and 8 (epoch): nothing a phone still held is lost and nothing
is stuck. Each round:

1. three phones (two helpers, one of them with two phones) each push `--notes` notes in
   batches, and pull;
2. the postmaster is killed with SIGKILL (no shutdown checkpoint, WAL buffers lost) and
   started again (crash recovery);
3. every phone syncs again: the server's epoch includes the postmaster start time when
   `synchronous_commit` is off, so each phone resets and re-sends the ops it keeps, and the
   server answers `duplicate` for what it still has;
4. the checks: every note any phone ever made is on the server exactly once, every outbox is
   empty, and each phone's replica equals a fresh pull.

It starts its own cluster in a temp dir on a free port (never the machine's), is bounded in
rounds and time, and stops and deletes the cluster at the end. Figures go to stdout.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_BIN = next((d for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
               if (d / "initdb").exists()), None)
DEADLINE_S = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


class Cluster:
    """A private PostgreSQL cluster that can be crashed and started again."""

    def __init__(self) -> None:
        assert PG_BIN is not None, "PostgreSQL server binaries not found"
        self.dir = Path(tempfile.mkdtemp(prefix="doorstep-crash-"))
        os.chmod(self.dir, 0o777)
        self.data = self.dir / "data"
        self.port = free_port()
        subprocess.run(as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U",
                                   "postgres", "--auth=trust", "-E", "UTF8"),
                       check=True, capture_output=True)
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("synchronous_commit = off\nwal_writer_delay = 10000ms\n"
                       f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.dir}'\n")
        self.start()
        subprocess.run(as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p",
                                   str(self.port), "-U", "postgres", "doorstep"), check=True)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/doorstep"

    def start(self) -> None:
        subprocess.run(as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                                   str(self.dir / "log"), "start"), check=True,
                       capture_output=True)

    def crash(self) -> None:
        """SIGKILL the postmaster and its children: no checkpoint, unflushed WAL is gone."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        subprocess.run(["pkill", "-KILL", "-P", str(pid)], check=False)  # its backends
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        (self.data / "postmaster.pid").unlink(missing_ok=True)

    def stop(self) -> None:
        subprocess.run(as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m",
                                   "immediate", "stop"), check=False, capture_output=True)
        subprocess.run(["rm", "-rf", str(self.dir)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--notes", type=int, default=60, help="notes per phone per round")
    args = parser.parse_args()
    started = time.monotonic()
    cluster = Cluster()
    try:
        return run(cluster, args.rounds, args.notes, started)
    finally:
        cluster.stop()


def run(cluster: Cluster, rounds: int, notes: int, started: float) -> int:
    from sqlalchemy import func, select
    from werkzeug.security import generate_password_hash

    from server import create_app
    from server.extensions import db
    from server.models import Note
    from tests.factories import make_world
    from tests.sync_server.device import Device

    app = create_app({"SQLALCHEMY_DATABASE_URI": cluster.url, "DOORSTEP_ENV": "test",
                      "SECRET_KEY": "crash-test-secret-key-long-enough-0123456789",
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        world = make_world()
        for user in (world.helper1, world.helper2):
            user.password_hash = generate_password_hash("doorstep-demo", "pbkdf2:sha256:1000")
        homes = {"helper1": str(world.h1_household.id), "helper2": str(world.h2_household.id)}
        db.session.commit()
    client = app.test_client()

    def headers(username: str) -> dict[str, str]:
        resp = client.post("/api/auth/login",
                           json={"username": username, "password": "doorstep-demo"})
        assert resp.status_code == 200, resp.get_json()
        return {"Authorization": f"Bearer {resp.get_json()['access_token']}"}

    phones = [("helper1", Device(client, headers("helper1"))),
              ("helper1", Device(client, headers("helper1"))),
              ("helper2", Device(client, headers("helper2")))]
    typed: dict[str, str] = {}  # note id -> text, everything any phone ever made
    lost_total = resent_total = resets_total = 0
    for round_no in range(1, rounds + 1):
        if time.monotonic() - started > DEADLINE_S:
            print("deadline reached; stopping early")
            break
        for username, phone in phones:
            for n in range(notes):
                note_id = str(uuid.uuid4())
                text = f"round {round_no} {phone.client_id[-6:]} note {n}"
                phone.insert("note", {"household_id": homes[username], "text": text}, note_id)
                typed[note_id] = text
                if len(phone.outbox) >= 20:
                    phone.push()
            phone.sync()
        with app.app_context():
            before = db.session.scalar(select(func.count(Note.id))) or 0
            db.session.remove()
            db.engine.dispose()
        cluster.crash()
        cluster.start()
        with app.app_context():
            after = db.session.scalar(select(func.count(Note.id))) or 0
            db.session.remove()
        lost = before - after
        resends_before = sum(p.resends for _, p in phones)
        resets_before = sum(p.resets for _, p in phones)
        for _, phone in phones:
            phone.sync()
            phone.sync()  # a second round trip settles what the first one re-sent
        resent = sum(p.resends for _, p in phones) - resends_before
        resets = sum(p.resets for _, p in phones) - resets_before
        lost_total, resent_total, resets_total = lost_total + lost, resent_total + resent, \
            resets_total + resets
        print(f"round {round_no}: {before} notes acknowledged, {after} after the crash "
              f"({lost} lost by the server), phones re-sent {resent} ops, {resets} resets")
    with app.app_context():
        stored = {str(i): t for i, t in db.session.execute(select(Note.id, Note.text))}
        count = db.session.scalar(select(func.count(Note.id))) or 0
    missing = [i for i in typed if i not in stored]
    stuck = sum(len(p.outbox) for _, p in phones)
    ok = not missing and count == len(typed) and stuck == 0
    for username, phone in phones:
        fresh = Device(client, headers(username))
        fresh.pull()
        ok = ok and fresh.records("note") == phone.records("note")
    print(f"{len(typed)} notes typed, {count} on the server, {len(missing)} missing, "
          f"{stuck} ops stuck in outboxes; the server lost {lost_total} acknowledged notes in "
          f"crashes, phones re-sent {resent_total} ops over {resets_total} resets; "
          f"replicas equal a fresh pull: {ok}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
