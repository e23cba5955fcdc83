"""Every list and ledger as .xlsx for people: headers and values labelled, never codes.

`GET /api/exports/<name>.xlsx` serves the ledgers (graduates, disadvantaged, visits, overdue;
`server/reporting/ledgers.py`) and every table of the board (`reports.tables.TABLES`), in the
caller's scope, in the caller's language (`lang`, default zh). The CSV exports
(`/api/reports/<name>.csv`) keep their codes for machines. A client that sends
`Prefer: respond-async` or `?async=1` (the PWA) gets 202 and a task whose file it downloads when done
(`/api/tasks/<id>/file`): a district's whole ledger need not hold a request.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint

from .. import background
from ..reporting.exports import check_export, list_export, period_of
from ..schemas.period_reports import ExportQuery
from ..schemas.tasks import TaskOut
from ..security import device_id, login_required, me
from .downloads import XLSX, download
from .tasks import accepted, task_query, wants_async

blp = Blueprint("exports", __name__, url_prefix="/api/exports", description="Reports")


@blp.get("/<string:name>.xlsx")
@login_required("admin", "supervisor", "helper")
@blp.arguments(ExportQuery, location="query")
@blp.response(200, content_type=XLSX, description="One sheet, labelled headers and values")
@blp.alt_response(202, schema=TaskOut, description="Running as a background task")
def xlsx(args: dict[str, Any], name: str) -> Response:
    """A ledger (graduates, disadvantaged, visits, overdue) or a board list as .xlsx"""
    if wants_async():
        check_export(me(), name)
        if name == "visits":
            period_of(args)  # a bad period is the request's 422, not a failed task
        task = background.start("export", owner=me(), device=device_id(), lang=args["lang"],
                                params={"name": name, "query": task_query()})
        return accepted(task)
    export = list_export(me(), name, args)
    return download(export.data, export.name, export.label)
