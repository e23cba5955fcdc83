"""The recommendation funnel, and the people who keep applying without being hired.

Both read `Recommendation.history` (every move: `{from, to, at, by}`) inside the database. A
recommendation counts at every stage it reached; a stage the state machine makes it pass
through (no one is hired who never applied) counts even if an old history skipped its move.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select, true, union_all

from ..extensions import db
from ..models import Area, Household, Person, Recommendation, User, utcnow
from ..models.outcomes import Placement
from .filters import ReportScope
from .sql import json_elements, json_text

#: Funnel stage → the states whose presence shows the stage was reached.
STAGES: dict[str, tuple[str, ...]] = {
    "recommended": ("recommended", "viewed", "interested", "declined", "applied", "interview",
                    "hired", "rejected"),
    "interested": ("interested", "applied", "interview", "hired", "rejected"),
    "applied": ("applied", "interview", "hired", "rejected"),
    "interview": ("interview",),
    "hired": ("hired",),
}
#: Side exits, counted too.
EXITS = ("declined", "rejected")
#: A move that is an attempt at a job, for targeted help.
ATTEMPTS = ("applied", "interview", "rejected")


def _reached(scope: ReportScope) -> Any:
    """(rec id, state) for every state a recommendation in scope has been in."""
    moves = json_elements(Recommendation.history, "moves")
    in_scope = and_(Person.id == Recommendation.person_id, Household.id == Person.household_id,
                    scope.persons())
    from_history = (select(Recommendation.id.label("rec_id"), json_text(moves, "to").label("state"))
                    .select_from(Recommendation).join(moves, true())
                    .join(Person, Person.id == Recommendation.person_id)
                    .join(Household, Household.id == Person.household_id).where(in_scope))
    current = (select(Recommendation.id.label("rec_id"), Recommendation.state.label("state"))
               .join(Person, Person.id == Recommendation.person_id)
               .join(Household, Household.id == Person.household_id).where(in_scope))
    return union_all(from_history, current).subquery("reached")


def funnel(scope: ReportScope) -> dict[str, Any]:
    """`{stages: [{stage, count}], declined, rejected}` with one GROUP-free aggregate query."""
    reached = _reached(scope)
    columns = [func.count(distinct(case((reached.c.state.in_(states), reached.c.rec_id))))
               for states in (*STAGES.values(), *((e,) for e in EXITS))]
    row = db.session.execute(select(*columns).select_from(reached)).one()
    stages = [{"stage": name, "count": int(n)} for name, n in zip(STAGES, row, strict=False)]
    exits = dict(zip(EXITS, row[len(STAGES):], strict=True))
    return {"stages": stages, **{k: int(v) for k, v in exits.items()}}


def struggling(scope: ReportScope, *, days: int = 90, min_attempts: int = 3,
               now: datetime | None = None) -> list[dict[str, Any]]:
    """Persons with `min_attempts`+ jobs applied for, interviewed at or rejected from in the
    last `days` days, and no hire in that time: the ones to give targeted help."""
    since = ((now or utcnow()) - timedelta(days=days)).isoformat()
    moves = json_elements(Recommendation.history, "moves")
    to, at = json_text(moves, "to"), json_text(moves, "at")
    recent = at >= since

    def moves_to(*states: str) -> Any:
        return func.count(distinct(case((and_(recent, to.in_(states)), Recommendation.id))))

    attempts = moves_to(*ATTEMPTS)
    hires = func.count(case((and_(recent, to == "hired"), 1)))
    last = func.max(case((and_(recent, to.in_(ATTEMPTS)), at)))
    query = (
        select(Person.id, Person.name, Person.status, Person.category, Person.helper_id,
               Person.household_id, Area.name, User.display_name,
               attempts, moves_to("applied"), moves_to("interview"), moves_to("rejected"), last)
        .select_from(Recommendation).join(moves, true())
        .join(Person, Person.id == Recommendation.person_id)
        .join(Household, Household.id == Person.household_id)
        .join(Area, Area.id == Household.committee_id)
        .outerjoin(User, User.id == Person.helper_id)
        .where(scope.persons(), or_(Person.status.not_in(("employed",)), Person.status.is_(None)))
        .group_by(Person.id, Person.name, Person.status, Person.category, Person.helper_id,
                  Person.household_id, Area.name, User.display_name)
        .having(attempts >= min_attempts, hires == 0)
        .order_by(attempts.desc(), Person.name)
    )
    items = [
        {"person_id": pid, "name": name, "status": status, "category": category,
         "helper_id": helper_id, "helper_name": helper_name or "", "household_id": household_id,
         "committee": committee, "attempts": int(n), "applied": int(a), "interviews": int(i),
         "rejections": int(r), "last_attempt_at": (last_at or "")[:19], "at_risk": None}
        for pid, name, status, category, helper_id, household_id, committee, helper_name,
        n, a, i, r, last_at in db.session.execute(query)
    ]
    return items + at_risk(scope, {item["person_id"] for item in items})


def at_risk(scope: ReportScope, listed: set[Any]) -> list[dict[str, Any]]:
    """Persons in a job flagged as likely to quit (an open placement marked at risk): targeted
    help to keep the job, after those struggling to find one."""
    query = (
        select(Person.id, Person.name, Person.status, Person.category, Person.helper_id,
               Person.household_id, Area.name, User.display_name, Placement.employer_name,
               Placement.at_risk_note)
        .select_from(Placement)
        .join(Person, Person.id == Placement.person_id)
        .join(Household, Household.id == Person.household_id)
        .join(Area, Area.id == Household.committee_id)
        .outerjoin(User, User.id == Person.helper_id)
        .where(scope.persons(), Placement.at_risk.is_(True), Placement.ended_on.is_(None))
        .order_by(Person.name)
    )
    out: list[dict[str, Any]] = []
    for (pid, name, status, category, helper_id, household_id, committee, helper_name,
         employer, note) in db.session.execute(query):
        if pid in listed:
            continue
        listed.add(pid)
        out.append({"person_id": pid, "name": name, "status": status, "category": category,
                    "helper_id": helper_id, "helper_name": helper_name or "",
                    "household_id": household_id, "committee": committee, "attempts": 0,
                    "applied": 0, "interviews": 0, "rejections": 0, "last_attempt_at": "",
                    "at_risk": {"employer": employer or "", "note": note or ""}})
    return out
