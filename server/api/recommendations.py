"""Job recommendations: a helper recommends, the person answers or staff record the outcome
(applied, interview with its time and place, hired, rejected, withdrawn), the funnel is counted."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint

from .. import scoping
from ..extensions import db
from ..models import Recommendation
from ..records import recommendations, rest_actor
from ..records.recommendations import DETAILS
from ..schemas.jobs import RecommendationQuery
from ..schemas.outcomes import (
    RecommendationMove,
    RecommendationNew,
    RecommendationOut,
    RecommendationOutPage,
)
from ..security import login_required, me
from .paging import page

blp = Blueprint(
    "recommendations",
    __name__,
    url_prefix="/api/recommendations",
    description="Job recommendations",
)

@blp.get("")
@login_required()
@blp.arguments(RecommendationQuery, location="query")
@blp.response(200, RecommendationOutPage)
def all_recommendations(args: dict[str, Any]) -> dict[str, Any]:
    """Recommendations in your scope (a client: their own)"""
    query = scoping.recommendations(me())
    for key in ("person_id", "state"):
        if key in args:
            query = query.where(getattr(Recommendation, key) == args[key])
    return page(query, args, Recommendation.created_at.desc(), Recommendation.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(RecommendationNew)
@blp.response(201, RecommendationOut)
def new(body: dict[str, Any]) -> Recommendation:
    """Recommend an open job to a person, with your reason"""
    rec = recommendations.create(rest_actor(), body)
    db.session.commit()
    return rec


@blp.get("/<uuid:rec_id>")
@login_required()
@blp.response(200, RecommendationOut)
def get(rec_id: uuid.UUID) -> Recommendation:
    """One recommendation"""
    rec: Recommendation = scoping.get_one(scoping.recommendations(me()), Recommendation, rec_id)
    return rec


@blp.patch("/<uuid:rec_id>")
@login_required()
@blp.arguments(RecommendationMove)
@blp.response(200, RecommendationOut)
def update(body: dict[str, Any], rec_id: uuid.UUID) -> Recommendation:
    """Answer a recommendation or record its progress (applied, interview, hired...): staff may
    name a later state, reached through the states between, each move recorded"""
    rec: Recommendation = scoping.get_one(scoping.recommendations(me()), Recommendation, rec_id)
    actor = rest_actor()
    details = {k: body[k] for k in (*DETAILS, "source_event_id", "source_post_id") if k in body}
    if rec.state == body["state"]:
        if details:
            recommendations.answer(actor, rec, details)
    else:
        recommendations.move(actor, rec, body["state"], details=details,
                             expected_from=body.get("expected_from"))
    db.session.commit()
    return rec
