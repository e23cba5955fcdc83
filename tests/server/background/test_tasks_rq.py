"""The same tasks through RQ and a real redis-server: the request only queues, a worker runs.

The worker here is RQ's `SimpleWorker` in burst mode (no fork, so the test sees what it did);
`flask worker` runs RQ's forking `Worker` on the same queue and the same runner. Skipped when
redis-server is not installed (scripts/system_deps.sh installs it).
"""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from rq.job import Job

from server import create_app
from server.background import runner
from server.background.tasks import QUEUE
from server.extensions import db
from tests.conftest import test_config
from tests.factories import make_world
from tests.server.callers import token_for
from tests.server.test_spreadsheets import LEDGER_HEADER, ledger_rows


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/system_deps.sh installs it)")
    port = _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except Exception:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def queued_app(app, redis_url, tmp_path):
    """An app like the test app, whose tasks go to the redis queue (files in a temp folder)."""
    host = create_app(test_config(app.config["SQLALCHEMY_DATABASE_URI"], TASKS_REDIS_URL=redis_url,
                                  TASKS_FOLDER=str(tmp_path / "tasks")))
    yield host
    with host.app_context():
        db.session.remove()
        db.engine.dispose()


def headers(app, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(app, username)}", "X-Device-Id": "office-pc",
            "Prefer": "respond-async"}


def work(app, redis_url: str) -> None:
    redis = Redis.from_url(redis_url)
    with app.app_context():
        SimpleWorker([Queue(QUEUE, connection=redis)], connection=redis).work(burst=True)


def test_an_import_waits_in_the_queue_then_a_worker_runs_it(queued_app, redis_url) -> None:
    with queued_app.app_context():
        make_world()
    client = queued_app.test_client()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(30)]).encode("gbk")

    resp = client.post("/api/persons/import?lang=en", headers=headers(queued_app, "supervisor1"),
                       content_type="multipart/form-data", data={"file": (io.BytesIO(data), "ledger.csv")})

    assert resp.status_code == 202
    task = resp.get_json()
    assert (task["state"], task["message"]) == ("queued", "Waiting in the queue…")
    poll = f"/api/tasks/{task['id']}"
    assert client.get(poll, headers=headers(queued_app, "supervisor1")).get_json()["state"] == "queued"

    work(queued_app, redis_url)

    done = client.get(poll, headers=headers(queued_app, "supervisor1")).get_json()
    assert (done["state"], done["done"], done["total"]) == ("done", 30, 30)
    assert done["result"]["created"] == {"households": 15, "persons": 30}
    job = Job.fetch(task["id"], connection=Redis.from_url(redis_url))
    assert job.meta["done"] == job.meta["total"] == 30  # the progress the worker showed while running


def test_progress_written_by_a_running_worker_is_what_a_poll_shows(queued_app, redis_url, monkeypatch) -> None:
    """Polled mid-run, the task shows the worker's latest done/total and message."""
    with queued_app.app_context():
        make_world()
    client = queued_app.test_client()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(10)]).encode("gbk")
    task = client.post("/api/persons/import?lang=zh", headers=headers(queued_app, "supervisor1"),
                       content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "ledger.csv")}).get_json()
    seen: list[dict] = []
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 0.0)
    original = runner.Progress.__call__

    def watch(self, done, total, key, **values):
        original(self, done, total, key, **values)
        if key == "checking" and done == 5:
            seen.append(client.get(f"/api/tasks/{task['id']}", headers=headers(queued_app, "supervisor1")).get_json())

    monkeypatch.setattr(runner.Progress, "__call__", watch)
    work(queued_app, redis_url)

    [mid] = seen
    assert (mid["state"], mid["done"], mid["total"], mid["message"]) == ("running", 5, 10, "正在检查第 5/10 行")


def test_a_failed_export_is_told_in_the_users_language(queued_app, redis_url, monkeypatch) -> None:
    with queued_app.app_context():
        make_world()
    client = queued_app.test_client()
    task = client.get("/api/exports/graduates.xlsx?lang=zh",
                      headers=headers(queued_app, "supervisor1")).get_json()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    from server.background import kinds
    monkeypatch.setattr(kinds, "list_export", broken)
    work(queued_app, redis_url)

    failed = client.get(f"/api/tasks/{task['id']}", headers=headers(queued_app, "supervisor1")).get_json()
    assert (failed["state"], failed["error_code"]) == ("failed", "task_failed")
    assert failed["error"] == "任务失败，请稍后重试或联系管理员" and "disk" not in failed["error"]
    assert client.get(f"/api/tasks/{task['id']}/file",
                      headers=headers(queued_app, "supervisor1")).status_code == 409


def test_an_unreachable_queue_is_a_503_not_a_lost_task(app, tmp_path) -> None:
    host = create_app(test_config(app.config["SQLALCHEMY_DATABASE_URI"],
                                  TASKS_REDIS_URL=f"redis://127.0.0.1:{_free_port()}/0",
                                  TASKS_FOLDER=str(tmp_path / "tasks")))
    with host.app_context():
        make_world()
    resp = host.test_client().get("/api/exports/graduates.xlsx", headers=headers(host, "supervisor1"))
    assert resp.status_code == 503 and resp.get_json()["error"]["code"] == "unavailable"
    with host.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_worker_makes_the_period_report_and_the_overdue_list_as_their_asker(queued_app, redis_url) -> None:
    """No request in the worker: the reports still see the asker's scope (due list included)."""
    with queued_app.app_context():
        make_world()
    client = queued_app.test_client()
    report = client.get("/api/period-reports.xlsx?period=2026-Q3&lang=zh",
                        headers=headers(queued_app, "supervisor1")).get_json()
    overdue = client.get("/api/exports/overdue.xlsx?lang=zh", headers=headers(queued_app, "helper1")).get_json()

    work(queued_app, redis_url)

    for task, user in ((report, "supervisor1"), (overdue, "helper1")):
        done = client.get(f"/api/tasks/{task['id']}", headers=headers(queued_app, user)).get_json()
        assert done["state"] == "done", done
        file = client.get(f"/api/tasks/{task['id']}/file", headers=headers(queued_app, user))
        assert file.status_code == 200 and file.data[:2] == b"PK"


def test_flask_worker_runs_the_queue_in_its_own_process(queued_app, redis_url, tmp_path) -> None:
    """The command the README gives: RQ's forking worker, a separate process, the same runner."""
    import os
    import sys

    with queued_app.app_context():
        make_world()
    client = queued_app.test_client()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(6)]).encode("gbk")
    task = client.post("/api/persons/import", headers=headers(queued_app, "supervisor1"),
                       content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "ledger.csv")}).get_json()
    env = {**os.environ, "DATABASE_URL": queued_app.config["SQLALCHEMY_DATABASE_URI"],
           "TASKS_REDIS_URL": redis_url, "TASKS_FOLDER": queued_app.config["TASKS_FOLDER"]}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "server", "worker", "--burst"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]

    polled = client.get(f"/api/tasks/{task['id']}", headers=headers(queued_app, "supervisor1")).get_json()
    assert (polled["state"], polled["result"]["created"]) == ("done", {"households": 3, "persons": 6})
