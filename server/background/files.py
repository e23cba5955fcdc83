"""Where a task's files live: one folder per task under the instance folder, or under
`TASKS_FOLDER` (config, then environment).

The worker and the web process must see the same folder (one machine, or a shared volume).
Paths in the database are relative to the tasks folder, so moving the folder moves them all.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from flask import current_app


def folder() -> Path:
    configured = current_app.config.get("TASKS_FOLDER") or os.environ.get("TASKS_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "tasks"


def task_folder(task_id: uuid.UUID) -> Path:
    path = folder() / str(task_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def write(task_id: uuid.UUID, name: str, data: bytes) -> str:
    """Keep `data` as the task's file `name`; the path to store (relative)."""
    (task_folder(task_id) / name).write_bytes(data)
    return f"{task_id}/{name}"


def read(relative: str) -> bytes:
    return (folder() / relative).read_bytes()


def exists(relative: str | None) -> bool:
    return relative is not None and (folder() / relative).is_file()


def remove(task_id: uuid.UUID) -> None:
    shutil.rmtree(folder() / str(task_id), ignore_errors=True)


def discard(relative: str | None) -> None:
    """Delete one of a task's files (an upload, once read: it holds personal data)."""
    if relative:
        (folder() / relative).unlink(missing_ok=True)
