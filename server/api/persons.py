"""Persons: "one person, one file". Clients reach only their own, with the staff view trimmed."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from .. import scoping
from ..assignment import helper_in
from ..case_file import change_status
from ..clock import stamp_fields
from ..errors import Forbidden, Unprocessable
from ..extensions import db
from ..models import Household, Person, StatusEvent
from ..schemas.persons import (
    CLIENT_EDITABLE,
    PersonCreate,
    PersonPage,
    PersonQuery,
    PersonSchema,
    PersonUpdate,
    StatusChangeIn,
    StatusEventSchema,
)
from ..security import device_id, login_required, me
from .paging import like_any, page

blp = Blueprint("persons", __name__, url_prefix="/api/persons", description="Persons' files")


@blp.get("")
@login_required()
@blp.arguments(PersonQuery, location="query")
@blp.response(200, PersonPage)
def all_persons(args: dict[str, Any]) -> dict[str, Any]:
    """List persons in your scope; `q` searches name, phone, school and major (中文 or English)"""
    query = scoping.persons(me())
    for key in ("status", "category", "household_id", "helper_id", "disadvantaged"):
        if key in args:
            query = query.where(getattr(Person, key) == args[key])
    cond = like_any(args.get("q"), Person.name, Person.phone, Person.school, Person.major)
    if cond is not None:
        query = query.where(cond)
    return page(query, args, Person.name, Person.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(PersonCreate)
@blp.response(201, PersonSchema)
def new(body: dict[str, Any]) -> Person:
    """Open a file for a person in one of your households"""
    household: Household = scoping.get_one(
        scoping.households(me()), Household, body["household_id"]
    )
    body.setdefault("helper_id", household.primary_helper_id)
    helper_in(household.subdistrict_id, body["helper_id"], "helper_id")
    person = Person(**body)
    person.stamps = {}
    db.session.add(person)
    db.session.flush()
    db.session.add(
        StatusEvent(
            person_id=person.id,
            from_status=None,
            to_status=person.status,
            by_user_id=me().id,
            device_id=device_id(),
        )
    )
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
    caller = me()
    person: Person = scoping.get_one(scoping.persons(caller), Person, person_id)
    if caller.role == "client":
        refused = sorted(set(body) - set(CLIENT_EDITABLE))
        if refused:
            raise Forbidden(
                "You can change only your contact details and job intention.",
                fields={name: ["not editable by you"] for name in refused},
            )
    low = body.get("intention_pay_min", person.intention_pay_min)
    high = body.get("intention_pay_max", person.intention_pay_max)
    if low is not None and high is not None and low > high:
        raise Unprocessable(
            "Pay range is reversed.", fields={"intention_pay_max": ["less than minimum"]}
        )
    changed = [k for k, v in body.items() if getattr(person, k) != v]
    for key in changed:
        setattr(person, key, body[key])
    if changed:
        stamp_fields(person, changed)
    db.session.commit()
    return person


@blp.post("/<uuid:person_id>/status")
@login_required("admin", "supervisor", "helper")
@blp.arguments(StatusChangeIn)
@blp.response(201, StatusEventSchema)
def new_status(body: dict[str, Any], person_id: uuid.UUID) -> StatusEvent:
    """Record a change of employment status (409 if `expected_from` no longer holds)"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    event = change_status(
        person, body["to"], by=me().id, device=device_id(), expected_from=body.get("expected_from")
    )
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
