"""Reports: the supervisor's board, the targeted-help list, and every list as CSV."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint

from ..errors import Forbidden, NotFound
from ..reports.filters import ReportScope
from ..reports.funnel import struggling as struggling_list
from ..reports.summary import summary as board
from ..reports.tables import TABLES, to_csv
from ..schemas.board_followup import BoardSummary
from ..schemas.reports import CsvQuery, StrugglingList, StrugglingQuery, SummaryQuery
from ..security import login_required, me

blp = Blueprint("reports", __name__, url_prefix="/api/reports", description="Reports")

FILTERS = ("committee_id", "helper_id", "category")
#: Tables a helper may export too (about their own caseload); the rest are the board's.
HELPER_TABLES = {"struggling", "overdue_persons"}


def _scope(args: dict[str, Any]) -> ReportScope:
    return ReportScope(me(), {k: args[k] for k in FILTERS if k in args})


@blp.get("/summary")
@login_required("admin", "supervisor")
@blp.arguments(SummaryQuery, location="query")
@blp.response(200, BoardSummary)
def summary(args: dict[str, Any]) -> dict[str, Any]:
    """The board: counts by status, category, committee and helper, the cohort, overdue
    follow-ups (by helper and group), contacts and attempts, targets and the funnel (a
    supervisor: their sub-district; an admin: all)"""
    return board(_scope(args), graduation_year=args.get("graduation_year"))


@blp.get("/struggling")
@login_required("admin", "supervisor", "helper")
@blp.arguments(StrugglingQuery, location="query")
@blp.response(200, StrugglingList)
def struggling(args: dict[str, Any]) -> dict[str, Any]:
    """People who applied or interviewed 3+ times in 90 days without being hired (targeted help)"""
    items = struggling_list(_scope(args), days=args["days"], min_attempts=args["min_attempts"])
    return {"days": args["days"], "min_attempts": args["min_attempts"], "items": items}


@blp.get("/<string:name>.csv")
@login_required("admin", "supervisor", "helper")
@blp.arguments(CsvQuery, location="query")
@blp.response(200, content_type="text/csv",
              description="UTF-8 with a byte-order mark, so Excel opens Chinese text")
def csv_table(args: dict[str, Any], name: str) -> Response:
    """One list of the board as CSV: status, category, committee, helper, cohort, overdue (per
    helper), overdue_persons (each with the reason, in your language), group, activity, targets,
    funnel or struggling"""
    if name not in TABLES:
        raise NotFound(f"No report {name!r}; try one of: {', '.join(TABLES)}.")
    if me().role == "helper" and name not in HELPER_TABLES:
        raise Forbidden("Your role cannot export this report.")
    columns, rows = TABLES[name](_scope(args), args)
    return Response(to_csv(columns, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="doorstep-{name}.csv"'})
