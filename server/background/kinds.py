"""What each kind of task does: the person and job imports, the list exports, the period report.

Each kind takes the task (its params and language), the user who asked (whose scope and
rights it runs with, exactly as their request would have) and a `Progress`, and returns an
`Outcome` or raises `TaskRejected`. Query arguments are stored as the client sent them and
loaded again here with the view's schema, so a task reads them as the view did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import EXCLUDE, ValidationError

from ..csv_import import ImportResult, import_jobs, import_persons
from ..models import User
from ..models.background import BackgroundJob
from ..reporting.exports import Export, list_export, report_export
from ..schemas.period_reports import ExportQuery, PeriodQuery
from . import files
from .messages import say
from .runner import Outcome, Progress, TaskRejected

Kind = Callable[[BackgroundJob, User, Progress], Outcome]


def _imported(task: BackgroundJob, result: ImportResult, progress: Progress) -> Outcome:
    report = result.to_dict(task.lang)
    if not result.ok:
        raise TaskRejected("import_rejected", say("rejected", task.lang, count=len(result.errors)), report)
    progress(result.rows, result.rows, "imported", rows=result.rows)
    return Outcome(say("imported", task.lang, rows=result.rows), report)


def persons(task: BackgroundJob, owner: User, progress: Progress) -> Outcome:
    progress(0, 0, "reading")
    result = import_persons(files.read(task.params["input"]), by=owner, device=task.device_id or "task",
                            filename=task.params.get("filename"), progress=progress)
    return _imported(task, result, progress)


def jobs(task: BackgroundJob, owner: User, progress: Progress) -> Outcome:
    progress(0, 0, "reading")
    result = import_jobs(files.read(task.params["input"]), by=owner, device=task.device_id or "task",
                         filename=task.params.get("filename"))
    return _imported(task, result, progress)


def _args(schema: Any, task: BackgroundJob) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = schema.load(task.params.get("query", {}), unknown=EXCLUDE)
    except ValidationError as exc:
        raise TaskRejected("validation_error", say("bad_request", task.lang, reason=exc.messages)) from exc
    return loaded


def _exported(task: BackgroundJob, export: Export, progress: Progress) -> Outcome:
    progress(export.rows, export.rows, "exported", rows=export.rows)
    path = files.write(task.id, export.name, export.data)
    return Outcome(say("exported", task.lang, rows=export.rows), {"rows": export.rows}, (path, export.label))


def export(task: BackgroundJob, owner: User, progress: Progress) -> Outcome:
    progress(0, 0, "exporting")
    return _exported(task, list_export(owner, task.params["name"], _args(ExportQuery(), task)), progress)


def period_report(task: BackgroundJob, owner: User, progress: Progress) -> Outcome:
    progress(0, 0, "exporting")
    return _exported(task, report_export(owner, _args(PeriodQuery(), task)), progress)


KINDS: dict[str, Kind] = {
    "import_persons": persons, "import_jobs": jobs, "export": export, "period_report": period_report,
}
