"""Hired and kept, per period: the board's aftercare figures.

Definitions (PROTOCOL.md "Aftercare"; the per-placement rule is `sync/aftercare.py`):

- `interviews`, `hired`: recommendations whose history records a move to `interview` /
  `hired` on a day of the period (a staff walk records each step, so this is the same count
  whoever recorded it).
- `placements`: placements that started in the period; `kept`: those of them not ended today.
- `reached_3m` / `kept_3m` (6m likewise): placements whose 3-month mark (the `3m` step's days
  after the start) fell in the period, and those of them still in the job on that day.
- `at_risk`: open placements flagged at risk now; `ended`: placements that ended in the period,
  with `end_reasons` counting why.

Two queries in all (recommendations, placements), each bounded by the scope and the period.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select

from sync.aftercare import kept_at

from ..business_time import local_day
from ..extensions import db
from ..models import Household, Person, Recommendation
from ..models.outcomes import Placement
from ..records.retention import current_steps
from ..reports.filters import ReportScope
from .period import Period


def _history_day(entry: dict[str, Any]) -> date | None:
    try:
        return local_day(datetime.fromisoformat(str(entry.get("at"))))
    except ValueError:
        return None


def _moves(scope: ReportScope, period: Period) -> dict[str, int]:
    since = period.instants()[0]
    recs = db.session.scalars(
        select(Recommendation).join(Person, Person.id == Recommendation.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(scope.persons(), Recommendation.state.in_(("interview", "hired", "rejected", "withdrawn")),
               Recommendation.state_changed_at >= since))
    counts = {"interview": 0, "hired": 0}
    for rec in recs:
        reached = {e.get("to") for e in rec.history
                   if e.get("to") in counts and (d := _history_day(e)) is not None
                   and period.start <= d <= period.end}
        for state in reached:
            counts[str(state)] += 1
    return counts


def aftercare(scope: ReportScope, period: Period) -> dict[str, Any]:
    """The period's aftercare figures for the persons in `scope`."""
    steps = current_steps()
    three, six = steps.get("3m", 91), steps.get("6m", 182)
    earliest = period.start - timedelta(days=max(three, six))
    rows = list(db.session.scalars(
        select(Placement).join(Person, Person.id == Placement.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(scope.persons(), Placement.start_date <= period.end,
               or_(Placement.start_date >= earliest, Placement.ended_on.is_(None),
                   Placement.ended_on >= period.start))))
    out: dict[str, Any] = {"period": period.name, "start": period.start, "end": period.end,
                           **_moves(scope, period)}
    out["interviews"] = out.pop("interview")
    started = [p for p in rows if period.start <= p.start_date <= period.end]
    out["placements"] = len(started)
    out["kept"] = sum(1 for p in started if p.ended_on is None)
    for name, days in (("3m", three), ("6m", six)):
        marked = [p for p in rows if period.start <= p.start_date + timedelta(days=days) <= period.end]
        facts = [{"start_date": p.start_date, "ended_on": p.ended_on} for p in marked]
        out[f"reached_{name}"] = len(marked)
        out[f"kept_{name}"] = sum(1 for f in facts if kept_at(f, days, period.end))
    out["at_risk"] = sum(1 for p in rows if p.at_risk and p.ended_on is None)
    ended = [p for p in rows if p.ended_on is not None and period.start <= p.ended_on <= period.end]
    out["ended"] = len(ended)
    out["end_reasons"] = dict(Counter(p.end_reason or "other" for p in ended))
    return out
