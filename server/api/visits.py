"""Visits: contacts with a household, immutable once written. Supervisors review them."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint

from .. import scoping
from ..case_file import record_visit
from ..case_file import review as review_visit
from ..errors import NotFound
from ..extensions import db
from ..models import Household, Person, Visit
from ..records import rest_actor
from ..schemas.visits import BulkReviewIn, ReviewIn, VisitCreate, VisitQuery
from ..schemas_roles import VisitPageView, VisitView
from ..security import login_required, me
from .paging import like_any, page

blp = Blueprint("visits", __name__, url_prefix="/api/visits", description="Visit logs")


@blp.get("")
@login_required()
@blp.arguments(VisitQuery, location="query")
@blp.response(200, VisitPageView)
def all_visits(args: dict[str, Any]) -> dict[str, Any]:
    """List visits in your scope, newest first, with filters for review"""
    query = scoping.visits(me())
    if "household_id" in args:
        query = query.where(Visit.household_id == args["household_id"])
    if "person_id" in args:
        query = query.where(Visit.persons.any(Person.id == args["person_id"]))
    if "helper_id" in args:
        query = query.where(Visit.author_id == args["helper_id"])
    if "committee_id" in args:
        query = query.where(Household.committee_id == args["committee_id"])
    for key in ("channel", "review_state"):
        if key in args:
            query = query.where(getattr(Visit, key) == args[key])
    if "since" in args:
        query = query.where(Visit.occurred_at >= args["since"])
    if "until" in args:
        query = query.where(Visit.occurred_at < args["until"])
    cond = like_any(args.get("q"), Visit.notes, Household.address)
    if cond is not None and me().role != "client":
        query = query.where(cond)
    return page(query, args, Visit.occurred_at.desc(), Visit.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(VisitCreate)
@blp.response(201, VisitView)
def new(body: dict[str, Any]) -> Visit:
    """Record a visit with the services delivered and any status changes, in one transaction"""
    visit = record_visit(rest_actor(), body)
    db.session.commit()
    return visit


@blp.get("/<uuid:visit_id>")
@login_required()
@blp.response(200, VisitView)
def get(visit_id: uuid.UUID) -> Visit:
    """One visit"""
    visit: Visit = scoping.get_one(scoping.visits(me()), Visit, visit_id)
    return visit


@blp.post("/<uuid:visit_id>/review")
@login_required("admin", "supervisor")
@blp.arguments(ReviewIn)
@blp.response(200, VisitView)
def review(body: dict[str, Any], visit_id: uuid.UUID) -> Visit:
    """Approve a visit, or return it to its helper with a comment"""
    visit: Visit = scoping.get_one(scoping.visits(me()), Visit, visit_id)
    review_visit(rest_actor(), visit, body["decision"], body.get("comment"))
    db.session.commit()
    return visit


@blp.post("/review")
@login_required("admin", "supervisor")
@blp.arguments(BulkReviewIn)
@blp.response(200, VisitView(many=True))
def review_many(body: dict[str, Any]) -> list[Visit]:
    """Approve several visits in one action: all or nothing (at most 200)"""
    ids = list(dict.fromkeys(body["visit_ids"]))
    found = {v.id: v for v in db.session.scalars(scoping.visits(me()).where(Visit.id.in_(ids))).unique()}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise NotFound("Some visits are not in your scope or do not exist; none was approved.",
                       fields={"visit_ids": missing})
    actor = rest_actor()
    for visit_id in ids:
        review_visit(actor, found[visit_id], body["decision"], None)
    db.session.commit()
    return [found[i] for i in ids]
