"""The supervisor's board as one JSON document (`GET /api/reports/summary`). "Today" is the
office's (`business_time.business_today`), the day the phone's Today counts from too."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..business_time import business_today
from ..models import utcnow
from . import counts
from .activity import activity
from .filters import ReportScope
from .funnel import funnel, struggling
from .overdue import by_group, overdue, overdue_items
from .targets import targets


def summary(scope: ReportScope, *, graduation_year: int | None = None,
            today: date | None = None) -> dict[str, Any]:
    today = today or business_today()
    late = overdue_items(scope)
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
        "overdue": overdue(scope, late),
        "by_group": by_group(scope, late),
        "activity": activity(scope),
        "targets": targets(scope, today),
        "funnel": funnel(scope),
        "struggling": len(struggling(scope)),
    }
