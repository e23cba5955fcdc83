"""Assigning households to helpers (supervisors), one dated row per assignment.

Every assignment is a dated row, so "who looked after this household last week" has an answer:
the grace rule (`server/policy.py`, on `scoping.assignment_ended`) accepts a former assignee's
work done offline before the reassignment for `SYNC_GRACE_DAYS`, flags it late and shows it to
the new helper (sync/PROTOCOL.md, "Reassignment").
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from . import scoping
from .errors import Unprocessable
from .extensions import db
from .models import Assignment, Household, Person, utcnow
from .policy import check_fields
from .records import actor_for
from .records.households import helper_in
from .security import me
from .sync_store.scope import household_reassigned


def _open(household: Household, helper_id: uuid.UUID | None, role: str) -> None:
    if helper_id is not None:
        db.session.add(
            Assignment(
                household_id=household.id,
                helper_id=helper_id,
                role=role,
                started_at=utcnow(),
                by_user_id=me().id,
            )
        )


def _close(household: Household, keep: set[uuid.UUID | None]) -> None:
    now = utcnow()
    rows = list(
        db.session.scalars(
            select(Assignment).where(
                Assignment.household_id == household.id, Assignment.ended_at.is_(None)
            )
        )
    )
    for row in rows:
        if row.helper_id not in keep:
            row.ended_at = now
    # A household registered with its helpers has no open row for them: record the ended one,
    # or the grace window would not know they looked after it.
    covered = {row.helper_id for row in rows}
    for helper_id, role in (
        (household.primary_helper_id, "primary"),
        (household.partner_helper_id, "partner"),
    ):
        if helper_id is not None and helper_id not in keep | covered:
            db.session.add(
                Assignment(
                    household_id=household.id,
                    helper_id=helper_id,
                    role=role,
                    started_at=household.created_at or now,
                    ended_at=now,
                    by_user_id=me().id,
                )
            )


def reassign(
    household_ids: list[uuid.UUID], primary: uuid.UUID, partner: uuid.UUID | None
) -> list[Household]:
    """Give households to `primary` (and `partner`); all-or-nothing."""
    check_fields(actor_for(me()), "household", "assign", ["primary_helper_id", "partner_helper_id"])
    if partner == primary:
        raise Unprocessable(
            "A partner must be another helper.", fields={"partner_helper_id": ["same as primary"]}
        )
    found = {
        h.id: h
        for h in db.session.scalars(scoping.households(me()).where(Household.id.in_(household_ids)))
    }
    missing = [str(i) for i in household_ids if i not in found]
    if missing:
        raise Unprocessable(
            "Some households are not in your scope.", fields={"household_ids": missing}
        )
    for helper_id, field in ((primary, "primary_helper_id"), (partner, "partner_helper_id")):
        for subdistrict_id in {h.subdistrict_id for h in found.values()}:
            helper_in(subdistrict_id, helper_id, field)
    for household in found.values():
        before = {household.primary_helper_id, household.partner_helper_id} - {None}
        after = {primary, partner} - {None}
        _close(household, after)
        if household.primary_helper_id != primary:
            _open(household, primary, "primary")
        if partner is not None and household.partner_helper_id != partner:
            _open(household, partner, "partner")
        household.primary_helper_id = primary
        household.partner_helper_id = partner
        # Phones of whoever lost it pull `remove`; whoever gained it pulls its rows again.
        household_reassigned(household.id, before - after, after - before)
        # Persons whose helper was a departing one follow the new primary helper.
        for person in db.session.scalars(select(Person).where(Person.household_id == household.id)):
            if person.helper_id is None or person.helper_id in before - after:
                person.helper_id = primary
    db.session.commit()
    return list(found.values())
