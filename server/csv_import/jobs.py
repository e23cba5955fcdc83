"""Import jobs from a table (.xlsx or CSV): every row validated with the API's `JobCreate`, then all or none.

A job's place in the area tree is given by `area` (the name of a district, sub-district or
committee; add `area_kind` when two areas share a name) or by `area_id`.

Each job is linked to its employer (`records.employers.find_or_create`): the one with the row's
`credit_code`, else the one of that exact name in the job's district, else a new employer
(with the row's `park` and `industry`). A bad credit code is refused like any bad cell.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from .. import credit_code
from ..audit import acting_as
from ..errors import ApiError
from ..extensions import db
from ..models import Area, Job, User
from ..records import actor_for, employers, jobs
from ..schemas.jobs import JobCreate
from .cells import load_row, schema_input
from .reader import Row, read_rows
from .report import ImportResult, RowError

COLUMNS = (
    "employer", "title", "industry", "place", "area", "area_kind", "area_id", "pay_min", "pay_max",
    "majors", "skills", "education_level", "headcount", "source", "public_welfare", "closing_date",
    "is_open", "description", "id", "credit_code", "park",
)
REQUIRED = ("employer", "title")
IMPORTER_ROLES = ("admin", "supervisor")


def _area(row: Row, areas: list[Area]) -> tuple[str | None, list[RowError]]:
    """The row's area id as text (for the schema), from `area`/`area_kind` or `area_id`."""
    cells = row.cells
    if "area" not in cells:
        return cells.get("area_id"), []
    if "area_id" in cells:
        return None, [RowError(row.line, "area", "give area or area_id, not both")]
    kind = cells.get("area_kind")
    found = [a for a in areas if a.name == cells["area"] and (kind is None or a.kind == kind)]
    if not found:
        return None, [RowError(row.line, "area", "no area of this name")]
    if len(found) > 1:
        return None, [RowError(row.line, "area", "several areas have this name; add an area_kind column")]
    return str(found[0].id), []


def import_jobs(data: bytes | str, *, by: User | None = None, device: str = "csv-import",
                commit: bool = True, filename: str | None = None) -> ImportResult:
    """Check every row of a jobs table (.xlsx or CSV); if all are good, create the jobs in
    one transaction."""
    result = ImportResult("jobs")
    if by is not None and by.role not in IMPORTER_ROLES:
        result.errors.append(RowError(1, "*", "only administrators and supervisors may import"))
        return result
    rows, result.errors = read_rows(data, COLUMNS, REQUIRED, filename=filename)
    result.rows = len(rows)
    if result.errors:
        return result
    areas = list(db.session.scalars(select(Area)))
    known = {a.id for a in areas}
    seen: set[uuid.UUID] = set()
    loaded_rows = []
    for row in rows:
        schema = JobCreate()
        area_id, errors = _area(row, areas)
        data_in = schema_input(row.cells, schema)
        data_in.pop("area_id", None)
        if area_id is not None:
            data_in["area_id"] = area_id
        loaded, problems = load_row(schema, data_in, row.line,
                                    {"area_id": "area" if "area" in row.cells else "area_id"})
        errors += problems
        code = credit_code.normalise(row.cells.get("credit_code", ""))
        if code and (problem := credit_code.problem(code)):
            errors.append(RowError(row.line, "credit_code", problem))
        if loaded is not None:
            if loaded.get("area_id") is not None and loaded["area_id"] not in known:
                errors.append(RowError(row.line, "area_id", "no such area"))
            job_id = loaded.get("id")
            if job_id is not None and (job_id in seen or db.session.get(Job, job_id) is not None):
                errors.append(RowError(row.line, "id", "a job with this id exists already"))
            if job_id is not None:
                seen.add(job_id)
        if errors:
            result.errors += errors
        elif loaded is not None:
            loaded_rows.append((row.line, loaded, code or None, row.cells.get("park")))
    if result.errors:
        result.errors.sort()
        return result
    # The same rule as a vacancy typed in the app (records.jobs): an office imports only the
    # vacancies of areas it keeps; the command line without `--as` imports as the district.
    actor = actor_for(by if by is not None else User(id=None, role="admin", username="cli"), device)
    savepoint = db.session.begin_nested()
    with acting_as(by.id if by else None, device):
        for line, job_data, employer_code, park in loaded_rows:
            try:
                # The vacancy first: its area decides whether this office may import it at all.
                job = jobs.create(actor, {"id": uuid.uuid4(), **job_data})
                employer = employers.find_or_create(
                    actor, name=job_data["employer"], code=employer_code, area_id=job.area_id,
                    park=park, industry=job_data.get("industry"))
                jobs.update(actor, job, {"employer_id": employer.id})
            except ApiError as exc:
                field = next(iter(exc.fields or {}), "*")
                result.errors.append(RowError(line, field, exc.message))
        if result.errors:
            savepoint.rollback()  # all or nothing, as for a bad cell
            result.errors.sort()
            return result
        db.session.flush()
    savepoint.commit()
    if commit:
        db.session.commit()
    result.created = {"jobs": len(loaded_rows)}
    return result
