"""Writing to a person's file: status changes and visits, shared by the REST API and sync.

Both paths call these so a visit recorded on a phone and one typed into the API leave exactly
the same rows: the visit, its persons, status events, and each person's last contact.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from .clock import stamp_fields
from .errors import Conflict, Unprocessable
from .extensions import db
from .models import Person, StatusEvent, Visit, utcnow


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
    """Move `person` to status `to`, recording the event. Never a silent overwrite."""
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
    """A contact resets the follow-up clock of everyone it concerned (never moves it back)."""
    for person in persons:
        if person.last_contact_at is None or person.last_contact_at < occurred_at:
            person.last_contact_at = occurred_at


def record_visit(
    body: dict[str, Any], *, author: uuid.UUID | None, device: str | None, late: bool = False,
    members: list[Person] | None = None,
) -> Visit:
    """Create a visit from validated `body` (VisitCreate fields). The caller checked scope.

    `members`: the household's persons, when the caller already holds them (a sync batch).
    """
    household_id = body["household_id"]
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
    # A household visit with no one named concerns every member ("households as the unit").
    concerned = [by_id[pid] for pid in wanted] if wanted else members
    changes = body.get("status_changes") or []
    for change in changes:
        if change["person_id"] not in by_id:
            raise Unprocessable(
                "A status change names someone outside this household.",
                fields={"status_changes": [f"not in household: {change['person_id']}"]},
            )
    original = None
    if body.get("amends_visit_id"):
        # Checked before the new visit is in the session, so no flush sees a dangling reference.
        original = db.session.get(Visit, body["amends_visit_id"])
        if original is None or original.household_id != household_id:
            raise Unprocessable(
                "The amended visit is not a visit of this household.",
                fields={"amends_visit_id": ["unknown visit"]},
            )
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
    note_contact(concerned, body["occurred_at"])
    return visit
