"""Job recommendations: a helper recommends, the person answers, the funnel is counted."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from .. import scoping
from ..clock import stamp_fields
from ..domain.vocabulary import RECOMMENDATION_MOVES
from ..errors import Conflict, Forbidden, Unprocessable
from ..extensions import db
from ..matching import explain
from ..models import Job, Person, Recommendation, utcnow
from ..schemas.jobs import (
    RecommendationCreate,
    RecommendationPage,
    RecommendationQuery,
    RecommendationSchema,
    RecommendationUpdate,
)
from ..security import login_required, me
from .paging import page

blp = Blueprint(
    "recommendations",
    __name__,
    url_prefix="/api/recommendations",
    description="Job recommendations",
)

#: Answers a client may give; staff may record any legal move.
CLIENT_STATES = {"viewed", "interested", "declined", "applied", "interview", "hired", "rejected"}


@blp.get("")
@login_required()
@blp.arguments(RecommendationQuery, location="query")
@blp.response(200, RecommendationPage)
def all_recommendations(args: dict[str, Any]) -> dict[str, Any]:
    """Recommendations in your scope (a client: their own)"""
    query = scoping.recommendations(me())
    for key in ("person_id", "state"):
        if key in args:
            query = query.where(getattr(Recommendation, key) == args[key])
    return page(query, args, Recommendation.created_at.desc(), Recommendation.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(RecommendationCreate)
@blp.response(201, RecommendationSchema)
def new(body: dict[str, Any]) -> Recommendation:
    """Recommend an open job to a person, with your reason"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, body["person_id"])
    job = db.session.get(Job, body["job_id"])
    if job is None or not job.is_open:
        raise Unprocessable("That job is not open.", fields={"job_id": ["unknown or closed job"]})
    exists = db.session.scalar(
        select(Recommendation.id).where(
            Recommendation.person_id == person.id, Recommendation.job_id == job.id
        )
    )
    if exists:
        raise Conflict(
            "This job was already recommended to this person.", code="already_recommended"
        )

    rec = Recommendation(
        id=body.get("id") or uuid.uuid4(),
        person_id=person.id,
        job_id=job.id,
        by_user_id=me().id,
        reasons=body["reasons"],
        match=explain(person, job),
        history=[
            {"from": None, "to": "recommended", "at": utcnow().isoformat(), "by": str(me().id)}
        ],
    )
    db.session.add(rec)
    db.session.commit()
    return rec


@blp.get("/<uuid:rec_id>")
@login_required()
@blp.response(200, RecommendationSchema)
def get(rec_id: uuid.UUID) -> Recommendation:
    """One recommendation"""
    rec: Recommendation = scoping.get_one(scoping.recommendations(me()), Recommendation, rec_id)
    return rec


def move(
    rec: Recommendation,
    to: str,
    *,
    by: uuid.UUID | None,
    reason: str | None,
    expected_from: str | None = None,
    stamp: str | None = None,
) -> None:
    """Move a recommendation along its state machine, keeping the history."""
    if expected_from is not None and expected_from != rec.state:
        raise Conflict(f"The recommendation is now {rec.state!r}.", code="state_changed")
    if to not in RECOMMENDATION_MOVES[rec.state]:
        raise Unprocessable(
            f"Cannot go from {rec.state} to {to}.",
            code="illegal_transition",
            fields={
                "state": [
                    f"allowed from {rec.state}: {', '.join(RECOMMENDATION_MOVES[rec.state]) or 'none'}"
                ]
            },
        )
    rec.history = [
        *rec.history,
        {"from": rec.state, "to": to, "at": utcnow().isoformat(), "by": str(by)},
    ]
    rec.state = to
    rec.state_changed_at = utcnow()
    fields = ["state"]
    if reason is not None:
        rec.response_reason = reason
        fields.append("response_reason")
    stamp_fields(rec, fields, stamp)


@blp.patch("/<uuid:rec_id>")
@login_required()
@blp.arguments(RecommendationUpdate)
@blp.response(200, RecommendationSchema)
def update(body: dict[str, Any], rec_id: uuid.UUID) -> Recommendation:
    """Answer a recommendation or record its progress (interested, applied, interview, hired...)"""
    caller = me()
    rec: Recommendation = scoping.get_one(scoping.recommendations(caller), Recommendation, rec_id)
    if caller.role == "client" and body["state"] not in CLIENT_STATES:
        raise Forbidden("You cannot set that state.")
    if rec.state == body["state"]:
        if "response_reason" in body:
            rec.response_reason = body["response_reason"]
            stamp_fields(rec, ["response_reason"])
            db.session.commit()
        return rec
    move(
        rec,
        body["state"],
        by=caller.id,
        reason=body.get("response_reason"),
        expected_from=body.get("expected_from"),
    )
    db.session.commit()
    return rec
