"""What the demo holds: row counts, the cohort's statuses, and what each demo login will see."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import func, or_, select

from ..business_time import business_today
from ..domain.follow_up import due_for
from ..extensions import db
from ..models import (
    Area,
    Assignment,
    AuditLog,
    Household,
    Job,
    Note,
    Person,
    Policy,
    Recommendation,
    StatusEvent,
    TrainingCourse,
    User,
    Visit,
)
from .cohort import cohort_year

COUNTED = {
    "areas": Area, "users": User, "households": Household, "persons": Person, "jobs": Job,
    "trainings": TrainingCourse, "policies": Policy, "visits": Visit, "notes": Note,
    "status_events": StatusEvent, "recommendations": Recommendation, "assignments": Assignment,
    "audit_log": AuditLog,
}
DEMO_LOGINS = ("admin", "supervisor1", "helper1", "helper2", "graduate1")


def _count(model: Any, *where: Any) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def cohort_statuses(year: int) -> dict[str, int]:
    """Statuses of everyone who graduated in `year` (the surveyed cohort)."""
    rows = db.session.execute(
        select(Person.status, func.count()).where(
            Person.graduation_date >= date(year, 1, 1), Person.graduation_date <= date(year, 12, 31)
        ).group_by(Person.status)
    )
    return {status: int(n) for status, n in rows}


def overdue_count(persons: list[Person], today: date) -> int:
    """Persons past their follow-up date, by the one rule GET /api/follow-ups/due uses."""
    if not persons:
        return 0
    answers = due_for(select(Person).where(Person.id.in_([p.id for p in persons])), persons, today)
    return sum(1 for answer in answers if answer.overdue)


def _helper_view(user: User, today: date) -> str:
    mine = or_(Household.primary_helper_id == user.id, Household.partner_helper_id == user.id)
    households = _count(Household, mine)
    shared = _count(Household, mine, Household.partner_helper_id.is_not(None))
    persons = list(db.session.scalars(select(Person).join(Household).where(mine)))
    return (f"{households} households ({shared} shared with their pair), {len(persons)} persons, "
            f"{overdue_count(persons, today)} overdue follow-ups")


def _sees(user: User, today: date) -> str:
    if user.role == "admin":
        return f"all {_count(User)} users and {_count(Area)} areas; every file"
    if user.role == "supervisor":
        here = Household.subdistrict_id == user.area_id
        returned = db.session.scalar(
            select(func.count()).select_from(Visit).join(Household).where(here, Visit.review_state == "returned"))
        pending = db.session.scalar(
            select(func.count()).select_from(Visit).join(Household).where(here, Visit.review_state == "pending"))
        return (f"sub-district {user.area.name if user.area else '?'}: {_count(Household, here)} households, "
                f"{pending} visits to review, {returned} returned")
    if user.role == "helper":
        return _helper_view(user, today)
    person = db.session.get(Person, user.person_id) if user.person_id else None
    if person is None:
        return "no file"
    helper = db.session.get(User, person.helper_id) if person.helper_id else None
    recs = _count(Recommendation, Recommendation.person_id == person.id)
    waiting = _count(Recommendation, Recommendation.person_id == person.id,
                     Recommendation.state == "recommended")
    return (f"own file ({person.name}, {person.status}), {recs} recommendations ({waiting} to answer), "
            f"helper {helper.username if helper else '-'}")


def summarise(*, created: bool, seconds: float, seed: int | None = None,
              scale: float | None = None) -> dict[str, Any]:
    today = business_today()
    year = cohort_year(today)
    users = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_(DEMO_LOGINS)))}
    return {
        "created": created,
        "seconds": round(seconds, 2),
        "seed": seed,
        "scale": scale,
        "password": current_app.config["DEMO_PASSWORD"],
        "counts": {name: _count(model) for name, model in COUNTED.items()},
        "cohort": {"graduation_year": year, "statuses": cohort_statuses(year)},
        "logins": [
            {"username": name, "role": users[name].role, "display_name": users[name].display_name,
             "sees": _sees(users[name], today)}
            for name in DEMO_LOGINS if name in users
        ],
    }
