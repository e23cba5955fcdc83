"""Which employers a user reads: those of their district (admins: all), in SQL and on one row.

Kept apart from `records/employers.py` because the vacancies' records need it too (a job may
name its employer) and the employers' records create vacancies through them.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db
from ..models import Area, User
from ..models.employers import Employer


def district_of(area_id: uuid.UUID | None) -> uuid.UUID | None:
    """The district an area lies in (itself for a district), None for none."""
    area = db.session.get(Area, area_id) if area_id is not None else None
    while area is not None and area.kind != "district":
        area = db.session.get(Area, area.parent_id) if area.parent_id else None
    return area.id if area is not None else None


def district_areas(district: uuid.UUID) -> Any:
    """The ids of a district, its sub-districts and their committees (a SQL subquery)."""
    subs = select(Area.id).where(Area.parent_id == district)
    return select(Area.id).where(
        (Area.id == district) | Area.id.in_(subs) | Area.parent_id.in_(subs))


def visible_to(user: User) -> Any:
    """A SQL condition on `Employer`: the employers of the user's district, and those with no
    area (admins: all)."""
    if user.role == "admin":
        return Employer.id.is_not(None)
    district = district_of(user.area_id)
    if user.role not in ("supervisor", "helper") or district is None:
        return Employer.id.is_(None)
    return Employer.area_id.is_(None) | Employer.area_id.in_(district_areas(district))


def get_visible(user: User, employer_id: uuid.UUID) -> Employer:
    """One employer the user may read, else 404 (the answer for a missing one)."""
    employer: Employer | None = db.session.scalar(select(Employer).where(
        Employer.id == employer_id, visible_to(user)))
    if employer is None:
        raise NotFound("No employer with that id.")
    return employer
