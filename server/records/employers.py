"""Employers and enterprise visits: the one write path of both, for REST, sync and imports.

Reading and writing follow the vacancies' rule (`records/jobs.py`), because an employer is where
vacancies come from: every staff member of a district reads the district's employers (a helper
walks into any enterprise of the park, and the phone holds them offline); the office whose area
the employer lies in keeps it (`scoping.job_reaches`): edits it, visits it, opens its vacancies.

An employer is one per unified social credit code (`server/credit_code.py` checks the code;
a second employer with the same code is refused with `duplicate_employer`). Renaming one renames
its vacancies' `employer` text, which older screens still read.

An enterprise visit is append-only. Its `vacancies` are turned into jobs here, when it lands:
each vacancy carries the id of the job it becomes (made on the phone, or derived from the
visit's id and its position), so a replayed op creates nothing twice, and a vacancy naming a job
the employer already has updates that job instead (headcount, pay, closing it).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from .. import credit_code
from ..case_file import refuse_future
from ..clock import stamp_fields
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..models import Area, Job
from ..models.employers import Employer, EnterpriseVisit
from ..policy import Actor, Denied, check_fields, forbidden
from ..scoping import job_reaches
from . import jobs
from .employer_scope import district_of, visible_to

#: Fields of a vacancy line that become the job's (the rest of the job comes from the employer).
VACANCY_FIELDS = ("title", "headcount", "pay_min", "pay_max", "education_level", "majors",
                  "skills", "closing_date", "description", "is_open")


def _keeps(actor: Actor, area_id: uuid.UUID | None) -> None:
    if area_id is not None and db.session.get(Area, area_id) is None:
        raise Denied("No area with that id.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"area_id": ["unknown area"]})
    if not job_reaches(actor.user, area_id):
        raise forbidden("Employers of that area are kept by another office.",
                        {"area_id": ["not your sub-district"]})


def normalised_code(value: str | None) -> str | None:
    """A credit code as stored, or a 422 naming what is wrong with it."""
    if value is None or not value.strip():
        return None
    code = credit_code.normalise(value)
    problem = credit_code.problem(code)
    if problem:
        raise Denied(f"The credit code {problem}.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"credit_code": [problem]})
    return code


def _unique(code: str | None, own_id: uuid.UUID | None) -> None:
    if code is None:
        return
    with db.session.no_autoflush:
        other = db.session.scalar(select(Employer).where(Employer.credit_code == code))
    if other is not None and other.id != own_id:
        raise Conflict("Another employer has this credit code.", code="duplicate_employer",
                       fields={"credit_code": [f"already {other.name} ({other.id})"]})


def _attribute(actor: Actor, employer: Employer) -> None:
    """Who changed it last, from which device (the audit hook does the same for audited tables)."""
    employer.updated_by_id = actor.id
    employer.updated_device = actor.device


def create(actor: Actor, body: dict[str, Any]) -> Employer:
    """Add an employer from validated `EmployerCreate` fields."""
    check_fields(actor, "employer", "create", body)
    values = dict(body)
    if values.get("id") is not None and db.session.get(Employer, values["id"]) is not None:
        raise Conflict("An employer with this id exists already.", code="id_exists")
    if values.get("area_id") is None and actor.role != "admin":
        values["area_id"] = actor.user.area_id
    _keeps(actor, values.get("area_id"))
    values["credit_code"] = normalised_code(values.get("credit_code"))
    _unique(values["credit_code"], None)
    employer = Employer(**values, by_user_id=actor.id)
    employer.contacts = list(values.get("contacts") or [])
    employer.stamps = {}
    _attribute(actor, employer)
    db.session.add(employer)
    return employer


def update(actor: Actor, employer: Employer, changes: dict[str, Any], *, stamp: bool = True) -> None:
    """Edit an employer the actor's office keeps; a new name is its vacancies' name too. A REST
    edit stamps its fields now (`stamp`), so an older offline edit arriving later loses; a sync
    op's stamps are its own."""
    check_fields(actor, "employer", "update", changes)
    _keeps(actor, employer.area_id)
    if "area_id" in changes:
        _keeps(actor, changes["area_id"])
    values = dict(changes)
    if "credit_code" in values:
        values["credit_code"] = normalised_code(values["credit_code"])
        _unique(values["credit_code"], employer.id)
    for key, value in values.items():
        setattr(employer, key, value)
    if stamp and values:
        stamp_fields(employer, list(values))
    _attribute(actor, employer)
    if "name" in values:
        for job in db.session.scalars(select(Job).where(Job.employer_id == employer.id)):
            job.employer = employer.name


