"""A graduate looks for themselves: open jobs ranked for them, and "I'm interested".

The ranking is the helpers' matching (`server/matching.py` through the shared index), scored for
the caller's own file and nobody else's: the route takes no person id. Without a filter it is
the index's own ranking (`LiveJobs.rank`, as `GET /api/persons/<id>/matches`); keyword,
industry and place narrow the open jobs first (SQL) and the index's totals order what is left.
Only the page shown is explained part by part, in the graduate's language. 10,000 open jobs:
about 80 ms a page unfiltered, 120-150 ms filtered (SQLite, once the index is built).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import func, select

from ..business_time import business_today
from ..errors import NotFound
from ..extensions import db
from ..labels import language
from ..matching import PersonFeatures, job_features, score
from ..matching_index import LiveJobs, features_of, job_index, live_jobs_filter
from ..models import Job, Person, Recommendation
from ..records import job_interest, rest_actor
from ..schemas.my_jobs import MyInterest, MyJobsPage, MyJobsQuery
from ..security import login_required, me
from .paging import like_any

blp = Blueprint("my_jobs", __name__, url_prefix="/api/me/jobs",
                description="A graduate's own job search")


def _me_person() -> Person:
    user = me()
    person = db.session.get(Person, user.person_id) if user.person_id else None
    if person is None:
        raise NotFound("Your account has no file.", code="no_file")
    return person


@blp.get("")
@login_required("client")
@blp.arguments(MyJobsQuery, location="query")
@blp.response(200, MyJobsPage)
def all_jobs(args: dict[str, Any]) -> dict[str, Any]:
    """Open jobs that fit you best first, each with why (filter by keyword, industry, place)"""
    person = _me_person()
    lang = language(args.get("lang") or me().locale)
    live = live_jobs_filter(business_today())
    query = select(Job.id).where(live)
    filtered = False
    for condition in (like_any(args.get("q"), Job.title, Job.employer, Job.industry,
                               Job.description),
                      like_any(args.get("industry"), Job.industry),
                      like_any(args.get("place"), Job.place)):
        if condition is not None:
            query, filtered = query.where(condition), True
    open_jobs = db.session.scalar(select(func.count()).select_from(Job).where(live)) or 0
    index = job_index()
    p = features_of(person, index)
    per_page, number = args["per_page"], args["page"]
    if not filtered:
        # The helpers' ranking as it is: the index's best, their current rows checked.
        best = index.rank(p, limit=number * per_page)[(number - 1) * per_page:]
        shown, total = [f.id for f, _ in best], open_jobs
        matches = {f.id: match for f, match in best}
    else:
        shown, total = _rank_filtered(list(db.session.scalars(query)), p, index)
        shown = shown[(number - 1) * per_page: number * per_page]
        matches = {}
    jobs = {j.id: j for j in db.session.scalars(select(Job).where(Job.id.in_(shown)))}
    recs = {job_id: (rid, state) for rid, job_id, state in db.session.execute(
        select(Recommendation.id, Recommendation.job_id, Recommendation.state).where(
            Recommendation.person_id == person.id, Recommendation.job_id.in_(shown)))}
    items = []
    for job_id in shown:
        job = jobs.get(job_id)
        if job is None:
            continue
        match = matches.get(job_id) or score(p, job_features(job, index.areas))
        rec_id, state = recs.get(job_id, (None, None))
        items.append({
            "job": job, "match": match, "recommendation_id": rec_id,
            "recommendation_state": state,
            "reasons": [{"code": r["code"], "positive": r["positive"], "text": r[lang]}
                        for r in match["reasons"]],
        })
    industries = sorted(i for i in db.session.scalars(
        select(Job.industry).where(live, Job.industry.is_not(None)).distinct()) if i)
    return {"items": items, "total": total, "page": number, "per_page": per_page,
            "open_jobs": open_jobs, "industries": industries}


def _rank_filtered(ids: list[uuid.UUID], p: PersonFeatures, index: LiveJobs) -> tuple[
        list[uuid.UUID], int]:
    """`ids` (live jobs that pass the filters), best for `p` first, by the index's totals.

    Jobs opened since the index was built are scored from their rows; ties keep index order.
    """
    totals, by_id = index.index.totals(p), index.index.by_id
    late = [i for i in ids if i not in by_id]
    fresh = {f.id: score(p, f)["score"] for f in (
        job_features(row, index.areas) for row in db.session.scalars(
            select(Job).where(Job.id.in_(late))))} if late else {}
    end = len(by_id)

    def key(job_id: uuid.UUID) -> tuple[float, int]:
        at = by_id.get(job_id)
        return (-totals[at], at) if at is not None else (-fresh[job_id], end)

    return sorted(ids, key=key), len(ids)


@blp.post("/<uuid:job_id>/interest")
@login_required("client")
@blp.response(200, MyInterest)
def interest(job_id: uuid.UUID) -> dict[str, Any]:
    """Say you are interested in an open job: your helper sees it among your recommendations"""
    _me_person()
    rec, made = job_interest.show_interest(rest_actor(), job_id)
    db.session.commit()
    return {"recommendation": rec, "created": made}
