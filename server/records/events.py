"""Recruitment events and their participants: the one write path REST and sync both take.

An event is kept by the office that runs it, like a vacancy (`scoping.job_reaches`): an admin
keeps every event, a supervisor or helper those of their sub-district or its committees; one
made without an area is filed under the maker's sub-district. Its vacancies must be known jobs.

A participant is a person of the actor's scope (`Actor.require_person`), once per event. Staff
invite (`invited`) or record a sign-up; a graduate signs up or declines on their own row only
(the policy's `VALUES`). Moves follow the registry's `participation_state` machine. Arriving
at `attended` stamps `checked_in_at`. A QR check-in is the pass the graduate showed
(`server.event_pass`) set on their row: it must name this very row, and it admits them by
itself, so an offline scan is one op and a forged code is refused without a trace.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from sync.registry import REGISTRY_PATH

from ..clock import stamp_fields
from ..errors import Conflict, Unprocessable
from ..event_pass import participant_of
from ..extensions import db
from ..models import Area, Job, utcnow
from ..models.recruitment_events import Event, EventParticipant
from ..policy import Actor, Denied, check_fields, check_value, forbidden
from ..scoping import job_reaches

_REGISTRY = json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))
#: Legal participation moves: the registry's `participation_state` machine.
_MACHINE = _REGISTRY["machines"]["participation_state"]
MOVES: dict[str, tuple[str, ...]] = {s: tuple(m) for s, m in _MACHINE["transitions"].items()}
INITIAL: tuple[str, ...] = tuple(_MACHINE["initial"])
_NAMESPACE = uuid.UUID(_REGISTRY["namespace"])


def participant_id(event_id: uuid.UUID | str, person_id: uuid.UUID | str) -> uuid.UUID:
    """The id of a person's row on an event's list: the same on every phone and the server, so
    an invitation and a sign-up made apart (one offline) name one row."""
    return uuid.uuid5(_NAMESPACE, f"event_participant/{event_id}/{person_id}")


def _invalid(name: str, message: str) -> Denied:
    return Denied(message, code="validation_error", status=422, sync_code="invalid_op",
                  fields={name: [message]})


def _check_event_values(actor: Actor, values: dict[str, Any], event: Event | None) -> None:
    if "area_id" in values:
        area_id = values["area_id"]
        if area_id is not None and db.session.get(Area, area_id) is None:
            raise _invalid("area_id", "unknown area")
        if not job_reaches(actor.user, area_id):
            raise forbidden("Events of that area are run by another office.",
                            {"area_id": ["not your sub-district"]})
    starts = values.get("starts_at", event.starts_at if event else None)
    ends = values.get("ends_at", event.ends_at if event else None)
    if starts is not None and ends is not None and ends < starts:
        raise _invalid("ends_at", "ends before it starts")
    job_ids = [uuid.UUID(str(j)) for j in values.get("job_ids") or []]
    if job_ids:
        known = set(db.session.scalars(select(Job.id).where(Job.id.in_(job_ids))))
        if len(known) != len(set(job_ids)):
            raise _invalid("job_ids", "unknown job")


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for key in ("job_ids", "employer_ids"):
        if key in out:
            out[key] = list(dict.fromkeys(str(x) for x in out[key] or []))
    return out


def create_event(actor: Actor, body: dict[str, Any]) -> Event:
    """Add an event from validated `EventCreate` fields (REST) or an insert op (sync)."""
    check_fields(actor, "event", "create", body)
    values = _normalise({k: v for k, v in body.items() if k != "id"})
    if values.get("area_id") is None and actor.role != "admin":
        values["area_id"] = actor.user.area_id
    values.setdefault("area_id", None)
    _check_event_values(actor, values, None)
    event = Event(id=body.get("id") or uuid.uuid4(), by_user_id=actor.id, **values)
    event.stamps = {}
    db.session.add(event)
    return event


def update_event(actor: Actor, event: Event, changes: dict[str, Any], *, stamp: bool = True) -> None:
    """Edit or cancel (`cancelled=True`) an event the actor's office runs."""
    check_fields(actor, "event", "update", changes)
    if not job_reaches(actor.user, event.area_id):
        raise forbidden("This event is run by another office.")
    values = _normalise(changes)
    _check_event_values(actor, values, event)
    for key, value in values.items():
        setattr(event, key, value)
    if stamp and values:
        stamp_fields(event, list(values))


def _client_own(actor: Actor, person_id: uuid.UUID) -> None:
    if actor.role == "client" and actor.user.person_id != person_id:
        raise Denied("You can only sign yourself up.", code="not_found", status=404,
                     sync_code="out_of_scope")