def vacancy_id(visit_id: uuid.UUID, index: int, given: uuid.UUID | None) -> uuid.UUID:
    """The job a visit's vacancy line becomes: its own id, else one derived from the visit."""
    return given if given is not None else uuid.uuid5(visit_id, f"vacancy-{index}")


def _vacancies(actor: Actor, employer: Employer, visit_id: uuid.UUID,
               lines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Create or update the jobs of a visit's vacancy lines; the lines with their job ids."""
    out = []
    for index, line in enumerate(lines):
        job_id = vacancy_id(visit_id, index, line.get("id"))
        values = {k: line[k] for k in VACANCY_FIELDS if k in line}
        job = db.session.get(Job, job_id)
        if job is not None:
            if job.employer_id != employer.id:
                raise Unprocessable("A vacancy names a job of another employer.",
                                    fields={"vacancies": [f"{job_id}: not this employer's"]})
            jobs.update(actor, job, values)
        else:
            if not values.get("title"):
                raise Unprocessable("A new vacancy needs a title.",
                                    fields={"vacancies": [f"line {index + 1}: title required"]})
            jobs.create(actor, {
                **values, "id": job_id, "employer_id": employer.id, "area_id": employer.area_id,
                "industry": employer.industry, "place": employer.address or employer.park,
                "source": "enterprise_visit",
            })
        out.append({**line, "id": job_id})
    return out


def record_visit(actor: Actor, body: dict[str, Any]) -> EnterpriseVisit:
    """Record a visit to an employer (validated `EnterpriseVisitCreate` fields) and the
    vacancies it collected, attributed to the actor and their device."""
    check_fields(actor, "enterprise_visit", "create", body)
    visit_id = body.get("id") or uuid.uuid4()
    if db.session.get(EnterpriseVisit, visit_id) is not None:
        raise Conflict("A visit with this id exists already.", code="id_exists")
    employer = db.session.get(Employer, body["employer_id"])
    if employer is None or not db.session.scalar(
            select(Employer.id).where(Employer.id == employer.id, visible_to(actor.user))):
        raise Denied("No employer with that id.", code="validation_error", status=422,
                     sync_code="invalid_op", fields={"employer_id": ["unknown or not in your district"]})
    if not job_reaches(actor.user, employer.area_id):
        raise forbidden("This employer is kept by another office.",
                        {"employer_id": ["not your sub-district"]})
    refuse_future(body["occurred_at"])
    lines = _vacancies(actor, employer, visit_id, body.get("vacancies") or [])
    visit = EnterpriseVisit(
        id=visit_id, employer_id=employer.id, area_id=employer.area_id,
        occurred_at=body["occurred_at"], notes=body.get("notes") or "", met=body.get("met"),
        vacancies=[_plain(line) for line in lines], lat=body.get("lat"), lng=body.get("lng"),
        author_id=actor.id, device_id=actor.device, stamps={},
    )
    db.session.add(visit)
    return visit


def _plain(line: dict[str, Any]) -> dict[str, Any]:
    """A vacancy line as JSON keeps it (ids and dates as text)."""
    return {k: (str(v) if isinstance(v, uuid.UUID) else v.isoformat() if hasattr(v, "isoformat")
                else v) for k, v in line.items()}


def find_or_create(actor: Actor, *, name: str, code: str | None, area_id: uuid.UUID | None,
                   **extra: Any) -> Employer:
    """The employer an imported job names: by credit code, else by exact name within the
    district, else a new one (`extra`: its park, industry...). What `csv_import/jobs.py` fills."""
    code = normalised_code(code)
    if code is not None:
        found: Employer | None = db.session.scalar(
            select(Employer).where(Employer.credit_code == code))
        if found is not None:
            return found
    district = district_of(area_id if area_id is not None else actor.user.area_id)
    for employer in db.session.scalars(select(Employer).where(Employer.name == name)):
        if district_of(employer.area_id) == district and (code is None or employer.credit_code is None):
            if code is not None:
                employer.credit_code = code
            return employer
    employer = create(actor, {"name": name, "credit_code": code, "area_id": area_id,
                              **{k: v for k, v in extra.items() if v is not None}})
    db.session.flush()
    return employer
