"""Reporting upwards: a period's figures per sub-district (or committee), as JSON or .xlsx.

The district (an admin) compares its sub-districts; a supervisor sees their sub-district's
committees. Definitions of every figure: `server/reporting/figures.py`; the workbook:
`server/reporting/exports.py`. The .xlsx answers 202 with a background task when the client
sends `Prefer: respond-async` or `?async=1` (the PWA's reports screen does).
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint

from .. import background
from ..reporting.exports import period_of, report_export, report_of
from ..schemas.period_reports import PeriodQuery, PeriodReport
from ..schemas.tasks import TaskOut
from ..security import device_id, login_required, me
from .downloads import XLSX, download
from .tasks import accepted, task_query, wants_async

blp = Blueprint("period_reports", __name__, url_prefix="/api", description="Reports")

__all__ = ["XLSX", "blp", "download", "period_of"]  # period_of: other report views parse periods too


@blp.get("/period-reports")
@login_required("admin", "supervisor")
@blp.arguments(PeriodQuery, location="query")
@blp.response(200, PeriodReport)
def get(args: dict[str, Any]) -> dict[str, Any]:
    """A period's figures (month, quarter, year or from/to) per sub-district or committee"""
    return report_of(me(), args)


@blp.get("/period-reports.xlsx")
@login_required("admin", "supervisor")
@blp.arguments(PeriodQuery, location="query")
@blp.response(200, content_type=XLSX, description="The report as a workbook with labelled headers")
@blp.alt_response(202, schema=TaskOut, description="Running as a background task")
def xlsx(args: dict[str, Any]) -> Response:
    """The period report as .xlsx (headers and labels in `lang`)"""
    if wants_async():
        period_of(args)  # a bad period is the request's 422, not a failed task
        task = background.start("period_report", owner=me(), device=device_id(), lang=args["lang"],
                                params={"query": task_query()})
        return accepted(task)
    export = report_export(me(), args)
    return download(export.data, export.name, export.label)
