"""Making households and persons with their opening status events and helper assignments."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from ..extensions import db
from ..models import Area, Assignment, Household, Person, StatusEvent, User
from .context import DEVICE, Demo
from .places import SUBDISTRICTS


def _opened(day: date) -> datetime:
    return datetime.combine(day, time(2, 0))


def address(demo: Demo, sub_index: int) -> str:
    roads = SUBDISTRICTS[sub_index][2]
    road = demo.rng.choice(roads)
    return f"{road}{demo.rng.randint(1, 999)}弄{demo.rng.randint(1, 60)}号{demo.rng.randint(1, 6)}0{demo.rng.randint(1, 4)}室"


def make_household(demo: Demo, committee: Area, primary: User, partner: User | None,
                   opened_on: date, *, sub_index: int, zero_employment: bool = False) -> Household:
    household = Household(
        id=demo.new_id(), address=address(demo, sub_index), committee_id=committee.id,
        subdistrict_id=committee.parent_id, zero_employment=zero_employment,
        primary_helper_id=primary.id, partner_helper_id=partner.id if partner else None,
        stamps={}, created_at=_opened(opened_on),
    )
    household.committee = committee
    db.session.add(household)
    for helper, role in ((primary, "primary"), (partner, "partner")):
        if helper is not None:
            demo.dependants.append(Assignment(id=demo.new_id(), household_id=household.id, helper_id=helper.id,
                                      role=role, started_at=_opened(opened_on),
                                      by_user_id=demo.supervisor_of[SUBDISTRICTS[sub_index][0]].id))
    demo.households.append(household)
    return household


def add_person(demo: Demo, household: Household, *, path: list[tuple[str, date]],
               **fields: Any) -> Person:
    """A person whose statuses were `path` [(status, since)], the last one current.

    Every step becomes a status event by the household's primary helper. A last change that
    should appear on a visit is added afterwards with `later()`.
    """
    registered = path[0][1]
    person = Person(
        id=demo.new_id(), household_id=household.id, status=path[-1][0],
        helper_id=household.primary_helper_id, registered_on=registered, stamps={},
        created_at=_opened(registered), skills=fields.pop("skills", []),
        difficulties=fields.pop("difficulties", []), **fields,
    )
    db.session.add(person)
    demo.persons.append(person)
    demo.members_of.setdefault(household.id, []).append(person)
    previous: str | None = None
    for status, since in path:
        demo.dependants.append(StatusEvent(
            id=demo.new_id(), person_id=person.id, from_status=previous, to_status=status,
            at=demo.at(since), by_user_id=household.primary_helper_id, device_id=DEVICE, stamps={},
        ))
        previous = status
    return person


def later(demo: Demo, person: Person, to: str, earliest: date) -> None:
    """Record that `person` moves from their current status to `to` on a visit after `earliest`."""
    demo.pending_changes[person.id] = (person.status, to, earliest)
    person.status = to


def birth_date(demo: Demo, age: int) -> date:
    return demo.today - timedelta(days=age * 365 + demo.rng.randint(0, 364))
