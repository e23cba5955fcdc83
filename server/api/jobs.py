"""Vacancies collected from enterprises, fairs, live streams and labour brokers."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db
from ..models import Job
from ..records import jobs, rest_actor
from ..schemas.jobs import JobCreate, JobPage, JobQuery, JobSchema, JobUpdate
from ..security import login_required
from .paging import like_any, page

blp = Blueprint("jobs", __name__, url_prefix="/api/jobs", description="Jobs")


@blp.get("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(JobQuery, location="query")
@blp.response(200, JobPage)
def all_jobs(args: dict[str, Any]) -> dict[str, Any]:
    """List jobs; `q` searches title, employer, industry and place"""
    query = select(Job)
    if args.get("open_only", True):
        query = query.where(Job.is_open.is_(True))
    for key in ("industry", "source", "public_welfare"):
        if key in args:
            query = query.where(getattr(Job, key) == args[key])
    cond = like_any(args.get("q"), Job.title, Job.employer, Job.industry, Job.place)
    if cond is not None:
        query = query.where(cond)
    return page(query, args, Job.closing_date, Job.title, Job.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(JobCreate)
@blp.response(201, JobSchema)
def new(body: dict[str, Any]) -> Job:
    """Add a job collected from an employer, a fair, a live stream or a broker (filed under
    your sub-district unless you name an area of it)"""
    job = jobs.create(rest_actor(), body)
    db.session.commit()
    return job


def _job(job_id: uuid.UUID) -> Job:
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No job with that id.")
    return job


@blp.get("/<uuid:job_id>")
@login_required()
@blp.response(200, JobSchema)
def get(job_id: uuid.UUID) -> Job:
    """One job"""
    return _job(job_id)


@blp.patch("/<uuid:job_id>")
@login_required("admin", "supervisor", "helper")
@blp.arguments(JobUpdate)
@blp.response(200, JobSchema)
def update(body: dict[str, Any], job_id: uuid.UUID) -> Job:
    """Edit a vacancy your office keeps (close it with is_open=false)"""
    job = _job(job_id)
    jobs.update(rest_actor(), job, body)
    db.session.commit()
    return job
