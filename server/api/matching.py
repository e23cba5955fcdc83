"""Matching: the best open jobs for a person, each with its score parts and reasons."""

from __future__ import annotations

import time
import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from .. import scoping
from ..extensions import db
from ..matching_index import features_of, job_index
from ..models import Job, Person, Recommendation
from ..schemas.matching import MatchList, MatchQuery
from ..security import login_required, me

blp = Blueprint("matching", __name__, url_prefix="/api", description="Person–job matching")


@blp.get("/persons/<uuid:person_id>/matches")
@login_required()
@blp.arguments(MatchQuery, location="query")
@blp.response(200, MatchList)
def matches(args: dict[str, Any], person_id: uuid.UUID) -> dict[str, Any]:
    """The open jobs that fit a person best, with the reasons (top ten by default)"""
    started = time.perf_counter()
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    states = {job_id: state for job_id, state in db.session.execute(
        select(Recommendation.job_id, Recommendation.state).where(
            Recommendation.person_id == person.id))}
    index = job_index()
    exclude = () if args["include_recommended"] else states
    ranked = index.rank(features_of(person, index), limit=args["limit"], exclude=exclude)
    jobs = {j.id: j for j in db.session.scalars(
        select(Job).where(Job.id.in_([f.id for f, _ in ranked])))}
    items = [{"job": jobs[f.id], "match": match, "recommendation_state": states.get(f.id)}
             for f, match in ranked if f.id in jobs]
    return {"person_id": person.id, "open_jobs": len(index), "items": items,
            "took_ms": round((time.perf_counter() - started) * 1000, 1)}
