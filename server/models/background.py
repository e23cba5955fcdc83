"""Background tasks: a long import or export, its progress, and the file it leaves.

A row is written when the request that starts the work is accepted (202), and then only by the
task's runner (`server.background.runner`), in RQ's worker or inline in the request: so a
phone polling `GET /api/tasks/<id>` reads the same row whichever way the work ran. The
message is stored in the language of the person who asked, since they are the only reader.
The input (an uploaded file) and the result (a workbook) are files under the instance folder,
never in the database: a 5 MB upload must not sit in a row that is polled every second.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin

TASK_STATES = ("queued", "running", "done", "failed")


class BackgroundJob(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "background_job"

    #: What the runner does (`server.background.kinds.KINDS`): `import_persons`, `export`...
    kind: Mapped[str] = mapped_column(String(32))
    #: `queued`, `running`, `done` or `failed`.
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    #: Progress: `done` of `total` steps (rows); total 0 while it is not known yet.
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    #: The last thing the task said, in `lang` (the asker's language).
    message: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(2), default="zh")
    #: The arguments of the work (filters, period, the upload's file name).
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: What it produced besides a file: an import's line report, counts.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    #: The result file, relative to the tasks folder, and the name it downloads as.
    file_path: Mapped[str | None] = mapped_column(String(255), default=None)
    file_name: Mapped[str | None] = mapped_column(String(255), default=None)
    #: Why it failed, in `lang`; the error code for the phone's own message.
    error: Mapped[str | None] = mapped_column(Text, default=None)
    error_code: Mapped[str | None] = mapped_column(String(48), default=None)
    #: Who asked, from which device: the only one who may poll it and download its file.
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
