"""Writing to a person's file: status changes, visits and their review.

REST and sync both call these (with an `Actor`, checked against `server/policy.py`), so a
visit recorded on a phone and one typed into the API leave exactly the same rows: the visit,
its persons, status events, and each person's last contact. Every row a visit names is checked
here: its household is in scope, the persons it concerns and whose status it changes are
members of that household, and the visit it amends is one of the household's.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from sync.followup import VisitFacts
from sync.registry import load_registry
from sync.vocabulary import CHANNEL_OUTCOMES, CONTACT_OUTCOMES, default_outcome

from .business_time import business_today
from .clock import stamp_fields
from .domain.follow_up import day_of, household_visits, latest_contact_at, of_visit
from .errors import Conflict, Unprocessable
from .extensions import db
from .models import Person, StatusEvent, Visit, utcnow
from .policy import Actor, check_fields

#: A phone's clock may run this far ahead of the server's before its visit is "after today".
CLOCK_SKEW = timedelta(milliseconds=load_registry().limits.visit_clock_skew_ms)


def set_status(actor: Actor, person: Person, to: str, *, expected_from: str | None = None) -> StatusEvent:
    """A status change on its own (not part of a visit): the person must be in scope."""
    check_fields(actor, "person", "update", ["status"])
    actor.require_target("person", person)
    return change_status(person, to, by=actor.id, device=actor.device, expected_from=expected_from)


def change_status(
    person: Person,
    to: str,
    *,
    by: uuid.UUID | None,
    device: str | None,
    expected_from: str | None = None,
    visit_id: uuid.UUID | None = None,
    at: datetime | None = None,
    stamp: str | None = None,
    op_id: uuid.UUID | None = None,
) -> StatusEvent:
    """Move `person` to status `to`, recording the event. Never a silent overwrite.

    The caller checked the policy (`set_status`, `record_visit`).
    """
    if expected_from is not None and expected_from != person.status:
        raise Conflict(
            f"The status is now {person.status!r}, not {expected_from!r}; reload and try again.",
            code="status_changed",
            fields={"expected_from": [f"current status is {person.status}"]},
        )
    if to == person.status:
        raise Unprocessable("The person already has that status.", fields={"to": ["unchanged"]})
    used = stamp_fields(person, ["status"], stamp)
    event = StatusEvent(
        person_id=person.id,
        from_status=person.status,
        to_status=to,
        at=at or utcnow(),
        by_user_id=by,
        device_id=device,
        visit_id=visit_id,
        hlc=used,
        op_id=op_id,
    )
    person.status = to
    db.session.add(event)
    return event


def note_contact(persons: list[Person], occurred_at: datetime) -> None:
    """A contact resets the follow-up clock of everyone it met (never moves it back)."""
    for person in persons:
        if person.last_contact_at is None or person.last_contact_at < occurred_at:
            person.last_contact_at = occurred_at


def outcome_of(body: dict[str, Any], named: bool) -> str:
    """The visit's outcome, checked against its channel; none given: a visit naming persons met
    them (answered, by phone), one naming nobody found nobody (PROTOCOL.md, "Follow-up")."""
    allowed = CHANNEL_OUTCOMES.get(body["channel"], ())
    outcome = body.get("outcome")
    if outcome is None:
        implied = default_outcome(body["channel"], named)
        if implied is None:
            raise Unprocessable(
                f"Tick who was met: a {body['channel']} visit always reaches someone.",
                fields={"person_ids": ["required for this channel"]})
        return implied
    if outcome not in allowed:
        raise Unprocessable(
            f"A {body['channel']} visit cannot end as {outcome!r}.",
            fields={"outcome": [f"one of: {', '.join(allowed)}"]})
    if outcome in CONTACT_OUTCOMES and not named:
        raise Unprocessable("Tick who was met: a contact names the persons it reached.",
                            fields={"person_ids": ["required when someone was met"]})
    return str(outcome)


def refuse_future(occurred_at: datetime) -> None:
    """A visit cannot be dated after today (the office's day; a phone a little fast is fine)."""
    now = utcnow()
    today = business_today(now)
    # After today's date and past what a fast clock explains (near midnight, a phone a few
    # minutes ahead is already in tomorrow: that visit is fine).
    if day_of(occurred_at) > today and occurred_at > now + CLOCK_SKEW:
        raise Unprocessable(
            "A visit cannot be dated after today.", code="future_date",
            fields={"occurred_at": [f"after today ({today.isoformat()})"]})


def track_contacts(visit: Visit, members: list[Person]) -> None:
    """Keep `last_contact_at` of the household's members what the follow-up rule says: a
    contact moves it forward for those it met; an amendment (or a stored future date) has the
    household's visits read again, since a replaced visit no longer counts."""
    facts = of_visit(visit)
    stale_future = any(p.last_contact_at and day_of(p.last_contact_at) > business_today()
                       for p in members)
    if not facts.amends_visit_id and not stale_future:
        if visit.outcome in CONTACT_OUTCOMES:
            note_contact(list(visit.persons), visit.occurred_at)
        return
    pending = [v for v in db.session.new if isinstance(v, Visit) and v.household_id == visit.household_id]
    known = {str(v.id) for v in pending}
    when: dict[str, datetime] = {}
    stored = [v for v in household_visits([visit.household_id], when) if v.id not in known]
    when.update({str(v.id): v.occurred_at for v in pending})
    visits: list[VisitFacts] = [*stored, *(of_visit(v) for v in pending)]
    today = business_today()
    for person in members:
        person.last_contact_at = latest_contact_at(person, visits, when, today)


def record_visit(
    actor: Actor, body: dict[str, Any], *, late: bool = False, members: list[Person] | None = None,
) -> Visit:
    """Create a visit from validated `body` (VisitCreate fields), attributed to the actor.

    `members`: the household's persons, when the caller already holds them (a sync batch).
    """
    check_fields(actor, "visit", "create", body)
    household_id = body["household_id"]
    actor.require_household(household_id)
    if body.get("id") and actor.lookup.taken("visit", str(body["id"])):
        raise Conflict("A visit with this id exists already.", code="id_exists")
    author, device = actor.id, actor.device
    if members is None:
        members = list(db.session.scalars(select(Person).where(Person.household_id == household_id)))
    by_id = {p.id: p for p in members}
    wanted = list(dict.fromkeys(body.get("person_ids") or []))  # a person is concerned once
    unknown = [str(pid) for pid in wanted if pid not in by_id]
    if unknown:
        raise Unprocessable(
            "Some persons are not members of this household.",
            fields={"person_ids": [f"not in household: {', '.join(unknown)}"]},
        )
    refuse_future(body["occurred_at"])
    changes = body.get("status_changes") or []
    for change in changes:
        if change["person_id"] not in by_id:
            raise Unprocessable(
                "A status change names someone outside this household.",
                fields={"status_changes": [f"not in household: {change['person_id']}"]},
            )
    # A visit names the persons it concerned (those ticked, and those whose status it changes:
    # the news came from them); naming nobody, it is an attempt on the household.
    named = list(dict.fromkeys([*wanted, *(c["person_id"] for c in changes)]))
    concerned = [by_id[pid] for pid in named]
    outcome = outcome_of(body, bool(concerned))
    original = None
    if body.get("amends_visit_id"):
        # Checked before the new visit is in the session, so no flush sees a dangling reference.
        original = actor.require_row_of("visit", body["amends_visit_id"], "amends_visit_id",
                                        household_id)
    visit = Visit(
        id=body.get("id") or uuid.uuid4(),
        household_id=household_id,
        author_id=author,
        device_id=device,
        channel=body["channel"],
        occurred_at=body["occurred_at"],
        notes=body.get("notes") or "",
        services=list(dict.fromkeys(body.get("services") or [])),
        lat=body.get("lat"),
        lng=body.get("lng"),
        accuracy_m=body.get("accuracy_m"),
        next_follow_up=body.get("next_follow_up"),
        outcome=outcome,
        amends_visit_id=body.get("amends_visit_id"),
        late=late,
        status_changes=[
            {"person_id": str(c["person_id"]), "to": c["to"], "from": by_id[c["person_id"]].status}
            for c in changes
        ],
    )
    visit.persons = concerned
    db.session.add(visit)
    if original is not None:
        original.review_state = "amended"
    for change in changes:
        change_status(
            by_id[change["person_id"]],
            change["to"],
            by=author,
            device=device,
            expected_from=change.get("expected_from"),
            visit_id=visit.id,
            at=body["occurred_at"],
        )
    track_contacts(visit, members)
    return visit


def review(actor: Actor, visit: Visit, decision: str, comment: str | None) -> None:
    """Approve a visit, or return it to its helper with a comment (supervisors)."""
    check_fields(actor, "visit", "review", ["review_state", "review_comment"])
    actor.require_target("visit", visit)
    if decision == "return" and not (comment or "").strip():
        raise Unprocessable("Say why the visit is returned.", fields={"comment": ["required to return"]})
    visit.review_state = "approved" if decision == "approve" else "returned"
    visit.review_comment = comment
    visit.reviewed_by_id = actor.id
    visit.reviewed_at = utcnow()
