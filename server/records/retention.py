"""Retention checks: the calls after a hire ("still in the job?") and the schedule they follow.

A check is append-only like a visit (a correction is a new check) and names the retention step
it answers, so the shared rule (`sync/aftercare.py`) knows that step is done. A check that found
the person gone ends the placement on the day of the call, with the reason, and the status
follows (`placements.unemploy`). The schedule is the admin's `retention_step` rows over the
defaults (`sync/vocabulary.json` `retention_steps`).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from sync.aftercare import step_table

from ..business_time import local_day
from ..clock import stamp_fields
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..models.outcomes import RetentionCheck, RetentionStep
from ..policy import Actor, Denied, bad_reference, check_fields
from . import placements


def current_steps() -> dict[str, int]:
    """Step code → days after the start: the admin's schedule over the defaults."""
    return step_table({"code": s.code, "days": s.days} for s in db.session.scalars(select(RetentionStep)))


def record(actor: Actor, body: dict[str, Any]) -> RetentionCheck:
    """Record one retention check (RetentionCheckCreate fields), attributed to actor and device."""
    check_fields(actor, "retention_check", "create", body)
    placement = placements.placement_row(actor, body["placement_id"])
    if placement is None:
        raise Denied("No placement with that id.", code="not_found", status=404,
                     sync_code="not_found", fields={"placement_id": ["unknown"]})
    actor.require_target("placement", placement)
    if body.get("person_id") not in (None, placement.person_id):
        raise bad_reference("person_id", "The check is about the placed person.")
    if body.get("id") and db.session.get(RetentionCheck, body["id"]) is not None:
        raise Conflict("A retention check with this id exists already.", code="id_exists")
    if body["step"] not in current_steps():
        raise Unprocessable("That is not a retention step.", fields={"step": ["unknown step"]})
    left = not body["still_employed"]
    if left and not body.get("reason"):
        raise Unprocessable("Say why the person left.", fields={"reason": ["required"]})
    check = RetentionCheck(
        id=body.get("id") or uuid.uuid4(), placement_id=placement.id, person_id=placement.person_id,
        step=body["step"], occurred_at=body["occurred_at"], still_employed=body["still_employed"],
        reason=body.get("reason") if left else None, notes=body.get("notes") or "",
        author_id=actor.id, device_id=actor.device,
    )
    db.session.add(check)
    if left and placement.ended_on is None:
        placement.ended_on = local_day(body["occurred_at"])
        placement.end_reason = body["reason"]
        stamp_fields(placement, ["ended_on", "end_reason"])
        person = actor.lookup.row("person", str(placement.person_id))
        placements.unemploy(actor, person, placement)
    return check
