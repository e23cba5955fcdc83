"""Reporting upwards: a period's figures per sub-district (or committee), as JSON or .xlsx.

The district (an admin) compares its sub-districts; a supervisor sees their sub-district's
committees. Definitions of every figure: `server/reporting/figures.py`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response
from flask_smorest import Blueprint

from ..errors import Unprocessable
from ..extensions import db
from ..labels import language
from ..models import Area
from ..reporting.figures import period_report
from ..reporting.period import BadPeriod, Period, parse_period
from ..reporting.sheets import period_sheet, title
from ..schemas.period_reports import PeriodQuery, PeriodReport
from ..security import login_required, me
from ..spreadsheets import workbook

blp = Blueprint("period_reports", __name__, url_prefix="/api", description="Reports")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, name: str, label: str) -> Response:
    """An attachment named in ASCII, and in the reader's language for browsers that can."""
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(label)}"})


def period_of(args: dict[str, Any]) -> Period:
    """The period asked for, or a 422 saying what is wrong with it."""
    try:
        return parse_period(args.get("period"), args.get("from_"), args.get("to"))
    except BadPeriod as exc:
        raise Unprocessable(f"Not a period: {exc}.", fields={"period": [str(exc)]}) from exc


def _scope_name(lang: str) -> str:
    user = me()
    area = db.session.get(Area, user.area_id) if user.area_id else None
    if area is not None:
        return area.name
    return "全区" if language(lang) == "zh" else "District"


def _report(args: dict[str, Any]) -> dict[str, Any]:
    report = period_report(me(), period_of(args), cohort=args.get("cohort"))
    return {**report, "scope_name": _scope_name(args["lang"])}


@blp.get("/period-reports")
@login_required("admin", "supervisor")
@blp.arguments(PeriodQuery, location="query")
@blp.response(200, PeriodReport)
def get(args: dict[str, Any]) -> dict[str, Any]:
    """A period's figures (month, quarter, year or from/to) per sub-district or committee"""
    return _report(args)


@blp.get("/period-reports.xlsx")
@login_required("admin", "supervisor")
@blp.arguments(PeriodQuery, location="query")
@blp.response(200, content_type=XLSX, description="The report as a workbook with labelled headers")
def xlsx(args: dict[str, Any]) -> Response:
    """The period report as .xlsx (headers and labels in `lang`)"""
    report = _report(args)
    data = workbook([period_sheet(report, report["scope_name"], args["lang"])])
    period = report["period"]["name"].replace("..", "_")
    return download(data, f"doorstep-report-{period}.xlsx",
                    f"{title('period', args['lang'])}-{report['scope_name']}-{period}.xlsx")
