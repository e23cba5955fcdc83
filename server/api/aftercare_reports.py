"""The board's aftercare figures: hired and kept, retention at 3 and 6 months, per period."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from ..errors import Unprocessable
from ..reporting.aftercare import aftercare
from ..reporting.period import BadPeriod, parse_period
from ..reports.filters import ReportScope
from ..schemas.outcomes import AftercareQuery, AftercareReport
from ..security import login_required, me

blp = Blueprint("aftercare_reports", __name__, url_prefix="/api/reports",
                description="Aftercare figures")

FILTERS = ("committee_id", "helper_id", "category")


@blp.get("/aftercare")
@login_required("admin", "supervisor")
@blp.arguments(AftercareQuery, location="query")
@blp.response(200, AftercareReport)
def get(args: dict[str, Any]) -> dict[str, Any]:
    """Hired and kept in a period (2026-12, 2026-Q4, 2026), scoped like the board"""
    try:
        period = parse_period(args["period"])
    except BadPeriod as exc:
        raise Unprocessable(str(exc), fields={"period": [str(exc)]}) from exc
    return aftercare(ReportScope(me(), {k: args[k] for k in FILTERS if k in args}), period)
