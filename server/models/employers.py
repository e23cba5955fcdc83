"""Employers (the enterprises helpers collect vacancies from) and the staff's visits to them.

An employer is a row of its district: every helper and supervisor of the district holds the
district's employers on the phone (`__sync_catalogue__ = "district"`, keyed by `area_id`, a
sub-district or committee), because a helper walks into any enterprise of the park. An
enterprise visit is append-only like a household visit; the vacancies it collected become jobs
(`job.employer_id`) when it lands (`server/records/employers.py`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin, utcnow


class Employer(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "employer"
    __sync_entity__ = "employer"
    __sync_catalogue__ = "district"

    name: Mapped[str] = mapped_column(String(160), index=True)
    #: 统一社会信用代码 (GB 32100-2015), upper-case; one employer per code.
    credit_code: Mapped[str | None] = mapped_column(String(18), default=None, unique=True)
    industry: Mapped[str | None] = mapped_column(String(80), default=None)
    #: One of `employer_sizes` (sync/vocabulary.json).
    size: Mapped[str | None] = mapped_column(String(16), default=None)
    address: Mapped[str | None] = mapped_column(String(200), default=None)
    #: The industrial park or 乐业空间 it sits in, as people name it.
    park: Mapped[str | None] = mapped_column(String(120), default=None, index=True)
    #: The sub-district or committee it lies in: decides which office keeps it.
    area_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("area.id"), default=None, index=True)
    #: [{name, role, phone}]: the people a helper asks for.
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class EnterpriseVisit(IdMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """A visit to an employer: immutable once written, like a household visit."""

    __tablename__ = "enterprise_visit"
    __sync_entity__ = "enterprise_visit"
    __sync_catalogue__ = "district"

    employer_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("employer.id"), index=True)
    #: Copied from the employer when the visit lands (its scope key).
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Who was met (a name and role in the helper's words).
    met: Mapped[str | None] = mapped_column(String(160), default=None)
    #: The vacancies collected, as typed: [{id, title, headcount, pay_min, ...}]; each `id` is
    #: the job it became.
    vacancies: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lng: Mapped[float | None] = mapped_column(Float, default=None)
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
