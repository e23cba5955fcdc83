"""Vacancies: collected by an office, kept by that office.

A real office edits and closes the vacancies it collected, not its neighbours': an admin (the
district) keeps every vacancy; a supervisor or helper keeps those whose area is their own
sub-district or one of its committees (`scoping.job_reaches`). A vacancy a supervisor or helper
adds without an area is filed under their sub-district. Everyone on staff may read them all.

A vacancy may name its employer (`employer_id`, `records/employers.py`): the employer must be
one of the actor's district, and the job's `employer` text is then the employer's name.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import Area, Job
from ..models.employers import Employer
from ..policy import Actor, Denied, check_fields, forbidden
from ..scoping import job_reaches
from .employer_scope import visible_to


def _area(actor: Actor, area_id: uuid.UUID | None) -> None:
    if area_id is not None and db.session.get(Area, area_id) is None:
        raise Denied("No area with that id.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"area_id": ["unknown area"]})
    if not job_reaches(actor.user, area_id):
        raise forbidden("Vacancies of that area are kept by another office.",
                        {"area_id": ["not your sub-district"]})


def _pay(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise Denied("Pay range is reversed.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"pay_max": ["less than pay_min"]})


def _employer(actor: Actor, values: dict[str, Any]) -> None:
    """Check the named employer and copy its name into the job's `employer` text."""
    employer_id = values.get("employer_id")
    if employer_id is None:
        return
    employer = db.session.scalar(
        select(Employer).where(Employer.id == employer_id, visible_to(actor.user)))
    if employer is None:
        raise Denied("No employer with that id.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"employer_id": ["unknown or not in your district"]})
    values["employer"] = employer.name


def create(actor: Actor, body: dict[str, Any]) -> Job:
    """Add a vacancy from validated `JobCreate` fields."""
    check_fields(actor, "job", "create", body)
    values = dict(body)
    if values.get("area_id") is None and actor.role != "admin":
        values["area_id"] = actor.user.area_id
    _area(actor, values.get("area_id"))
    _pay(values.get("pay_min"), values.get("pay_max"))
    _employer(actor, values)
    job = Job(**values)
    job.stamps = {}
    db.session.add(job)
    return job


def update(actor: Actor, job: Job, changes: dict[str, Any]) -> None:
    """Edit or close (`is_open=False`) a vacancy the actor's office keeps."""
    check_fields(actor, "job", "update", changes)
    if not job_reaches(actor.user, job.area_id):
        raise forbidden("This vacancy is kept by another office.")
    if "area_id" in changes:
        _area(actor, changes["area_id"])
    _pay(changes.get("pay_min", job.pay_min), changes.get("pay_max", job.pay_max))
    changes = dict(changes)
    _employer(actor, changes)
    for key, value in changes.items():
        setattr(job, key, value)
