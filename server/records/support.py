"""Policy cases, training enrolments and assistance periods: the one write path for each.

REST (`server/api/support.py`) and sync (`server/sync_store/maps/support.py`) both call these
with an `Actor`, so the policy (`server/policy.py`: a graduate may only *request* a course, for
themselves) and the state machines (`policy_state`, `training_state` in `sync/registry.json`)
are checked once. A policy case and an enrolment are both "a person on a catalogue row moving
along a machine", so they share one `Track` description: which catalogue, which machine, and
which date a state stamps when it is entered (today in the office, unless the caller gives it:
a helper recording last week's application offline).

One case per person and policy, one enrolment per person and course: a refused application is
applied for again on the same case, a dropped course referred again on the same enrolment.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from sync.registry import load_registry
from sync.state_machines import Machine

from ..business_time import business_today
from ..clock import stamp_fields
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..models import Policy, TrainingCourse, User
from ..models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from ..policy import Actor, Denied, check_fields, check_value

_MACHINES = load_registry().machines


@dataclass(frozen=True)
class Track:
    """A person on a catalogue row, moving along a machine."""

    entity: str
    model: Any
    catalogue: Any
    #: The column naming the catalogue row (`policy_id`, `course_id`).
    ref: str
    machine: Machine
    #: State entered → the date column it sets (when not given).
    dates: Mapping[str, str]
    #: What a person reads when the catalogue row is unknown.
    what: str
    #: The state a new row starts in when none is given (a graduate's: `requested`).
    start: str


POLICY = Track("policy_case", PolicyCase, Policy, "policy_id", _MACHINES["policy_state"],
               {"informed": "informed_on", "applied": "applied_on", "granted": "decided_on",
                "refused": "decided_on"}, "policy", "informed")
TRAINING = Track("training_enrolment", TrainingEnrolment, TrainingCourse, "course_id",
                 _MACHINES["training_state"],
                 {"referred": "referred_on", "enrolled": "enrolled_on", "completed": "completed_on"},
                 "course", "referred")


def _require_own(actor: Actor, entity: str, person_id: Any) -> None:
    """The person is in the actor's scope (a graduate: is the graduate)."""
    actor.require_person(person_id, primary=True)
    actor.require_target(entity, SimpleNamespace(person_id=uuid.UUID(str(person_id))))


def _illegal(machine: Machine, source: str, target: str) -> Unprocessable:
    allowed = sorted(machine.transitions.get(source, ()))
    return Unprocessable(f"Cannot go from {source} to {target}.", code="illegal_transition",
                         fields={"state": [f"allowed from {source}: {', '.join(allowed) or 'none'}"]})


def _stamp_dates(track: Track, row: Any, given: Mapping[str, Any]) -> list[str]:
    """Set the date the row's (new) state stamps, unless given or already set for it."""
    column = track.dates.get(row.state)
    if column is None or column in given:
        return []
    setattr(row, column, business_today())
    return [column]


