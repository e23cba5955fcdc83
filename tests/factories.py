"""Factories for test data (`make_household(...)`), instead of fixture files.

All run inside an app context and flush, so ids are available; tests commit when they need to.
`make_world()` builds the small standard world most tests use: one district, one sub-district
with two committees, a supervisor, two helpers with their own and shared households, a
graduate with a client account, a second sub-district with its own helper, and a few jobs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from werkzeug.security import generate_password_hash

from server.extensions import db
from server.models import Area, Household, Job, Person, User, Visit, utcnow

PASSWORD = "doorstep-demo"
_HASH: dict[str, str] = {}


def password_hash(password: str = PASSWORD) -> str:
    # Hashing is deliberately slow; tests reuse one hash per password.
    if password not in _HASH:
        _HASH[password] = generate_password_hash(password, method="pbkdf2:sha256:1000")
    return _HASH[password]


def make_area(name: str, kind: str, parent: Area | None = None) -> Area:
    area = Area(id=uuid.uuid4(), name=name, kind=kind, parent_id=parent.id if parent else None)
    db.session.add(area)
    db.session.flush()
    return area


def make_user(username: str, role: str, area: Area | None = None, **kw: Any) -> User:
    user = User(id=uuid.uuid4(), username=username, display_name=kw.pop("display_name", username),
                role=role, area_id=area.id if area else None, password_hash=password_hash(), **kw)
    db.session.add(user)
    db.session.flush()
    return user


def make_household(committee: Area, primary: User | None = None, partner: User | None = None, **kw: Any) -> Household:
    household = Household(
        id=uuid.uuid4(), address=kw.pop("address", f"{committee.name} {uuid.uuid4().hex[:4]}号"),
        committee_id=committee.id, subdistrict_id=committee.parent_id,
        primary_helper_id=primary.id if primary else None,
        partner_helper_id=partner.id if partner else None, stamps={}, **kw,
    )
    db.session.add(household)
    db.session.flush()
    return household


def make_person(household: Household, name: str = "李杰", **kw: Any) -> Person:
    kw.setdefault("category", "graduate_active_search")
    kw.setdefault("status", "seeking")
    kw.setdefault("helper_id", household.primary_helper_id)
    kw.setdefault("registered_on", date.today() - timedelta(days=200))
    person = Person(id=uuid.uuid4(), household_id=household.id, name=name, stamps={}, **kw)
    db.session.add(person)
    db.session.flush()
    return person


def make_job(**kw: Any) -> Job:
    kw.setdefault("employer", "苏州服装有限公司")
    kw.setdefault("title", "服装设计助理")
    job = Job(id=uuid.uuid4(), stamps={}, **kw)
    db.session.add(job)
    db.session.flush()
    return job


def make_visit(household: Household, author: User, persons: list[Person] | None = None,
               occurred_at: datetime | None = None, **kw: Any) -> Visit:
    visit = Visit(id=uuid.uuid4(), household_id=household.id, author_id=author.id,
                  channel=kw.pop("channel", "home_visit"), occurred_at=occurred_at or utcnow(),
                  notes=kw.pop("notes", "上门走访"), stamps={}, **kw)
    visit.persons = persons if persons is not None else list(household.members)
    for person in visit.persons:
        if person.last_contact_at is None or person.last_contact_at < visit.occurred_at:
            person.last_contact_at = visit.occurred_at
    db.session.add(visit)
    db.session.flush()
    return visit


@dataclass
class World:
    district: Area
    subdistrict: Area
    committees: list[Area]
    other_subdistrict: Area
    admin: User
    supervisor: User
    helper1: User
    helper2: User
    other_helper: User
    graduate_user: User
    h1_household: Household
    h2_household: Household
    shared_household: Household
    other_household: Household
    graduate: Person
    jobs: list[Job] = field(default_factory=list)


def make_world() -> World:
    """The standard small world (see module docstring). Commits."""
    district = make_area("梁溪区", "district")
    sub = make_area("凉城新村街道", "subdistrict", district)
    committees = [make_area("复旦第一居委", "committee", sub), make_area("广灵居委", "committee", sub)]
    other_sub = make_area("江湾镇街道", "subdistrict", district)
    other_committee = make_area("江湾居委", "committee", other_sub)
    admin = make_user("admin", "admin")
    supervisor = make_user("supervisor1", "supervisor", sub, display_name="魏蕊")
    helper1 = make_user("helper1", "helper", sub, display_name="张燕")
    helper2 = make_user("helper2", "helper", sub, display_name="Wang Lei")
    other_helper = make_user("helper9", "helper", other_sub)
    h1 = make_household(committees[0], helper1, address="凉城路100弄3号")
    h2 = make_household(committees[1], helper2, address="广灵四路20号")
    shared = make_household(committees[0], helper1, helper2, address="汶水路8号", zero_employment=True)
    other = make_household(other_committee, other_helper, address="江湾路1号")
    graduate = make_person(h1, "李杰", major="服装设计", school="河北科技大学", education_level="bachelor",
                           intention_industry="服装", phone="13800000001")
    make_person(h2, "Chen Mei", category="employment_difficulty", status="unemployed")
    make_person(shared, "王芳", category="zero_employment_family", status="seeking")
    make_person(shared, "王强", category="zero_employment_family", status="unemployed")
    make_person(other, "赵敏", category="unemployed_seeking")
    graduate_user = make_user("graduate1", "client", person_id=graduate.id, display_name="李杰")
    jobs = [make_job(industry="服装", majors=["服装设计"], pay_min=4000, pay_max=6000, is_open=True),
            make_job(employer="Greening Co", title="Greening guard", public_welfare=True, is_open=True)]
    db.session.commit()
    return World(district, sub, committees, other_sub, admin, supervisor, helper1, helper2,
                 other_helper, graduate_user, h1, h2, shared, other, graduate, jobs)
