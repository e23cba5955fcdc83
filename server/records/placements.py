"""Placements: the job a person got, and what it does to their status.

"Hired" opens a placement (employer, job, start day, contract, pay). The person's status
follows through the one status machine (`case_file.change_status`, a recorded event) and the
category through the shared rule (`sync.vocabulary.suggest_for_status`), never by hand:
`employ` when hired, `unemploy` when the job ends (a retention check that found the person
gone, or an end day set on the placement). Both are idempotent: a replayed op, the graduate's
own "hired" after the helper's, or a second placement finds the status already there.

The retention calls after it are `server/records/retention.py`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from sync.vocabulary import suggest_for_status

from ..case_file import change_status
from ..clock import stamp_fields
from ..domain.follow_up import current_rules
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..models import Household, Job, Person, Recommendation
from ..models.outcomes import Placement
from ..policy import Actor, bad_reference, check_fields

#: Set when the placement is made, never moved onto another person or recommendation.
FIXED = ("person_id", "recommendation_id")
#: The status a hire gives, and the one a job's end gives back.
EMPLOYED, SEEKING = "employed", "seeking"


def placement_row(actor: Actor, placement_id: uuid.UUID | str) -> Placement | None:
    """The placement, through the actor's lookup where it knows placements (a sync batch holds
    its rows strongly, so a batch redone op by op never reads a value a rolled-back attempt left
    in memory), else from the session (REST)."""
    try:
        row: Placement | None = actor.lookup.row("placement", str(placement_id))
    except KeyError:
        row = db.session.get(Placement, uuid.UUID(str(placement_id)))
    return row


def _follow(actor: Actor, person: Person, to: str) -> None:
    """Move `person` to status `to` (once) and the category the shared rule proposes."""
    if person.status == to:
        return
    change_status(person, to, by=actor.id, device=actor.device)
    household = db.session.get(Household, person.household_id)
    suggestion = suggest_for_status(
        {"graduation_date": person.graduation_date, "disadvantaged": person.disadvantaged},
        {"zero_employment": bool(household and household.zero_employment)}, to, current_rules())
    if suggestion is not None and suggestion["category"] != person.category:
        person.category = suggestion["category"]
        stamp_fields(person, ["category"])


def employ(actor: Actor, person: Person) -> None:
    """The person was hired: employed, once, however many times it is said."""
    _follow(actor, person, EMPLOYED)


def unemploy(actor: Actor, person: Person, ending: Placement) -> None:
    """The job ended: back to seeking, unless another placement is still open or the helper
    has since recorded another status (then the file already says what is true)."""
    if person.status != EMPLOYED:
        return
    still = db.session.scalar(select(Placement.id).where(
        Placement.person_id == person.id, Placement.ended_on.is_(None), Placement.id != ending.id))
    if still is None:
        _follow(actor, person, SEEKING)


def _recommendation(actor: Actor, body: dict[str, Any]) -> Recommendation | None:
    rec_id = body.get("recommendation_id")
    if rec_id is None:
        return None
    rec: Recommendation | None = actor.lookup.row("recommendation", str(rec_id))
    if rec is None or rec.person_id != body["person_id"]:
        raise bad_reference("recommendation_id", "That recommendation is not this person's.")
    if rec.state != "hired":
        raise Unprocessable("A placement follows a recommendation marked hired.",
                            fields={"recommendation_id": [f"the recommendation is {rec.state}"]})
    taken = db.session.scalar(select(Placement.id).where(Placement.recommendation_id == rec.id))
    if taken is not None and taken != body.get("id"):
        raise Conflict("This hire already has a placement.", code="already_placed",
                       fields={"recommendation_id": [str(taken)]})
    return rec


def create(actor: Actor, body: dict[str, Any]) -> Placement:
    """Open a placement for `body["person_id"]` (PlacementCreate fields), attributed to the actor."""
    check_fields(actor, "placement", "create", body)
    actor.require_person(body["person_id"], primary=True)
    if body.get("id") and db.session.get(Placement, body["id"]) is not None:
        raise Conflict("A placement with this id exists already.", code="id_exists")
    person = actor.lookup.row("person", str(body["person_id"]))
    rec = _recommendation(actor, body)
    job_id = body.get("job_id") or (rec.job_id if rec else None)
    job = db.session.get(Job, job_id) if job_id else None
    if job_id and job is None:
        raise bad_reference("job_id", "No such job.")
    employer = body.get("employer_name") or (job.employer if job else "")
    title = body.get("job_title") or (job.title if job else "")
    if not employer and not body.get("employer_id"):
        raise Unprocessable("Name the employer.", fields={"employer_name": ["required"]})
    row = Placement(
        id=body.get("id") or uuid.uuid4(), person_id=person.id,
        recommendation_id=rec.id if rec else None, employer_id=body.get("employer_id"),
        employer_name=employer, job_id=job_id, job_title=title, start_date=body["start_date"],
        contract_signed=bool(body.get("contract_signed", False)), pay=body.get("pay"),
        ended_on=body.get("ended_on"), end_reason=body.get("end_reason"),
        at_risk=bool(body.get("at_risk", False)), at_risk_note=body.get("at_risk_note"),
        by_user_id=actor.id,
    )
    db.session.add(row)
    if row.ended_on is None:
        employ(actor, person)
    return row


def update(actor: Actor, row: Placement, changes: dict[str, Any], *, stamp: bool = True) -> None:
    """Correct a placement, flag it at risk, or end it (the status follows the end)."""
    check_fields(actor, "placement", "update", changes)
    actor.require_target("placement", row)
    moved = [k for k in FIXED if k in changes and changes[k] != getattr(row, k)]
    if moved:
        raise Unprocessable("A placement stays with its person and hire.",
                            fields={k: ["fixed when the placement is made"] for k in moved})
    if changes.get("ended_on", row.ended_on) is not None \
            and changes.get("end_reason", row.end_reason) is None:
        raise Unprocessable("Say why the job ended.", fields={"end_reason": ["required"]})
    was_open = row.ended_on is None
    for key, value in changes.items():
        setattr(row, key, value)
    person = actor.lookup.row("person", str(row.person_id))
    if was_open and row.ended_on is not None:
        unemploy(actor, person, row)
    elif not was_open and row.ended_on is None:
        employ(actor, person)  # an end recorded by mistake, taken back
    if stamp and changes:
        stamp_fields(row, list(changes))
