"""An employer's history: its visits, its own edits, and its vacancies opened, changed and closed.

Visits are their own append-only rows; what happened to the vacancies comes from the audit log
(`server/audit.py` logs every write to `job`), read through `history.entries` so names and
device labels read as they do in a person's history. Newest first.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select

from .extensions import db
from .history import entries
from .models import AuditLog, Job, User
from .models.employers import Employer, EnterpriseVisit


def _own_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A change to the employer's own record (once `employer` is an audited table)."""
    return {
        "at": entry["at"], "kind": "created" if entry["action"] == "create" else "edited",
        "by": entry["user_name"], "device": entry["device_label"] or entry["device_id"],
        "job_id": None, "title": None, "visit_id": None, "vacancies": None,
        "changes": {c["field"]: [c.get("old"), c.get("new")] for c in entry["changes"]},
    }


def _job_entry(entry: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    fields = {c["field"]: c for c in entry["changes"]}
    if entry["action"] == "create":
        kind = "opened"
    elif "is_open" in fields and fields["is_open"].get("new") is False:
        kind = "closed"
    elif "is_open" in fields and fields["is_open"].get("new") is True:
        kind = "opened"
    else:
        kind = "changed"
    return {
        "at": entry["at"], "kind": kind, "by": entry["user_name"],
        "device": entry["device_label"] or entry["device_id"], "job_id": entry["entity_id"],
        "title": titles.get(entry["entity_id"]), "visit_id": None, "vacancies": None,
        "changes": {c["field"]: [c.get("old"), c.get("new")] for c in entry["changes"]
                    if kind == "changed"},
    }


def history(employer: Employer, limit: int = 200) -> list[dict[str, Any]]:
    """What happened at this employer, newest first (one query per kind of row)."""
    titles = {str(i): t for i, t in db.session.execute(
        select(Job.id, Job.title).where(Job.employer_id == employer.id))}
    own = (AuditLog.entity == "employer") & (AuditLog.entity_id == str(employer.id))
    vacancies = (AuditLog.entity == "job") & AuditLog.entity_id.in_(list(titles))
    rows = list(db.session.scalars(
        select(AuditLog).where(or_(own, vacancies), AuditLog.action.in_(("create", "update")))
        .order_by(AuditLog.at.desc()).limit(limit)))
    out = [_own_entry(e) if e["entity"] == "employer" else _job_entry(e, titles)
           for e in entries(rows)]
    visits = list(db.session.scalars(
        select(EnterpriseVisit).where(EnterpriseVisit.employer_id == employer.id)
        .order_by(EnterpriseVisit.occurred_at.desc()).limit(limit)))
    authors = _names({v.author_id for v in visits if v.author_id})
    out += [{
        "at": v.occurred_at, "kind": "visit",
        "by": authors.get(v.author_id) if v.author_id else None,
        "device": v.device_id, "job_id": None, "title": v.met, "visit_id": v.id,
        "vacancies": len(v.vacancies or []), "changes": {},
    } for v in visits]
    out.sort(key=lambda e: e["at"], reverse=True)
    return out[:limit]


def _names(ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return {i: d or u for i, d, u in db.session.execute(
        select(User.id, User.display_name, User.username).where(User.id.in_(ids)))}
