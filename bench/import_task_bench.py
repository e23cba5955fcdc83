"""How long does a 5,000-person import take as a background task, and how long is the request?

    .venv/bin/python bench/import_task_bench.py                       # SQLite (a temp file)
    .venv/bin/python bench/import_task_bench.py --db postgresql+psycopg://postgres@127.0.0.1:PORT/NAME
    .venv/bin/python bench/import_task_bench.py --rows 500 --redis    # also through RQ + redis-server

Builds the standard small world (tests/factories.make_world) in an empty database, then uploads a
GBK CSV of `--rows` persons (two to a household, Chinese headers and labels, as an office's
ledger) to `POST /api/persons/import?async=1` as the supervisor, and reports:

- inline (no queue): the request's time, which is the whole import (the task is done in it);
- with `--redis`: a redis-server on a free port, the request's time (only queues: the number
  that matters to the browser), then the worker's time to run the task (RQ SimpleWorker, burst);
- rows per second, and the progress the task reported.

The database given with --db is emptied (its tables created if missing, then every row deleted): never point it at real data.
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def ledger(rows: int) -> bytes:
    header = "姓名,跟踪类别,就业状态,地址,居委会,专员账号,性别,毕业日期,专业,技能"
    lines = [f"张{i:05d}号,高校毕业生（求职中）,求职中,凉城路{i // 2}号,复旦第一居委,helper1,女,2026-06-30,服装设计,缝纫；制版"
             for i in range(rows)]
    text = "\n".join([header, *lines])
    return text.replace("高校毕业生（求职中）", "零就业家庭").encode("gbk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy URL of a throwaway database (default: a temp SQLite file)")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--redis", action="store_true", help="also run through RQ and a redis-server")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    from server import create_app
    from server.extensions import db
    from tests.conftest import empty_tables, test_config
    from tests.factories import make_world
    from tests.server.callers import token_for

    tmp = Path(tempfile.mkdtemp(prefix="import-bench-"))
    url = args.db or f"sqlite:///{tmp / 'bench.sqlite'}"
    data = ledger(args.rows)
    print(f"database: {url.split('@')[-1]}  rows: {args.rows}  file: {len(data) / 1024:.0f} KiB (GBK CSV)")

    def fresh(**extra: str):
        app = create_app(test_config(url, TASKS_FOLDER=str(tmp / "tasks"), **extra))
        with app.app_context():
            db.create_all()
            empty_tables()
            make_world()
        return app

    def upload(app) -> tuple[float, dict]:
        headers = {"Authorization": f"Bearer {token_for(app, 'supervisor1')}", "X-Device-Id": "bench"}
        started = time.perf_counter()
        resp = app.test_client().post("/api/persons/import?async=1&lang=zh", headers=headers,
                                      content_type="multipart/form-data",
                                      data={"file": (io.BytesIO(data), "台账.csv")})
        took = time.perf_counter() - started
        assert resp.status_code == 202, resp.get_json()
        return took, resp.get_json()

    app = fresh(TASKS_REDIS_URL="")
    took, task = upload(app)
    assert task["state"] == "done", task
    print(f"inline: request (= the whole import) {took:.2f} s, {args.rows / took:.0f} rows/s; "
          f"task says: {task['message']} ({task['done']}/{task['total']})")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()

    if args.redis:
        binary = shutil.which("redis-server")
        if binary is None:
            sys.exit("redis-server is not installed (scripts/system_deps.sh installs it)")
        from redis import Redis
        from rq import Queue, SimpleWorker

        from server.background.tasks import QUEUE

        port = free_port()
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(tmp)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            redis_url = f"redis://127.0.0.1:{port}/0"
            for _ in range(100):
                try:
                    Redis.from_url(redis_url).ping()
                    break
                except Exception:
                    time.sleep(0.05)
            app = fresh(TASKS_REDIS_URL=redis_url)
            took, task = upload(app)
            print(f"rq: request (queues only) {took * 1000:.0f} ms; state {task['state']}")
            redis = Redis.from_url(redis_url)
            started = time.perf_counter()
            with app.app_context():
                SimpleWorker([Queue(QUEUE, connection=redis)], connection=redis).work(burst=True)
            worked = time.perf_counter() - started
            headers = {"Authorization": f"Bearer {token_for(app, 'supervisor1')}"}
            done = app.test_client().get(f"/api/tasks/{task['id']}", headers=headers).get_json()
            print(f"rq: worker ran the task in {worked:.2f} s, {args.rows / worked:.0f} rows/s; "
                  f"state {done['state']}: {done['message']}")
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
