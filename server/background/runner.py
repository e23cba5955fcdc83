"""Running one task: the same code in RQ's worker and inline in a request.

`run(task_id)` is what RQ calls (by name: `server.background.runner.run`). It marks the task
running, calls its kind (`kinds.KINDS`) with a `Progress`, and writes the outcome: done with a
result and maybe a file, or failed with a message in the asker's language. A kind refuses with
`TaskRejected` (an import with bad lines: its line report is the result); anything else
unexpected is logged and shown as a plain failure, never as a traceback.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g, has_app_context, has_request_context
from rq import get_current_job

from ..errors import ApiError
from ..extensions import db
from ..models import User, utcnow
from ..models.background import BackgroundJob
from . import files
from .messages import say

log = logging.getLogger(__name__)

#: The pid of `flask worker`; RQ forks a work horse per task, which must not share its
#: parent's database connections.
WORKER_PID: int | None = None
#: Seconds between two progress writes to RQ (a 5,000-row import would otherwise write 5,000).
PROGRESS_EVERY = 0.25

_app: Flask | None = None


class TaskRejected(Exception):
    """The work cannot be done as asked: `message` (in the task's language) says why."""

    def __init__(self, code: str, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.result = code, message, result


@dataclass
class Outcome:
    message: str
    result: dict[str, Any] = field(default_factory=dict)
    #: (stored path, the name it downloads as)
    file: tuple[str, str] | None = None


class Progress:
    """`progress(done, total, key, **values)`: where the task is, said in its language."""

    def __init__(self, task: BackgroundJob) -> None:
        self.lang = task.lang
        self.done = self.total = 0
        self.message = task.message
        self._job = get_current_job()
        self._written = 0.0

    def __call__(self, done: int, total: int, key: str, **values: Any) -> None:
        self.done, self.total = done, total
        self.message = say(key, self.lang, done=done, total=total, **values)
        now = time.monotonic()
        if self._job is not None and (now - self._written >= PROGRESS_EVERY or done >= total):
            self._written = now
            self._job.meta.update(done=done, total=total, message=self.message)
            self._job.save_meta()  # type: ignore[no-untyped-call]


def _worker_app() -> Flask:
    global _app
    if _app is None:
        from .. import create_app

        _app = create_app()
    return _app


def run(task_id: str) -> None:
    """Run the task `task_id` (RQ's entry point, and the inline one)."""
    if WORKER_PID is not None and os.getpid() != WORKER_PID:
        db.engine.dispose(close=False)  # a forked work horse opens connections of its own
    if has_request_context():
        _run(uuid.UUID(task_id), signed_in=True)  # inline: the asker's own request
        return
    app = current_app._get_current_object() if has_app_context() else _worker_app()  # type: ignore[attr-defined]
    with app.app_context():  # a fresh context (and `g`) per task
        _run(uuid.UUID(task_id), signed_in=False)


def _sign_in(owner: User) -> None:
    """Make `security.me()` the task's owner, as `verify_jwt_in_request` would for their
    request: the report code reads the caller from there (`reports.due.due_list`)."""
    g._jwt_extended_jwt = {"sub": str(owner.id), "type": "access"}
    g._jwt_extended_jwt_header = {}
    g._jwt_extended_jwt_user = {"loaded_user": owner}
    g._jwt_extended_jwt_location = "task"


def _run(task_id: uuid.UUID, *, signed_in: bool) -> None:
    from .kinds import KINDS

    task = db.session.get(BackgroundJob, task_id)
    if task is None or task.state != "queued":
        return  # already run (RQ retried it) or deleted
    task.state, task.started_at = "running", utcnow()
    db.session.commit()
    owner = db.session.get(User, task.owner_id)
    progress = Progress(task)
    try:
        if owner is None or not owner.is_active:
            raise TaskRejected("forbidden", say("failed", task.lang))
        if not signed_in:
            _sign_in(owner)
        outcome = KINDS[task.kind](task, owner, progress)
    except TaskRejected as exc:
        _finish(task_id, "failed", progress, message=exc.message, error=exc.message, code=exc.code,
                result=exc.result)
    except ApiError as exc:
        _finish(task_id, "failed", progress, message=say("failed", progress.lang),
                error=say("failed", progress.lang), code=exc.code)
    except Exception:
        log.exception("task %s (%s) failed", task_id, task.kind)
        _finish(task_id, "failed", progress, message=say("failed", progress.lang),
                error=say("failed", progress.lang), code="task_failed")
    else:
        _finish(task_id, "done", progress, message=outcome.message, result=outcome.result,
                file=outcome.file)


def _finish(task_id: uuid.UUID, state: str, progress: Progress, *, message: str,
            error: str | None = None, code: str | None = None, result: dict[str, Any] | None = None,
            file: tuple[str, str] | None = None) -> None:
    db.session.rollback()  # whatever the work left half-done is not kept
    task = db.session.get(BackgroundJob, task_id)
    if task is None:
        return
    task.state, task.message, task.error, task.error_code = state, message, error, code
    task.result = result
    task.total = progress.total
    task.done = progress.total if state == "done" else progress.done
    if file is not None:
        task.file_path, task.file_name = file
    files.discard(task.params.get("input"))
    task.finished_at = utcnow()
    db.session.commit()
