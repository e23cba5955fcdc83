"""Who may see which rows, enforced in the query layer; and the same rule on one household.

Every list and every lookup of a person's file starts from one of these queries, so a helper
can only ever reach their own households (as primary or partner), a supervisor their
sub-district, a client their own file. Rows outside the scope answer 404, never 403, so ids
cannot be probed. `reaches` is the same rule on one household's columns (what a write checks,
`server/policy.py`), and `assignment_ended` the fact the reassignment grace rule rests on.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, false, func, or_, select

from .errors import NotFound
from .extensions import db
from .models import (
    Area,
    Assignment,
    Household,
    Note,
    Person,
    Recommendation,
    StatusEvent,
    User,
    Visit,
    utcnow,
)

EPOCH = datetime(1970, 1, 1)


def household_filter(user: User) -> Any:
    """A SQL condition on `Household` for the households `user` may reach."""
    if user.role == "admin":
        return Household.id.is_not(None)
    if user.role == "supervisor":
        return Household.subdistrict_id == user.area_id if user.area_id else false()
    if user.role == "helper":
        return or_(Household.primary_helper_id == user.id, Household.partner_helper_id == user.id)
    if user.role == "client" and user.person_id:
        own = select(Person.household_id).where(Person.id == user.person_id).scalar_subquery()
        return Household.id == own
    return false()


def reaches(user: User, household: Any, own_household: uuid.UUID | None) -> bool:
    """`household_filter` on one household's columns (id, subdistrict_id, both helpers)."""
    if user.role == "admin":
        return True
    if user.role == "supervisor":
        return user.area_id is not None and household.subdistrict_id == user.area_id
    if user.role == "helper":
        return user.id in (household.primary_helper_id, household.partner_helper_id)
    if user.role == "client":
        return own_household is not None and household.id == own_household
    return False


def assignment_ended(household_id: uuid.UUID, helper_id: uuid.UUID) -> datetime | None:
    """When `helper_id` last stopped looking after the household (None: never did)."""
    ended: datetime | None = db.session.scalar(
        select(func.max(Assignment.ended_at)).where(
            Assignment.household_id == household_id,
            Assignment.helper_id == helper_id,
            Assignment.ended_at.is_not(None),
        )
    )
    return ended


def now() -> datetime:
    return utcnow()


def to_ms(value: datetime) -> int:
    """Naive UTC datetime -> ms since the epoch (a stamp's wall time)."""
    return (value - EPOCH) // timedelta(milliseconds=1)


def job_reaches(user: User, area_id: uuid.UUID | None) -> bool:
    """Vacancies are kept by the office that collected them: an admin (the district) keeps
    any; a supervisor or helper those of their own sub-district or one of its committees.
    A vacancy with no area, or a district-wide one, is the district's."""
    if user.role == "admin":
        return True
    if user.role not in ("supervisor", "helper") or user.area_id is None or area_id is None:
        return False
    if area_id == user.area_id:
        return True
    area = db.session.get(Area, area_id)
    return area is not None and area.parent_id == user.area_id


def households(user: User) -> Select[Any]:
    return select(Household).where(household_filter(user))


def persons(user: User) -> Select[Any]:
    query = select(Person).join(Household, Person.household_id == Household.id)
    if user.role == "client":
        return query.where(Person.id == user.person_id) if user.person_id else query.where(false())
    return query.where(household_filter(user))


def visits(user: User) -> Select[Any]:
    query = select(Visit).join(Household, Visit.household_id == Household.id)
    if user.role == "client":
        # A client sees only contacts that concerned them (schema views hide staff notes).
        return query.where(Visit.persons.any(Person.id == user.person_id))
    return query.where(household_filter(user))


def notes(user: User) -> Select[Any]:
    if user.role == "client":
        return select(Note).where(false())
    return (
        select(Note)
        .join(Household, Note.household_id == Household.id)
        .where(household_filter(user))
    )


def status_events(user: User) -> Select[Any]:
    return select(StatusEvent).where(
        StatusEvent.person_id.in_(persons(user).with_only_columns(Person.id))
    )


def recommendations(user: User) -> Select[Any]:
    query = select(Recommendation).join(Person, Recommendation.person_id == Person.id)
    if user.role == "client":
        return query.where(Person.id == user.person_id) if user.person_id else query.where(false())
    return query.join(Household, Person.household_id == Household.id).where(household_filter(user))


def users(user: User) -> Select[Any]:
    """Accounts a user may list: admins all; supervisors their sub-district's; others themselves."""
    if user.role == "admin":
        return select(User)
    if user.role == "supervisor":
        clients = select(Person.id).join(Household).where(household_filter(user))
        return select(User).where(
            or_(User.area_id == user.area_id, User.person_id.in_(clients), User.id == user.id)
        )
    return select(User).where(User.id == user.id)


def get_one(query: Select[Any], model: Any, ident: uuid.UUID) -> Any:
    """The row with `ident` inside `query`'s scope, or 404 (the same answer as a missing row)."""
    row = db.session.execute(query.where(model.id == ident)).unique().scalar_one_or_none()
    if row is None:
        raise NotFound(f"No {model.__tablename__.replace('_', ' ')} with that id.")
    return row
