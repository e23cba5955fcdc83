"""Background tasks: poll one, list yours, download what it made.

Tasks are created by the endpoints that start long work (the person and job imports, the
.xlsx exports): they answer 202 with the task when the client sends `Prefer: respond-async`
(RFC 7240) or `?async=1` (the PWA, and a plain link), or when the upload is large, and at once
as before otherwise. Only the person
who asked sees a task or its file; anyone else gets a 404, as for a task that does not exist.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, jsonify, request
from flask_smorest import Blueprint
from sqlalchemy import select

from ..background import files
from ..background.tasks import view, visible_task
from ..errors import Conflict
from ..extensions import db
from ..models.background import BackgroundJob
from ..schemas.tasks import TaskList, TaskOut
from ..security import login_required, me
from .downloads import download

blp = Blueprint("tasks", __name__, url_prefix="/api/tasks", description="Tasks")

STAFF = ("admin", "supervisor", "helper")
#: An upload bigger than this runs as a task even for a client that did not ask for it.
ASYNC_BYTES = 256 * 1024


def wants_async(size: int = 0) -> bool:
    """Whether to answer 202 with a task: the client asked, or the upload is big."""
    prefer = request.headers.get("Prefer", "").lower()
    asked = request.args.get("async", "").lower() in ("1", "true", "yes")
    return asked or "respond-async" in prefer or size > ASYNC_BYTES


def task_query() -> dict[str, str]:
    """The request's query as the task keeps it (to load it again with the view's schema)."""
    return {k: v for k, v in request.args.items() if k != "async"}


def accepted(task: BackgroundJob) -> Response:
    """202 with the task, and where to poll it."""
    response = jsonify(TaskOut().dump(view(task)))
    response.status_code = 202
    response.headers["Location"] = f"/api/tasks/{task.id}"
    return response


@blp.get("")
@login_required(*STAFF)
@blp.response(200, TaskList)
def mine() -> dict[str, Any]:
    """Your last 20 tasks, newest first"""
    tasks = db.session.scalars(select(BackgroundJob).where(BackgroundJob.owner_id == me().id)
                               .order_by(BackgroundJob.created_at.desc()).limit(20))
    return {"items": [view(t) for t in tasks]}


@blp.get("/<uuid:task_id>")
@login_required(*STAFF)
@blp.response(200, TaskOut)
def get(task_id: uuid.UUID) -> dict[str, Any]:
    """One of your tasks: state, progress (done/total) and its message"""
    return view(visible_task(task_id, me()))


@blp.get("/<uuid:task_id>/file")
@login_required(*STAFF)
@blp.response(200, content_type="application/octet-stream", description="The file the task made")
def file(task_id: uuid.UUID) -> Response:
    """Download the file your finished task made (an .xlsx export)"""
    task = visible_task(task_id, me())
    if task.state != "done" or not files.exists(task.file_path):
        raise Conflict("The task has no file (yet).", code="task_not_ready")
    assert task.file_path is not None
    name = task.file_path.rsplit("/", 1)[-1]
    return download(files.read(task.file_path), name, task.file_name or name)
