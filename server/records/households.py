"""Households: registering one, changing its address, committee or zero-employment flag.

The committee rule lives here once: a household's committee is a committee, and lies in the
actor's sub-district (an admin: anywhere); the household's sub-district follows its committee.
Helpers are assigned by `server/assignment.py` (supervisors), never by an edit.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..clock import stamp_fields
from ..extensions import db
from ..models import Area, Household, User
from ..policy import Actor, Denied, check_fields, forbidden


def helper_in(subdistrict_id: uuid.UUID | None, helper_id: uuid.UUID | None, field: str) -> None:
    """422 unless `helper_id` is empty or a helper working in `subdistrict_id`."""
    if helper_id is None:
        return
    helper = db.session.get(User, helper_id)
    if helper is None or helper.role != "helper" or helper.area_id != subdistrict_id:
        raise Denied("Not a helper of this sub-district.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={field: ["not a helper here"]})


def committee_in_scope(actor: Actor, committee_id: uuid.UUID) -> Area:
    """The committee, if it is one and lies in the actor's sub-district (admins: anywhere)."""
    area = db.session.get(Area, committee_id)
    if area is None or area.kind != "committee":
        raise Denied("Unknown committee.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"committee_id": ["must be a committee"]})
    if actor.role != "admin" and area.parent_id != actor.user.area_id:
        raise Denied("That committee is outside your sub-district.", code="validation_error",
                     status=422, sync_code="out_of_scope", fields={"committee_id": ["out of scope"]})
    return area


def create(actor: Actor, body: dict[str, Any]) -> Household:
    """Register a household from validated `HouseholdCreate` fields (a helper: to themselves)."""
    check_fields(actor, "household", "create", body)
    committee = committee_in_scope(actor, body["committee_id"])
    values = dict(body)
    if actor.role == "helper":
        values["primary_helper_id"] = values.get("primary_helper_id") or actor.id
        if actor.id not in (values.get("primary_helper_id"), values.get("partner_helper_id")):
            raise forbidden("A helper can only register households to themselves.")
    helper_in(committee.parent_id, values.get("primary_helper_id"), "primary_helper_id")
    helper_in(committee.parent_id, values.get("partner_helper_id"), "partner_helper_id")
    values["id"] = values.get("id") or uuid.uuid4()
    household = Household(**values, subdistrict_id=committee.parent_id)
    household.stamps = {}
    db.session.add(household)
    return household


def update(actor: Actor, household: Household, changes: dict[str, Any], *, stamp: bool = True) -> list[str]:
    """Change address, committee, zero-employment flag or location; returns the fields that changed."""
    check_fields(actor, "household", "update", changes)
    actor.require_target("household", household)
    if "committee_id" in changes:
        household.subdistrict_id = committee_in_scope(actor, changes["committee_id"]).parent_id
    changed = [k for k, v in changes.items() if getattr(household, k) != v]
    for key in changed:
        setattr(household, key, changes[key])
    if changed and stamp:
        stamp_fields(household, changed)
    return changed
