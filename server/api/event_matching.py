"""Candidates for a vacancy or an event ("一键人岗匹配"), and the board's event figures."""

from __future__ import annotations

import time
import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db
from ..matching_reverse import Candidate, jobs_of, rank
from ..models import Job, Recommendation
from ..models.recruitment_events import EventParticipant
from ..reporting.event_figures import event_report
from ..schemas.events import CandidateList, CandidateQuery, EventReport, EventReportQuery
from ..security import login_required, me
from .events import visible_event
from .period_reports import period_of

blp = Blueprint("event_matching", __name__, url_prefix="/api",
                description="Candidates for a vacancy or an event")

STAFF = ("admin", "supervisor", "helper")


def _answer(found: list[Candidate], scored: int, started: float) -> dict[str, Any]:
    items = [{"person": c.person, "job_id": c.job_id, "match": c.match} for c in found]
    return {"scored": scored, "items": items,
            "took_ms": round((time.perf_counter() - started) * 1000, 1)}


@blp.get("/jobs/<uuid:job_id>/candidates")
@login_required(*STAFF)
@blp.arguments(CandidateQuery, location="query")
@blp.response(200, CandidateList)
def job_candidates(args: dict[str, Any], job_id: uuid.UUID) -> dict[str, Any]:
    """The persons in your scope this vacancy fits best, not yet recommended it, with reasons"""
    started = time.perf_counter()
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No job with that id.")
    taken = set(db.session.scalars(select(Recommendation.person_id).where(
        Recommendation.job_id == job.id)))
    found, scored = rank(me(), [job], limit=args["limit"], exclude=taken)
    return _answer(found, scored, started)


@blp.get("/events/<uuid:event_id>/candidates")
@login_required(*STAFF)
@blp.arguments(CandidateQuery, location="query")
@blp.response(200, CandidateList)
def event_candidates(args: dict[str, Any], event_id: uuid.UUID) -> dict[str, Any]:
    """The persons in your scope the event's vacancies fit best, not yet on its list"""
    started = time.perf_counter()
    event = visible_event(event_id)
    taken = set(db.session.scalars(select(EventParticipant.person_id).where(
        EventParticipant.event_id == event.id)))
    found, scored = rank(me(), jobs_of(event.job_ids or []), limit=args["limit"], exclude=taken)
    return _answer(found, scored, started)


@blp.get("/reports/events")
@login_required("admin", "supervisor")
@blp.arguments(EventReportQuery, location="query")
@blp.response(200, EventReport)
def events_report(args: dict[str, Any]) -> dict[str, Any]:
    """Events held in a period: attendance, interviews and hires from them (recorded and reported)"""
    return event_report(me(), period_of(args), args.get("committee_id"))
