"""Persons: "one person, one file". Clients reach only their own, with the staff view trimmed."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from .. import scoping
from ..case_file import set_status
from ..extensions import db
from ..models import Person, StatusEvent
from ..records import persons, rest_actor
from ..schemas.persons import (
    PersonCreate,
    PersonPage,
    PersonQuery,
    PersonSchema,
    PersonUpdate,
    StatusChangeIn,
    StatusEventSchema,
)
from ..security import login_required, me
from .paging import like_any, page

blp = Blueprint("persons", __name__, url_prefix="/api/persons", description="Persons' files")


@blp.get("")
@login_required()
@blp.arguments(PersonQuery, location="query")
@blp.response(200, PersonPage)
def all_persons(args: dict[str, Any]) -> dict[str, Any]:
    """List persons in your scope; `q` searches name, phone, ID number, school and major"""
    query = scoping.persons(me())
    for key in ("status", "category", "household_id", "helper_id", "disadvantaged", "group_name"):
        if key in args:
            query = query.where(getattr(Person, key) == args[key])
    cond = like_any(args.get("q"), Person.name, Person.phone, Person.id_number, Person.school,
                    Person.major)
    if cond is not None:
        query = query.where(cond)
    return page(query, args, Person.name, Person.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(PersonCreate)
@blp.response(201, PersonSchema)
def new(body: dict[str, Any]) -> Person:
    """Open a file for a person in one of your households (409 if it may be a duplicate)"""
    confirmed = body.pop("confirm_duplicate", False)
    person = persons.create(rest_actor(), body, ask_on_weak_match=not confirmed)
    db.session.commit()
    return person


@blp.get("/<uuid:person_id>")
@login_required()
@blp.response(200, PersonSchema)
def get(person_id: uuid.UUID) -> Person:
    """A person's file"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    return person


@blp.patch("/<uuid:person_id>")
@login_required()
@blp.arguments(PersonUpdate)
@blp.response(200, PersonSchema)
def update(body: dict[str, Any], person_id: uuid.UUID) -> Person:
    """Edit a file. Clients may change only their contact details and job intention."""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    persons.update(rest_actor(), person, body)
    db.session.commit()
    return person


@blp.post("/<uuid:person_id>/status")
@login_required("admin", "supervisor", "helper")
@blp.arguments(StatusChangeIn)
@blp.response(201, StatusEventSchema)
def new_status(body: dict[str, Any], person_id: uuid.UUID) -> StatusEvent:
    """Record a change of employment status (409 if `expected_from` no longer holds)"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    event = set_status(rest_actor(), person, body["to"], expected_from=body.get("expected_from"))
    db.session.commit()
    return event


@blp.get("/<uuid:person_id>/status-history")
@login_required()
@blp.response(200, StatusEventSchema(many=True))
def status_history(person_id: uuid.UUID) -> list[StatusEvent]:
    """Every status change of a person, oldest first"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    return list(
        db.session.scalars(
            select(StatusEvent).where(StatusEvent.person_id == person.id).order_by(StatusEvent.at)
        )
    )
