"""Assigning households to helpers, and the grace window of a former assignee.

Every assignment is a dated row, so "who looked after this household last week" has an answer:
the sync protocol accepts a former assignee's offline work for `SYNC_GRACE_DAYS` after a
reassignment, flags it late and shows it to the new helper (sync/PROTOCOL.md, "Reassignment").
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from . import scoping
from .errors import Unprocessable
from .extensions import db
from .models import Assignment, Household, Person, User, utcnow
from .security import me
from .sync_store.scope import household_reassigned


def helper_in(subdistrict_id: uuid.UUID | None, helper_id: uuid.UUID | None, field: str) -> None:
    """422 unless `helper_id` is empty or a helper working in `subdistrict_id`."""
    if helper_id is None:
        return
    helper = db.session.get(User, helper_id)
    if helper is None or helper.role != "helper" or helper.area_id != subdistrict_id:
        raise Unprocessable(
            "Not a helper of this sub-district.", fields={field: ["not a helper here"]}
        )


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
        if helper_id is None:
            continue
        helper = db.session.get(User, helper_id)
        subdistricts = {h.subdistrict_id for h in found.values()}
        if helper is None or helper.role != "helper" or {helper.area_id} != subdistricts:
            raise Unprocessable(
                "Not a helper of these households' sub-district.",
                fields={field: ["not a helper here"]},
            )
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


def former_assignee_within_grace(household_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Did `user_id` look after this household until less than the grace window ago?"""
    since = utcnow() - timedelta(days=int(current_app.config["SYNC_GRACE_DAYS"]))
    return (
        db.session.scalar(
            select(Assignment.id)
            .where(
                Assignment.household_id == household_id,
                Assignment.helper_id == user_id,
                Assignment.ended_at.is_not(None),
                Assignment.ended_at >= since,
            )
            .limit(1)
        )
        is not None
    )
