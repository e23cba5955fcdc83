"""The workbooks people download: a ledger or a board list, and the period report.

One builder per download, called by the REST views when the file is small enough to answer at
once and by the background task (`server.background.kinds`) when it is not: so a workbook is
the same whichever way it was made. Each takes the user whose scope it covers and the query
the view validated (`schemas.period_reports.ExportQuery` / `PeriodQuery`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..labels import language
from ..models import Area, User
from ..reports.filters import ReportScope
from ..reports.tables import TABLES
from ..spreadsheets import workbook
from .figures import period_report
from .ledgers import LEDGERS
from .period import BadPeriod, Period, parse_period
from .sheets import labelled, period_sheet, title

FILTERS = ("committee_id", "helper_id", "category")
#: What a helper may export (about their own caseload); the rest are the office's.
HELPER_EXPORTS = {"struggling", "overdue"}
#: A ledger wins over a board table of the same name ("overdue" is the ledger of persons; the
#: board's per-helper overdue table stays at /api/reports/overdue.csv).
NAMES = (*LEDGERS, *(name for name in TABLES if name not in LEDGERS))


@dataclass(frozen=True)
class Export:
    data: bytes
    #: The file's name in ASCII, and in the reader's language.
    name: str
    label: str
    rows: int


def period_of(args: dict[str, Any]) -> Period:
    """The period asked for, or a 422 saying what is wrong with it."""
    try:
        return parse_period(args.get("period"), args.get("from_"), args.get("to"))
    except BadPeriod as exc:
        raise Unprocessable(f"Not a period: {exc}.", fields={"period": [str(exc)]}) from exc


def check_export(user: User, name: str) -> None:
    """404 for a list that does not exist, 403 for one the user's role may not export."""
    if name not in NAMES:
        raise NotFound(f"No export {name!r}; try one of: {', '.join(NAMES)}.")
    if user.role == "helper" and name not in HELPER_EXPORTS:
        raise Forbidden("Your role cannot export this list.")


def list_export(user: User, name: str, args: dict[str, Any]) -> Export:
    """A ledger (graduates, disadvantaged, visits, overdue) or a board list as one labelled sheet."""
    check_export(user, name)
    scope = ReportScope(user, {k: args[k] for k in FILTERS if k in args})
    lang = args.get("lang", "zh")
    caption: list[str] = []
    if name in LEDGERS:
        if name == "visits":
            period = period_of(args)
            args = {**args, "period": period}
            caption = [title(name, lang), f"{period.start} – {period.end}"]
        columns, rows = LEDGERS[name](scope, args)
    else:
        columns, rows = TABLES[name](scope, args)
    data = workbook([labelled(name, columns, rows, lang, caption)])
    return Export(data, f"doorstep-{name}.xlsx", f"{title(name, lang)}.xlsx", len(rows))


def scope_name(user: User, lang: str) -> str:
    area = db.session.get(Area, user.area_id) if user.area_id else None
    if area is not None:
        return area.name
    return "全区" if language(lang) == "zh" else "District"


def report_of(user: User, args: dict[str, Any]) -> dict[str, Any]:
    """The period report in `user`'s scope, with the scope's name."""
    report = period_report(user, period_of(args), cohort=args.get("cohort"))
    return {**report, "scope_name": scope_name(user, args.get("lang", "zh"))}


def report_export(user: User, args: dict[str, Any]) -> Export:
    """The period report as a workbook (headers and labels in `lang`)."""
    lang = args.get("lang", "zh")
    report = report_of(user, args)
    data = workbook([period_sheet(report, report["scope_name"], lang)])
    period = report["period"]["name"].replace("..", "_")
    return Export(data, f"doorstep-report-{period}.xlsx",
                  f"{title('period', lang)}-{report['scope_name']}-{period}.xlsx", len(report["rows"]))
