"""Vacancies, recommendations of them to persons, and the training and policy catalogues."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin, utcnow


class Job(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "job"
    __sync_entity__ = "job"

    #: The employer's name as text (old screens and imports read it); kept equal to the
    #: linked employer's name when there is one.
    employer: Mapped[str] = mapped_column(String(160))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("employer.id"), default=None, index=True)
    title: Mapped[str] = mapped_column(String(160), index=True)
    industry: Mapped[str | None] = mapped_column(String(80), default=None, index=True)
    #: Free-text place, plus the area it lies in when known (for matching by committee/district).
    place: Mapped[str | None] = mapped_column(String(160), default=None)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    pay_min: Mapped[int | None] = mapped_column(Integer, default=None)
    pay_max: Mapped[int | None] = mapped_column(Integer, default=None)
    majors: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    education_level: Mapped[str | None] = mapped_column(String(16), default=None)
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    #: `enterprise_visit`, `job_fair`, `livestream`, `labour_broker` or `online_platform`.
    source: Mapped[str] = mapped_column(String(24), default="enterprise_visit")
    public_welfare: Mapped[bool] = mapped_column(Boolean, default=False)
    closing_date: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    description: Mapped[str | None] = mapped_column(Text, default=None)


class Recommendation(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "recommendation"
    __sync_entity__ = "recommendation"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("job.id"), index=True)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: The helper's reason in their own words.
    reasons: Mapped[str] = mapped_column(Text, default="")
    #: Match score parts ({"major": 0.3, ...}) and their explanations.
    match: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="recommended", index=True)
    response_reason: Mapped[str | None] = mapped_column(Text, default=None)
    #: The interview, once there is one: when (UTC) and where.
    interview_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    interview_place: Mapped[str | None] = mapped_column(String(160), default=None)
    #: Where the person met the vacancy, when it was not a helper's recommendation alone: an
    #: event (issue 13's fairs) or a group post. Interviews and hires are attributed to them.
    source_event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    source_post_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    state_changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Every state move: [{from, to, at, by}] — the funnel is counted from here.
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    job: Mapped[Job] = relationship(lazy="joined")
    person: Mapped[Any] = relationship("Person")


class TrainingCourse(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "training"
    __sync_entity__ = "training"

    title: Mapped[str] = mapped_column(String(160))
    provider: Mapped[str | None] = mapped_column(String(160), default=None)
    field: Mapped[str | None] = mapped_column(String(80), default=None)
    starts_on: Mapped[date | None] = mapped_column(Date, default=None)
    duration_days: Mapped[int | None] = mapped_column(Integer, default=None)
    free: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str | None] = mapped_column(Text, default=None)


class Policy(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "policy"
    __sync_entity__ = "policy"

    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str | None] = mapped_column(String(120), default=None)
