"""Every list and ledger as .xlsx for people: headers and values labelled, never codes.

`GET /api/exports/<name>.xlsx` serves the ledgers (graduates, disadvantaged, visits, overdue;
`server/reporting/ledgers.py`) and every table of the board (`reports.tables.TABLES`), in the
caller's scope, in the caller's language (`lang`, default zh). The CSV exports
(`/api/reports/<name>.csv`) keep their codes for machines.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint

from ..errors import Forbidden, NotFound
from ..reporting.ledgers import LEDGERS
from ..reporting.sheets import labelled, title
from ..reports.filters import ReportScope
from ..reports.tables import TABLES
from ..schemas.period_reports import ExportQuery
from ..security import login_required, me
from ..spreadsheets import workbook
from .period_reports import XLSX, download, period_of

blp = Blueprint("exports", __name__, url_prefix="/api/exports", description="Reports")

FILTERS = ("committee_id", "helper_id", "category")
#: What a helper may export (about their own caseload); the rest are the office's.
HELPER_EXPORTS = {"struggling", "overdue"}
#: A ledger wins over a board table of the same name ("overdue" is the ledger of persons; the
#: board's per-helper overdue table stays at /api/reports/overdue.csv).
NAMES = (*LEDGERS, *(name for name in TABLES if name not in LEDGERS))


@blp.get("/<string:name>.xlsx")
@login_required("admin", "supervisor", "helper")
@blp.arguments(ExportQuery, location="query")
@blp.response(200, content_type=XLSX, description="One sheet, labelled headers and values")
def xlsx(args: dict[str, Any], name: str) -> Response:
    """A ledger (graduates, disadvantaged, visits, overdue) or a board list as .xlsx"""
    if name not in NAMES:
        raise NotFound(f"No export {name!r}; try one of: {', '.join(NAMES)}.")
    if me().role == "helper" and name not in HELPER_EXPORTS:
        raise Forbidden("Your role cannot export this list.")
    scope = ReportScope(me(), {k: args[k] for k in FILTERS if k in args})
    lang = args["lang"]
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
    return download(data, f"doorstep-{name}.xlsx", f"{title(name, lang)}.xlsx")
