"""Recommendations: a helper recommends an open job to a person; the person answers.

The person and the job are fixed when the recommendation is made (the policy table allows them
on create only), so nobody moves one onto another person or job afterwards. Each state move is
one entry of `history`, built by `history_entry` and nowhere else; the funnel counts them.

Staff record the outcome for a person without the app (applied, an interview with its time and
place, hired, rejected, withdrawn): `move` walks the machine to the chosen state, one recorded
move per step (`sync/outcomes.py`, PROTOCOL.md "Outcomes by staff"). "Hired", by whoever says
it, makes the person employed once (`placements.employ`): a replay or a second "hired" finds
the status already there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from sync.outcomes import walk

from ..clock import stamp_fields
from ..domain.vocabulary import RECOMMENDATION_MOVES
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..matching import explain
from ..models import Recommendation, utcnow
from ..policy import Actor, Denied, check_fields, check_value
from . import placements

#: The state every recommendation starts in.
INITIAL = "recommended"


#: What a move may carry besides the state: the person's reason, the interview's time and place.
DETAILS = ("response_reason", "interview_at", "interview_place")


def history_entry(
    before: str | None, after: str, by: uuid.UUID | None, at: datetime | None = None,
    device: str | None = None,
) -> dict[str, Any]:
    """One move of `history`: {from, to, at, by, device} (`at`: now, unless back-dated)."""
    entry = {"from": before, "to": after, "at": (at or utcnow()).isoformat(), "by": str(by)}
    if device is not None:
        entry["device"] = device
    return entry


def create(actor: Actor, body: dict[str, Any]) -> Recommendation:
    """Recommend `body["job_id"]` to `body["person_id"]` with the helper's reasons.

    The match is computed here (the score parts a phone shows are a preview of the same rule).
    """
    check_fields(actor, "recommendation", "create", body)
    actor.require_person(body["person_id"], primary=True)
    person = actor.lookup.row("person", str(body["person_id"]))
    job = actor.lookup.row("job", str(body["job_id"]))
    if job is None or not job.is_open:
        raise Denied("That job is not open.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"job_id": ["unknown or closed job"]})
    state = body.get("state", INITIAL)
    if state != INITIAL:
        raise Unprocessable("A recommendation starts as recommended.", fields={"state": ["initial"]})
    taken = db.session.scalar(select(Recommendation.id).where(
        Recommendation.person_id == person.id, Recommendation.job_id == job.id))
    if taken is not None:
        raise Conflict("This job was already recommended to this person.", code="already_recommended")
    rec = Recommendation(
        id=body.get("id") or uuid.uuid4(), person_id=person.id, job_id=job.id, by_user_id=actor.id,
        reasons=body.get("reasons", ""), match=explain(person, job), state=state,
        response_reason=body.get("response_reason"),
        interview_at=body.get("interview_at"), interview_place=body.get("interview_place"),
        source_event_id=body.get("source_event_id"), source_post_id=body.get("source_post_id"),
        history=[history_entry(None, state, actor.id, device=actor.device)],
    )
    db.session.add(rec)
    return rec


def move(
    actor: Actor, rec: Recommendation, to: str, *, details: dict[str, Any] | None = None,
    expected_from: str | None = None, stamp: str | None = None,
) -> None:
    """Move a recommendation to `to` (REST), walking the machine one recorded move at a time.

    `details` (`DETAILS`: the reason, the interview's time and place) are written with it.
    """
    extra = dict(details or {})
    check_fields(actor, "recommendation", "update", ["state", *extra])
    actor.require_target("recommendation", rec)
    check_value(actor, "recommendation", "state", to)
    if expected_from is not None and expected_from != rec.state:
        raise Conflict(f"The recommendation is now {rec.state!r}.", code="state_changed")
    steps = walk(RECOMMENDATION_MOVES, rec.state, to)
    if not steps:
        raise Unprocessable(
            f"Cannot go from {rec.state} to {to}.", code="illegal_transition",
            fields={"state": [f"allowed from {rec.state}: "
                              f"{', '.join(RECOMMENDATION_MOVES[rec.state]) or 'none'}"]},
        )
    for step in steps:
        update(actor, rec, {"state": step}, stamp=False)
    if extra:
        update(actor, rec, extra, stamp=False)
    stamp_fields(rec, ["state", *extra], stamp)


def answer(actor: Actor, rec: Recommendation, details: dict[str, Any]) -> None:
    """Change only the details (the reason, the interview's time or place), keeping the state."""
    update(actor, rec, details)


def update(actor: Actor, rec: Recommendation, changes: dict[str, Any], *, stamp: bool = True) -> None:
    """Write `state` (already merged by its machine) and the details, keeping history."""
    check_fields(actor, "recommendation", "update", changes)
    actor.require_target("recommendation", rec)
    before = rec.state
    if "state" in changes:
        check_value(actor, "recommendation", "state", changes["state"])
    for key, value in changes.items():
        setattr(rec, key, value)
    if rec.state != before:
        rec.history = [*rec.history, history_entry(before, rec.state, actor.id, device=actor.device)]
        rec.state_changed_at = utcnow()
        if rec.state == "hired":
            person = actor.lookup.row("person", str(rec.person_id))
            if person is not None:
                placements.employ(actor, person)
    if stamp and changes:
        stamp_fields(rec, list(changes))
