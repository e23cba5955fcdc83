"""Which events a user sees, and which participant rows.

Events are the district's: every staff member of a district sees its events (as their phones
hold them: `__sync_catalogue__ = "district"`), and so does a graduate living there (upcoming,
not cancelled, in their app). An event with no area is everyone's. Participant rows are their
person's: a helper sees those of their caseload, a supervisor their sub-district's, a graduate
their own (`scoping.persons`).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, false, or_, select

from .. import scoping
from ..extensions import db
from ..models import Area, Household, Person, User
from ..models.recruitment_events import Event, EventParticipant


def district_of(area_id: uuid.UUID | None) -> uuid.UUID | None:
    """The district an area lies in (itself, its parent or its grandparent)."""
    current = db.session.get(Area, area_id) if area_id else None
    while current is not None and current.kind != "district":
        current = db.session.get(Area, current.parent_id) if current.parent_id else None
    return current.id if current is not None else None


def _home_area(user: User) -> uuid.UUID | None:
    if user.role != "client":
        return user.area_id
    if user.person_id is None:
        return None
    return db.session.scalar(select(Household.subdistrict_id).join(
        Person, Person.household_id == Household.id).where(Person.id == user.person_id))


def events(user: User) -> Select[Any]:
    """The events `user` may see (a client: not the cancelled ones)."""
    query = select(Event)
    if user.role == "client":
        query = query.where(Event.cancelled.is_(False))
    if user.role == "admin":
        return query
    district = district_of(_home_area(user))
    if district is None:
        if user.role == "client" and user.person_id is None:
            return query.where(false())
        return query.where(Event.area_id.is_(None))
    subs = select(Area.id).where(Area.parent_id == district)
    committees = select(Area.id).where(Area.parent_id.in_(subs))
    return query.where(or_(Event.area_id.is_(None), Event.area_id == district,
                           Event.area_id.in_(subs), Event.area_id.in_(committees)))


def participants(user: User) -> Select[EventParticipant, str]:
    """Participant rows of persons in `user`'s scope, with the person's name."""
    people = scoping.persons(user).with_only_columns(Person.id)
    return (select(EventParticipant, Person.name)
            .join(Person, Person.id == EventParticipant.person_id)
            .where(EventParticipant.person_id.in_(people)))
