"""Counts of persons by status, category, committee and helper, and the graduate cohort."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import distinct, extract, func, select

from ..domain.vocabulary import CATEGORIES, STATUSES
from ..extensions import db
from ..models import Area, Household, Person, User
from .filters import ReportScope

#: DOMAIN.md's survey order for the cohort table.
COHORT_ORDER = ("employed", "internship", "informal", "further_study", "seeking", "not_eligible")


def _persons() -> Any:
    return select().select_from(Person).join(Household, Person.household_id == Household.id)


def _by(scope: ReportScope, column: Any) -> dict[Any, int]:
    rows = db.session.execute(
        _persons().add_columns(column, func.count(Person.id)).where(scope.persons()).group_by(column)
    )
    return {key: n for key, n in rows}


def total(scope: ReportScope) -> int:
    return int(db.session.scalar(_persons().add_columns(func.count(Person.id)).where(
        scope.persons())) or 0)


def by_status(scope: ReportScope) -> list[dict[str, Any]]:
    counts = _by(scope, Person.status)
    return [{"status": s, "count": counts.get(s, 0)} for s in STATUSES]


def by_category(scope: ReportScope) -> list[dict[str, Any]]:
    counts = _by(scope, Person.category)
    return [{"category": c, "count": counts.get(c, 0)} for c in CATEGORIES]


def by_committee(scope: ReportScope) -> list[dict[str, Any]]:
    rows = db.session.execute(
        _persons().add_columns(Area.id, Area.name, func.count(Person.id),
                               func.count(distinct(Household.id)))
        .join(Area, Household.committee_id == Area.id)
        .where(scope.persons()).group_by(Area.id, Area.name).order_by(Area.name)
    )
    return [{"committee_id": i, "name": name, "persons": n, "households": h}
            for i, name, n, h in rows]


def by_helper(scope: ReportScope) -> list[dict[str, Any]]:
    """Persons per responsible helper (`Person.helper_id`); nobody's appear with no id."""
    rows = db.session.execute(
        _persons().add_columns(Person.helper_id, User.display_name, func.count(Person.id),
                               func.count(distinct(Household.id)))
        .outerjoin(User, Person.helper_id == User.id)
        .where(scope.persons()).group_by(Person.helper_id, User.display_name)
        .order_by(User.display_name)
    )
    return [{"helper_id": i, "name": name or "", "persons": n, "households": h}
            for i, name, n, h in rows]


def cohort_year(today: date) -> int:
    """The last summer's graduation year: the survey is of those who just left school."""
    return today.year if today >= date(today.year, 7, 1) else today.year - 1


def cohort(scope: ReportScope, year: int) -> dict[str, Any]:
    """Statuses of everyone in scope who graduated in `year` (DOMAIN.md's survey table)."""
    counts = _by_where(scope, Person.status, extract("year", Person.graduation_date) == year)
    order = [*COHORT_ORDER, *(s for s in STATUSES if s not in COHORT_ORDER)]
    statuses = [{"status": s, "count": counts.get(s, 0)} for s in order
                if s in COHORT_ORDER or counts.get(s)]
    return {"graduation_year": year, "total": sum(counts.values()), "statuses": statuses}


def _by_where(scope: ReportScope, column: Any, cond: Any) -> dict[Any, int]:
    rows = db.session.execute(
        _persons().add_columns(column, func.count(Person.id)).where(scope.persons(), cond)
        .group_by(column)
    )
    return {key: n for key, n in rows}
