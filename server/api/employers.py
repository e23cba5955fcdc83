"""Employers, their vacancies and history, and the staff's visits to them."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import func, select

from ..employer_history import history as employer_history
from ..errors import NotFound
from ..extensions import db
from ..models import Job, User
from ..models.employers import Employer, EnterpriseVisit
from ..records import employers, jobs, rest_actor
from ..records.employer_scope import get_visible, visible_to
from ..schemas.employers import (
    EmployerCreate,
    EmployerDetail,
    EmployerHistory,
    EmployerPage,
    EmployerQuery,
    EmployerSchema,
    EmployerUpdate,
    EnterpriseVisitCreate,
    EnterpriseVisitSchema,
)
from ..schemas.jobs import JobSchema
from ..security import login_required, me
from .paging import like_any, page

blp = Blueprint("employers", __name__, url_prefix="/api/employers", description="Employers")

STAFF = ("admin", "supervisor", "helper")


def _open_counts(ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not ids:
        return {}
    return dict(db.session.execute(  # type: ignore[arg-type]
        select(Job.employer_id, func.count()).where(Job.employer_id.in_(ids), Job.is_open.is_(True))
        .group_by(Job.employer_id)).all())


def _with_counts(rows: list[Employer]) -> list[Employer]:
    counts = _open_counts([e.id for e in rows])
    for employer in rows:
        employer.open_vacancies = counts.get(employer.id, 0)
    return rows


@blp.get("")
@login_required(*STAFF)
@blp.arguments(EmployerQuery, location="query")
@blp.response(200, EmployerPage)
def all_employers(args: dict[str, Any]) -> dict[str, Any]:
    """List the employers of your district; `q` searches name, park, address and credit code"""
    query = select(Employer).where(visible_to(me()))
    cond = like_any(args.get("q"), Employer.name, Employer.park, Employer.address,
                    Employer.credit_code)
    if cond is not None:
        query = query.where(cond)
    park = like_any(args.get("park"), Employer.park)
    if park is not None:
        query = query.where(park)
    result = page(query, args, Employer.name, Employer.id)
    result["items"] = _with_counts(list(result["items"]))
    return result


@blp.post("")
@login_required(*STAFF)
@blp.arguments(EmployerCreate)
@blp.response(201, EmployerSchema)
def new(body: dict[str, Any]) -> Employer:
    """Add an employer (filed under your sub-district unless you name an area of it)"""
    employer = employers.create(rest_actor(), body)
    db.session.commit()
    return _with_counts([employer])[0]


@blp.get("/<uuid:employer_id>")
@login_required(*STAFF)
@blp.response(200, EmployerDetail)
def get(employer_id: uuid.UUID) -> Employer:
    """One employer with its vacancies, open ones first"""
    employer = get_visible(me(), employer_id)
    employer.jobs = list(db.session.scalars(
        select(Job).where(Job.employer_id == employer.id)
        .order_by(Job.is_open.desc(), Job.created_at.desc())))
    return _with_counts([employer])[0]


@blp.patch("/<uuid:employer_id>")
@login_required(*STAFF)
@blp.arguments(EmployerUpdate)
@blp.response(200, EmployerSchema)
def update(body: dict[str, Any], employer_id: uuid.UUID) -> Employer:
    """Edit an employer your office keeps"""
    employer = get_visible(me(), employer_id)
    employers.update(rest_actor(), employer, body)
    db.session.commit()
    return _with_counts([employer])[0]


@blp.get("/<uuid:employer_id>/history")
@login_required(*STAFF)
@blp.response(200, EmployerHistory)
def history(employer_id: uuid.UUID) -> dict[str, Any]:
    """What happened at an employer: visits, vacancies opened, changed and closed"""
    employer = get_visible(me(), employer_id)
    return {"employer_id": employer.id, "entries": employer_history(employer)}


@blp.get("/<uuid:employer_id>/visits")
@login_required(*STAFF)
@blp.response(200, EnterpriseVisitSchema(many=True))
def visits(employer_id: uuid.UUID) -> list[EnterpriseVisit]:
    """The visits to an employer, newest first"""
    employer = get_visible(me(), employer_id)
    rows = list(db.session.scalars(select(EnterpriseVisit).where(
        EnterpriseVisit.employer_id == employer.id).order_by(EnterpriseVisit.occurred_at.desc())))
    names = dict(db.session.execute(select(User.id, User.display_name).where(
        User.id.in_({v.author_id for v in rows if v.author_id}))).all()) if rows else {}
    for visit in rows:
        visit.author_name = names.get(visit.author_id) if visit.author_id else None
    return rows


@blp.post("/<uuid:employer_id>/visits")
@login_required(*STAFF)
@blp.arguments(EnterpriseVisitCreate(exclude=("employer_id",)))
@blp.response(201, EnterpriseVisitSchema)
def new_visit(body: dict[str, Any], employer_id: uuid.UUID) -> EnterpriseVisit:
    """Record a visit to an employer; its vacancy lines become (or change) its jobs"""
    get_visible(me(), employer_id)
    visit = employers.record_visit(rest_actor(), {**body, "employer_id": employer_id})
    db.session.commit()
    return visit


@blp.put("/<uuid:employer_id>/jobs/<uuid:job_id>")
@login_required(*STAFF)
@blp.response(200, JobSchema)
def link_job(employer_id: uuid.UUID, job_id: uuid.UUID) -> Job:
    """Name this employer as a vacancy's employer (a vacancy your office keeps)"""
    get_visible(me(), employer_id)
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No job with that id.")
    jobs.update(rest_actor(), job, {"employer_id": employer_id})
    db.session.commit()
    return job