def _visible(actor: Actor, event: Event) -> bool:
    """The event is one the actor may see (REST and sync alike: another district's events are
    not for this office's people)."""
    from .event_scope import events as visible_events

    found = db.session.scalar(visible_events(actor.user).where(Event.id == event.id)
                              .with_only_columns(Event.id))
    return found is not None


def add_participant(actor: Actor, event: Event | None, body: dict[str, Any]) -> EventParticipant:
    """Invite a person (staff) or sign up (staff or the graduate themself) for an event."""
    check_fields(actor, "event_participant", "create", body)
    if event is None or event.cancelled or not _visible(actor, event):
        raise _invalid("event_id", "unknown or cancelled event")
    person_id = uuid.UUID(str(body["person_id"]))
    _client_own(actor, person_id)
    actor.require_person(person_id)
    state = body.get("state", "invited")
    if state not in INITIAL:
        raise Unprocessable("A participant starts invited or signed up.",
                            fields={"state": [f"one of {', '.join(INITIAL)}"]})
    check_value(actor, "event_participant", "state", state)
    taken = db.session.scalar(select(EventParticipant.id).where(
        EventParticipant.event_id == event.id, EventParticipant.person_id == person_id))
    if taken is not None:
        raise Conflict("This person is already on the event's list.", code="id_exists")
    row = EventParticipant(id=body.get("id") or participant_id(event.id, person_id),
                           event_id=event.id,
                           person_id=person_id, state=state, invited_by=actor.id, stamps={})
    if "check_in_via" in body or "check_in_token" in body:
        _check_in_fields(row, body)
    db.session.add(row)
    return row


def _check_in_fields(row: EventParticipant, values: dict[str, Any]) -> None:
    """Record how attendance was taken. A genuine pass naming this row admits its holder: the
    pass alone is the proof, so a phone queues it as one op and a forged one changes nothing."""
    via = values.get("check_in_via", row.check_in_via)
    token = values.get("check_in_token", row.check_in_token)
    if via not in (None, "list", "qr"):
        raise _invalid("check_in_via", "list or qr")
    if via == "qr" and (not token or participant_of(str(token)) != row.id):
        raise Denied("That pass is not this person's.", code="invalid_pass", status=422,
                     sync_code="invalid_op", fields={"check_in_token": ["not a valid pass"]})
    row.check_in_via = via
    row.check_in_token = token if via == "qr" else None
    if via == "qr" and row.state != "attended":
        if "attended" not in MOVES[row.state]:
            raise Unprocessable(f"Cannot admit someone who is {row.state}.",
                                code="illegal_transition", fields={"state": [row.state]})
        row.state = "attended"
        row.checked_in_at = utcnow()
        stamp_fields(row, ["state"])


def update_participant(actor: Actor, row: EventParticipant, changes: dict[str, Any], *,
                       stamp: bool = True) -> None:
    """Write `state` (sync: already merged by its machine), `check_in_via` and the pass."""
    check_fields(actor, "event_participant", "update", changes)
    actor.require_target("event_participant", row)
    if "state" in changes:
        check_value(actor, "event_participant", "state", changes["state"])
    if "check_in_via" in changes or "check_in_token" in changes:
        _check_in_fields(row, changes)
    if "state" in changes and changes["state"] != row.state:
        row.state = changes["state"]
        if row.state == "attended":
            row.checked_in_at = utcnow()
            row.check_in_via = row.check_in_via or "list"
    if stamp and changes:
        stamp_fields(row, list(changes))


def move(actor: Actor, row: EventParticipant, to: str, *, via: str | None = None,
         token: str | None = None, expected_from: str | None = None) -> None:
    """Move a participant along `participation_state` (REST: the move must be legal)."""
    if expected_from is not None and expected_from != row.state:
        raise Conflict(f"The participant is now {row.state!r}.", code="state_changed")
    if to != row.state and to not in MOVES[row.state]:
        raise Unprocessable(
            f"Cannot go from {row.state} to {to}.", code="illegal_transition",
            fields={"state": [f"allowed from {row.state}: "
                              f"{', '.join(MOVES[row.state]) or 'none'}"]})
    changes: dict[str, Any] = {"state": to}
    if via is not None:
        changes["check_in_via"] = via
    if token is not None:
        changes["check_in_token"] = token
    update_participant(actor, row, changes)


def check_in(actor: Actor, event: Event, token: str) -> EventParticipant:
    """Mark present the participant a scanned pass names (it must be of this event)."""
    participant_id = participant_of(token)
    row = db.session.get(EventParticipant, participant_id) if participant_id else None
    if row is None or row.event_id != event.id:
        raise Denied("That pass is not for this event.", code="invalid_pass", status=422,
                     sync_code="invalid_op", fields={"token": ["not a valid pass"]})
    if row.state != "attended":
        move(actor, row, "attended", via="qr", token=token)
    return row
