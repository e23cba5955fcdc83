"""The supervisor's board as one JSON document (`GET /api/reports/summary`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..models import utcnow
from . import counts
from .filters import ReportScope
from .funnel import funnel, struggling
from .overdue import overdue
from .targets import targets


def summary(scope: ReportScope, *, graduation_year: int | None = None,
            today: date | None = None) -> dict[str, Any]:
    today = today or utcnow().date()
    year = graduation_year or counts.cohort_year(today)
    return {
        "generated_at": utcnow(),
        "today": today,
        "scope": {"role": scope.user.role, "area_id": scope.user.area_id,
                  "filters": {k: v for k, v in scope.filters.items() if v is not None}},
        "persons": counts.total(scope),
        "by_status": counts.by_status(scope),
        "by_category": counts.by_category(scope),
        "by_committee": counts.by_committee(scope),
        "by_helper": counts.by_helper(scope),
        "cohort": counts.cohort(scope, year),
        "overdue": overdue(scope),
        "targets": targets(scope, today),
        "funnel": funnel(scope),
        "struggling": len(struggling(scope)),
    }
