"""Who may see which rows, enforced in the query layer.

Every list and every lookup of a person's file starts from one of these queries, so a helper
can only ever reach their own households (as primary or partner), a supervisor their
sub-district, a client their own file. Rows outside the scope answer 404, never 403, so ids
cannot be probed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, false, or_, select

from .errors import NotFound
from .extensions import db
from .models import Household, Note, Person, Recommendation, StatusEvent, User, Visit


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