def open_track(actor: Actor, track: Track, body: dict[str, Any]) -> Any:
    """A new case or enrolment from validated fields (`state` defaults to the first initial)."""
    check_fields(actor, track.entity, "create", body)
    state = body.setdefault("state", "requested" if actor.role == "client" else track.start)
    check_value(actor, track.entity, "state", state)
    _require_own(actor, track.entity, body["person_id"])
    if not track.machine.is_initial(state):
        raise Unprocessable(f"A {track.what} starts as {' or '.join(sorted(track.machine.initial))}.",
                            fields={"state": ["not an initial state"]})
    ref = body[track.ref]
    if db.session.get(track.catalogue, ref) is None:
        raise Denied(f"No such {track.what}.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={track.ref: ["unknown"]})
    if body.get("id") and db.session.get(track.model, body["id"]) is not None:
        raise Conflict("A record with this id exists already.", code="id_exists")
    taken = db.session.scalar(select(track.model.id).where(
        track.model.person_id == body["person_id"], getattr(track.model, track.ref) == ref))
    if taken is not None:
        raise Conflict(f"This {track.what} is already on the person's file.", code="already_on_file")
    row = track.model(**{**body, "id": body.get("id") or uuid.uuid4()}, by_user_id=actor.id)
    _stamp_dates(track, row, body)
    db.session.add(row)
    return row


def move(actor: Actor, track: Track, row: Any, to: str, changes: Mapping[str, Any] | None = None,
         *, expected_from: str | None = None) -> None:
    """REST: move along the machine (checked here), with the move's dates, amount or notes."""
    if expected_from is not None and expected_from != row.state:
        raise Conflict(f"It is now {row.state!r}.", code="state_changed")
    if not track.machine.is_legal(row.state, to):
        raise _illegal(track.machine, row.state, to)
    update(actor, track, row, {**(changes or {}), "state": to})


def update(actor: Actor, track: Track, row: Any, changes: Mapping[str, Any], *,
           stamp: bool = True) -> None:
    """Write fields (a state already merged by its machine when from sync) and stamp the date
    the new state sets. The person and the catalogue row never change."""
    fixed = sorted(k for k in ("person_id", track.ref) if k in changes
                   and str(changes[k]) != str(getattr(row, k)))
    if fixed:
        raise Unprocessable("The person and the catalogue entry are fixed once recorded.",
                            fields={k: ["cannot change"] for k in fixed})
    changes = {k: v for k, v in changes.items() if k not in ("person_id", track.ref)}
    check_fields(actor, track.entity, "update", changes)
    actor.require_target(track.entity, row)
    if "state" in changes:
        check_value(actor, track.entity, "state", changes["state"])
    before = row.state
    for key, value in changes.items():
        setattr(row, key, value)
    dated = _stamp_dates(track, row, changes) if row.state != before else []
    if stamp and (changes or dated):
        stamp_fields(row, [*changes, *dated])
    elif dated:
        stamp_fields(row, dated)


# -- assistance periods -------------------------------------------------------------------------


def _check_period(row: Any) -> None:
    if row.end_on is not None and row.start_on is not None and row.end_on < row.start_on:
        raise Unprocessable("The period ends before it starts.", fields={"end_on": ["before start_on"]})


def _check_helper(helper_id: Any) -> None:
    if helper_id is None:
        return
    user = db.session.get(User, helper_id)
    if user is None or user.role not in ("helper", "supervisor", "admin"):
        raise Denied("That helper is unknown.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"helper_id": ["unknown helper"]})


def open_period(actor: Actor, body: dict[str, Any]) -> AssistancePeriod:
    """An assistance period for a person (the helper: the person's own, unless named)."""
    check_fields(actor, "assistance_period", "create", body)
    _require_own(actor, "assistance_period", body["person_id"])
    if body.get("id") and db.session.get(AssistancePeriod, body["id"]) is not None:
        raise Conflict("A record with this id exists already.", code="id_exists")
    _check_helper(body.get("helper_id"))
    row = AssistancePeriod(**{**body, "id": body.get("id") or uuid.uuid4()}, by_user_id=actor.id)
    if row.helper_id is None:
        person = actor.lookup.row("person", str(body["person_id"]))
        row.helper_id = getattr(person, "helper_id", None)
    _check_period(row)
    db.session.add(row)
    return row


def update_period(actor: Actor, row: AssistancePeriod, changes: Mapping[str, Any], *,
                  stamp: bool = True) -> None:
    """Change the span, the helper or the notes (never the person)."""
    if "person_id" in changes and str(changes["person_id"]) != str(row.person_id):
        raise Unprocessable("The person is fixed once recorded.", fields={"person_id": ["cannot change"]})
    changes = {k: v for k, v in changes.items() if k != "person_id"}
    check_fields(actor, "assistance_period", "update", changes)
    actor.require_target("assistance_period", row)
    if "helper_id" in changes:
        _check_helper(changes["helper_id"])
    for key, value in changes.items():
        setattr(row, key, value)
    _check_period(row)
    if stamp and changes:
        stamp_fields(row, list(changes))
