"""Matrix rows of the background tasks (`/api/tasks`): a task is its owner's alone.

The scene gives each staff user one finished export with its file; every role's own task is
theirs, and the foreign one is a colleague's (same answer as a random id: 404).
"""

from __future__ import annotations

import uuid

from server.background import files
from server.extensions import db
from server.models.background import BackgroundJob

from .kit import STAFF, Endpoint, allow, at

OWNERS = {"admin": "admin", "supervisor": "supervisor1", "helper": "helper1", "other_helper": "helper9"}
FOREIGN_OF = {"admin": "helper1", "supervisor": "helper1", "helper": "supervisor1", "other_helper": "helper1"}

ROWS = [
    Endpoint("GET", "/api/tasks", allow(STAFF), at("/api/tasks"), lists="task"),
    Endpoint("GET", "/api/tasks/<uuid:task_id>", allow(STAFF), at("/api/tasks/{t}"), target="task"),
    Endpoint("GET", "/api/tasks/<uuid:task_id>/file", allow(STAFF), at("/api/tasks/{t}/file"), target="task"),
]

TARGETS = {
    "task": (
        {role: f"task_{user}" for role, user in OWNERS.items()},
        {role: f"task_{user}" for role, user in FOREIGN_OF.items()},
    )
}


def scene(s: dict[str, str]) -> None:
    for user in OWNERS.values():
        task = BackgroundJob(id=uuid.uuid4(), kind="export", state="done", owner_id=uuid.UUID(s[f"u_{user}"]),
                             params={"name": "overdue"}, message="done", file_name="逾期.xlsx")
        task.file_path = files.write(task.id, "doorstep-overdue.xlsx", b"PK not really a workbook")
        db.session.add(task)
        s[f"task_{user}"] = str(task.id)
