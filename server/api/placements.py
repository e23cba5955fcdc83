"""Placements and aftercare: the job a person got, the retention calls after it, and the
admin's schedule of those calls. Writes go through `server/records/placements.py` and
`retention.py`, as the sync pushes do."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from sync.aftercare import DEFAULT_STEPS, schedule

from .. import scoping
from ..business_time import business_today
from ..errors import NotFound
from ..extensions import db
from ..models import Household, Person
from ..models.base import utcnow
from ..models.outcomes import Placement, RetentionCheck, RetentionStep
from ..records import placements, rest_actor, retention
from ..schemas.outcomes import (
    PlacementCreate,
    PlacementFields,
    PlacementPage,
    PlacementQuery,
    PlacementSchema,
    RetentionCheckCreate,
    RetentionCheckSchema,
    RetentionStepSchema,
)
from ..security import login_required, me
from .paging import page

blp = Blueprint("placements", __name__, url_prefix="/api", description="Placements and aftercare")


def _in_scope() -> Any:
    """Placements of the persons the caller reaches."""
    query = select(Placement).join(Person, Placement.person_id == Person.id)
    return query.join(Household, Person.household_id == Household.id).where(
        scoping.household_filter(me()))


def _with_contacts(rows: list[Placement]) -> list[Placement]:
    """Each placement with its retention contacts as the shared rule sees them today."""
    steps = retention.current_steps()
    checks: dict[uuid.UUID, list[dict[str, Any]]] = {r.id: [] for r in rows}
    if rows:
        for check in db.session.scalars(select(RetentionCheck).where(
                RetentionCheck.placement_id.in_(list(checks)))):
            checks[check.placement_id].append({"step": check.step})
    today = business_today()
    for row in rows:
        setattr(row, "contacts", [c.to_wire() for c in schedule(  # noqa: B010  (a view-only value)
            {"start_date": row.start_date, "ended_on": row.ended_on}, steps, checks[row.id], today)])
    return rows


@blp.get("/placements")
@login_required("admin", "supervisor", "helper")
@blp.arguments(PlacementQuery, location="query")
@blp.response(200, PlacementPage)
def all_placements(args: dict[str, Any]) -> dict[str, Any]:
    """Placements in your scope, newest start first"""
    query = _in_scope()
    if "person_id" in args:
        query = query.where(Placement.person_id == args["person_id"])
    if args.get("open") is not None:
        query = query.where(Placement.ended_on.is_(None) if args["open"]
                            else Placement.ended_on.is_not(None))
    if args.get("at_risk") is not None:
        query = query.where(Placement.at_risk.is_(args["at_risk"]))
    result = page(query, args, Placement.start_date.desc(), Placement.id)
    result["items"] = _with_contacts(list(result["items"]))
    return result


@blp.post("/placements")
@login_required("admin", "supervisor", "helper")
@blp.arguments(PlacementCreate)
@blp.response(201, PlacementSchema)
def new(body: dict[str, Any]) -> Placement:
    """Open a placement for a hire (the person's status becomes employed)"""
    row = placements.create(rest_actor(), body)
    db.session.commit()
    return _with_contacts([row])[0]


@blp.get("/placements/<uuid:placement_id>")
@login_required("admin", "supervisor", "helper")
@blp.response(200, PlacementSchema)
def get(placement_id: uuid.UUID) -> Placement:
    """One placement, with its retention contacts"""
    row: Placement = scoping.get_one(_in_scope(), Placement, placement_id)
    return _with_contacts([row])[0]


@blp.patch("/placements/<uuid:placement_id>")
@login_required("admin", "supervisor", "helper")
@blp.arguments(PlacementFields)
@blp.response(200, PlacementSchema)
def update(body: dict[str, Any], placement_id: uuid.UUID) -> Placement:
    """Correct a placement, flag it at risk, or end it (the status follows)"""
    row: Placement = scoping.get_one(_in_scope(), Placement, placement_id)
    placements.update(rest_actor(), row, body)
    db.session.commit()
    return _with_contacts([row])[0]


@blp.get("/placements/<uuid:placement_id>/checks")
@login_required("admin", "supervisor", "helper")
@blp.response(200, RetentionCheckSchema(many=True))
def checks(placement_id: uuid.UUID) -> list[RetentionCheck]:
    """The retention checks of a placement, latest first"""
    row: Placement = scoping.get_one(_in_scope(), Placement, placement_id)
    return list(db.session.scalars(select(RetentionCheck).where(
        RetentionCheck.placement_id == row.id).order_by(RetentionCheck.occurred_at.desc())))


@blp.post("/retention-checks")
@login_required("admin", "supervisor", "helper")
@blp.arguments(RetentionCheckCreate)
@blp.response(201, RetentionCheckSchema)
def new_check(body: dict[str, Any]) -> RetentionCheck:
    """Record a retention call: still in the job, or left and why (that ends the placement)"""
    check = retention.record(rest_actor(), body)
    db.session.commit()
    return check


def _steps() -> list[dict[str, Any]]:
    stored = {s.code: s for s in db.session.scalars(select(RetentionStep))}
    return [{"code": code, "days": days, "default_days": DEFAULT_STEPS.get(code),
             "updated_at": stored[code].updated_at if code in stored else None}
            for code, days in retention.current_steps().items()]


@blp.get("/retention-steps")
@login_required("admin", "supervisor", "helper")
@blp.response(200, RetentionStepSchema(many=True))
def steps() -> list[dict[str, Any]]:
    """The schedule of retention contacts after a hire (days after the start)"""
    return _steps()


@blp.put("/retention-steps/<string:code>")
@login_required("admin")
@blp.arguments(RetentionStepSchema)
@blp.response(200, RetentionStepSchema)
def set_step(body: dict[str, Any], code: str) -> dict[str, Any]:
    """Change when a retention contact falls (admin)"""
    if code not in DEFAULT_STEPS:
        raise NotFound("No such retention step.")
    step = db.session.scalar(select(RetentionStep).where(RetentionStep.code == code))
    if step is None:
        step = RetentionStep(code=code, stamps={})
        db.session.add(step)
    step.days = body["days"]
    step.updated_at = utcnow()
    step.updated_by_id = me().id
    db.session.commit()
    return next(s for s in _steps() if s["code"] == code)

