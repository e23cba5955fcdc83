"""Starting a task and reading it back: the queue (RQ on Redis) or inline, and who may see it.

`start` writes the row, keeps the upload on disk and hands the task's id to RQ when a queue is
configured, or runs it at once in this request when none is (SQLite, the demo, the tests):
then the 202 carries a task that is already done, and the phone shows it the same way.
While a task runs in a worker its progress lives in RQ's job meta (written without touching
the database, whose import transaction must stay all or nothing); `view` lays it over the row.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from typing import Any

import redis
from flask import current_app
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from sqlalchemy import select

from ..errors import ApiError, NotFound
from ..extensions import db
from ..labels import language
from ..models import User, utcnow
from ..models.background import BackgroundJob
from . import files, runner
from .messages import say

#: RQ's queue of this app's tasks.
QUEUE = "doorstep-tasks"
#: A worker that takes longer than this on one task is stopped (RQ's job timeout).
TIMEOUT_SECONDS = 3600
#: How long RQ keeps a job's own record; the database row is what users read.
KEEP_SECONDS = 24 * 3600
#: A finished task (row and files) is kept this long, then cleared when its owner starts another.
KEEP_TASKS = timedelta(days=7)


def queue_url() -> str | None:
    """The Redis of the task queue: `TASKS_REDIS_URL` (config, then environment), else
    `REDIS_URL`; none means inline."""
    if "TASKS_REDIS_URL" in current_app.config:
        return current_app.config["TASKS_REDIS_URL"] or None
    return os.environ.get("TASKS_REDIS_URL") or os.environ.get("REDIS_URL") or None


def connection(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=10)


def start(kind: str, *, owner: User, device: str | None, params: dict[str, Any], lang: str | None,
          upload: bytes | None = None, upload_name: str = "input") -> BackgroundJob:
    """Write the task, then queue it or run it inline; the task as it is now."""
    _clear_old(owner)
    task = BackgroundJob(id=uuid.uuid4(), kind=kind, owner_id=owner.id, device_id=device,
                         lang=language(lang or owner.locale), state="queued")
    task.message = say("queued", task.lang)
    stored = dict(params)
    if upload is not None:
        stored["input"] = files.write(task.id, upload_name, upload)
    task.params = stored
    db.session.add(task)
    db.session.commit()
    url = queue_url()
    if url is None:
        runner.run(str(task.id))
    else:
        try:
            Queue(QUEUE, connection=connection(url)).enqueue(
                "server.background.runner.run", str(task.id), job_id=str(task.id),
                job_timeout=TIMEOUT_SECONDS, result_ttl=KEEP_SECONDS, failure_ttl=KEEP_SECONDS)
        except redis.RedisError as exc:
            task.state, task.error_code = "failed", "unavailable"
            task.error = task.message = say("failed", task.lang)
            db.session.commit()
            files.remove(task.id)
            raise ApiError("The task queue cannot be reached; try again in a moment.",
                           code="unavailable", status=503) from exc
    db.session.refresh(task)
    return task


def _clear_old(owner: User) -> None:
    """The owner's tasks finished more than KEEP_TASKS ago go, with their files (uploads hold
    personal data: they are not kept for ever)."""
    old = list(db.session.scalars(select(BackgroundJob).where(
        BackgroundJob.owner_id == owner.id, BackgroundJob.finished_at < utcnow() - KEEP_TASKS)))
    for task in old:
        files.remove(task.id)
        db.session.delete(task)


def visible_task(task_id: uuid.UUID, user: User) -> BackgroundJob:
    """The task if `user` asked for it; anyone else is told it does not exist."""
    task = db.session.get(BackgroundJob, task_id)
    if task is None or task.owner_id != user.id:
        raise NotFound("No such task.")
    return task


def view(task: BackgroundJob) -> dict[str, Any]:
    """The task as the API shows it, with a worker's live progress when it is running."""
    out: dict[str, Any] = {
        "id": task.id, "kind": task.kind, "state": task.state, "done": task.done, "total": task.total,
        "message": task.message, "result": task.result, "error": task.error, "error_code": task.error_code,
        "file_name": task.file_name, "has_file": task.state == "done" and files.exists(task.file_path),
        "created_at": task.created_at, "started_at": task.started_at, "finished_at": task.finished_at,
    }
    url = queue_url()
    if task.state in ("queued", "running"):
        if url is not None:
            out.update(_live(task, url))
        elif task.created_at < utcnow() - timedelta(seconds=TIMEOUT_SECONDS):
            # Inline, the request that ran it ended long ago: the process stopped under it.
            out.update(state="failed", error_code="task_failed", error=say("lost", task.lang),
                       message=say("lost", task.lang))
    return out


def _live(task: BackgroundJob, url: str) -> dict[str, Any]:
    try:
        job = Job.fetch(str(task.id), connection=connection(url))
    except (NoSuchJobError, redis.RedisError):
        return {}
    meta = job.get_meta(refresh=False)
    live = {k: meta[k] for k in ("done", "total", "message") if k in meta}
    if job.is_started:
        live["state"] = "running"
    elif job.is_failed:
        # The worker died under it (killed, out of memory): the row could not say so itself.
        live.update(state="failed", error_code="task_failed", error=say("lost", task.lang),
                    message=say("lost", task.lang))
    return live
