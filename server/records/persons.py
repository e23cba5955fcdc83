"""Persons: opening a file in a household and editing it (status changes: `case_file`).

A graduate edits only their contact details and job intention (the policy table says which
fields); staff edit the rest in their scope. A person moved to another household (a phone can
do it) must land in a household of the actor's scope too: checked before and after.

Before a file is opened, and when an identity number is changed, `duplicates.check` looks for
another file of the same person in the office (REST and sync push both come through here).
"""

from __future__ import annotations

import uuid
from typing import Any

from ..business_time import business_today
from ..clock import stamp_fields
from ..domain import guidance
from ..extensions import db
from ..models import Person, StatusEvent
from ..policy import Actor, Denied, check_fields
from . import duplicates
from .households import helper_in


def _pay_range(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise Denied("Pay range is reversed.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"intention_pay_max": ["less than minimum"]})


def create(actor: Actor, body: dict[str, Any], *, opening_event: bool = True,
           ask_on_weak_match: bool = False) -> Person:
    """Open a file from validated `PersonCreate` fields in a household of the actor's scope.

    `opening_event`: record the first status as an event (a sync insert's event comes from
    the engine's status history instead). `ask_on_weak_match`: refuse (409 `possible_duplicate`)
    while another file has the same phone, or name and birth date (REST, until the caller
    confirms); a sync insert or an import is not asked (see `duplicates`). The same identity
    number is refused regardless.
    """
    check_fields(actor, "person", "create", body)
    household = actor.require_household(body["household_id"])
    values = dict(body)
    guidance.validate(values)
    duplicates.check(actor, values, household.subdistrict_id, confirmed=not ask_on_weak_match)
    # The follow-up rule counts a never-contacted person from the day their file was opened.
    if values.get("registered_on") is None:
        values["registered_on"] = business_today()
    if "helper_id" not in values:
        values["helper_id"] = household.primary_helper_id
    else:
        helper_in(household.subdistrict_id, values["helper_id"], "helper_id")
    _pay_range(values.get("intention_pay_min"), values.get("intention_pay_max"))
    values["id"] = values.get("id") or uuid.uuid4()
    person = Person(**values)
    person.stamps = {}
    db.session.add(person)
    if opening_event:
        db.session.flush()
        db.session.add(StatusEvent(person_id=person.id, from_status=None, to_status=person.status,
                                   by_user_id=actor.id, device_id=actor.device))
    return person


def update(actor: Actor, person: Person, changes: dict[str, Any], *, stamp: bool = True) -> list[str]:
    """Edit a file; returns the fields that changed. Status goes through `case_file`."""
    check_fields(actor, "person", "update", changes)
    actor.require_target("person", person)
    guidance.validate(changes)
    if "household_id" in changes and changes["household_id"] != person.household_id:
        actor.require_household(changes["household_id"], primary=False)
    _pay_range(changes.get("intention_pay_min", person.intention_pay_min),
               changes.get("intention_pay_max", person.intention_pay_max))
    changed = [k for k, v in changes.items() if getattr(person, k) != v]
    if "id_number" in changed and changes["id_number"]:
        home = actor.lookup.household_facts(str(changes.get("household_id", person.household_id)))
        duplicates.refuse_same_id_number(duplicates.find(
            actor, {"id_number": changes["id_number"]}, getattr(home, "subdistrict_id", None),
            exclude=person.id))
    for key in changed:
        setattr(person, key, changes[key])
    if changed and stamp:
        stamp_fields(person, changed)
    return changed
