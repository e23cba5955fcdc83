"""Recruitment events: staff create them and invite people, graduates sign up, attendance is taken."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import func, select

from ..errors import NotFound
from ..event_pass import pass_token
from ..extensions import db
from ..models import Job, utcnow
from ..models.recruitment_events import Event, EventParticipant
from ..records import event_scope, events, rest_actor
from ..schemas.events import (
    CheckIn,
    EventCreate,
    EventDetail,
    EventList,
    EventQuery,
    EventSchema,
    EventUpdate,
    ParticipantCreate,
    ParticipantList,
    ParticipantSchema,
    ParticipantUpdate,
    PassSchema,
)
from ..security import login_required, me

blp = Blueprint("events", __name__, url_prefix="/api/events", description="Recruitment events")

STAFF = ("admin", "supervisor", "helper")


def visible_event(event_id: uuid.UUID) -> Event:
    event: Event | None = db.session.scalar(event_scope.events(me()).where(Event.id == event_id))
    if event is None:
        raise NotFound("No event with that id.")
    return event


def visible_participant(participant_id: uuid.UUID) -> tuple[EventParticipant, str]:
    found = db.session.execute(event_scope.participants(me()).where(
        EventParticipant.id == participant_id)).first()
    if found is None:
        raise NotFound("No participant with that id.")
    return found[0], found[1]


def _with_name(row: EventParticipant, name: str) -> dict[str, Any]:
    return {**{c: getattr(row, c) for c in ParticipantSchema().fields if c != "person_name"},
            "person_name": name}


def detail(event: Event) -> dict[str, Any]:
    counts = dict.fromkeys(("invited", "signed_up", "attended", "declined", "no_show"), 0)
    counts.update({state: n for state, n in db.session.execute(
        select(EventParticipant.state, func.count()).where(EventParticipant.event_id == event.id)
        .group_by(EventParticipant.state))})
    keys = [uuid.UUID(j) for j in event.job_ids or []]
    found = {j.id: j for j in db.session.scalars(select(Job).where(Job.id.in_(keys)))} if keys else {}
    jobs = [found[k] for k in keys if k in found]
    user = me()
    mine = None
    if user.role == "client" and user.person_id:
        row = db.session.scalar(select(EventParticipant).where(
            EventParticipant.event_id == event.id, EventParticipant.person_id == user.person_id))
        if row is not None:
            mine = {"id": str(row.id), "state": row.state}
    own = {name: getattr(event, name) for name in EventSchema().fields}
    return {**own, "jobs": jobs, "counts": counts, "mine": mine}


@blp.get("")
@login_required()
@blp.arguments(EventQuery, location="query")
@blp.response(200, EventList)
def all_events(args: dict[str, Any]) -> dict[str, Any]:
    """Events of your district, soonest first (a graduate: those not cancelled)"""
    query = event_scope.events(me())
    if args["upcoming"]:
        now = utcnow()
        query = query.where(func.coalesce(Event.ends_at, Event.starts_at) >= now)
    if "kind" in args:
        query = query.where(Event.kind == args["kind"])
    return {"items": list(db.session.scalars(query.order_by(Event.starts_at, Event.id).limit(500)))}


@blp.post("")
@login_required(*STAFF)
@blp.arguments(EventCreate)
@blp.response(201, EventDetail)
def new(body: dict[str, Any]) -> dict[str, Any]:
    """Create an event: kind, title, when, where, the employers and vacancies taking part"""
    event = events.create_event(rest_actor(), body)
    db.session.commit()
    return detail(event)


@blp.get("/<uuid:event_id>")
@login_required()
@blp.response(200, EventDetail)
def get(event_id: uuid.UUID) -> dict[str, Any]:
    """One event with its vacancies and how many were invited, signed up and came"""
    return detail(visible_event(event_id))


@blp.patch("/<uuid:event_id>")
@login_required(*STAFF)
@blp.arguments(EventUpdate)
@blp.response(200, EventDetail)
def update(body: dict[str, Any], event_id: uuid.UUID) -> dict[str, Any]:
    """Edit or cancel an event your office runs"""
    event = visible_event(event_id)
    events.update_event(rest_actor(), event, body)
    db.session.commit()
    return detail(event)


@blp.get("/<uuid:event_id>/participants")
@login_required()
@blp.response(200, ParticipantList)
def participants(event_id: uuid.UUID) -> dict[str, Any]:
    """The event's participants in your scope (a graduate: their own row)"""
    event = visible_event(event_id)
    rows = db.session.execute(event_scope.participants(me()).where(
        EventParticipant.event_id == event.id).order_by(EventParticipant.created_at))
    return {"items": [_with_name(row, name) for row, name in rows]}


@blp.post("/<uuid:event_id>/participants")
@login_required()
@blp.arguments(ParticipantCreate)
@blp.response(201, ParticipantSchema)
def invite(body: dict[str, Any], event_id: uuid.UUID) -> dict[str, Any]:
    """Invite a person (staff), or sign up (a graduate, for themself)"""
    event = visible_event(event_id)
    row = events.add_participant(rest_actor(), event, body)
    db.session.commit()
    return _with_name(*visible_participant(row.id))


@blp.patch("/participants/<uuid:participant_id>")
@login_required()
@blp.arguments(ParticipantUpdate)
@blp.response(200, ParticipantSchema)
def move(body: dict[str, Any], participant_id: uuid.UUID) -> dict[str, Any]:
    """Sign up, decline, or (staff) mark present or absent"""
    row, name = visible_participant(participant_id)
    events.move(rest_actor(), row, body["state"], via=body.get("check_in_via"),
                expected_from=body.get("expected_from"))
    db.session.commit()
    return _with_name(row, name)


@blp.post("/<uuid:event_id>/check-in")
@login_required(*STAFF)
@blp.arguments(CheckIn)
@blp.response(200, ParticipantSchema)
def check_in(body: dict[str, Any], event_id: uuid.UUID) -> dict[str, Any]:
    """Mark present the person whose pass (QR code) was scanned at the door"""
    event = visible_event(event_id)
    row = events.check_in(rest_actor(), event, body["token"])
    db.session.commit()
    return _with_name(*visible_participant(row.id))


@blp.get("/participants/<uuid:participant_id>/pass")
@login_required()
@blp.response(200, PassSchema)
def event_pass(participant_id: uuid.UUID) -> dict[str, Any]:
    """The pass to show at the door, as text for a QR code"""
    row, _ = visible_participant(participant_id)
    return {"participant_id": row.id, "token": pass_token(row.id)}
