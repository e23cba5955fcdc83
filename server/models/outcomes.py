"""After the recommendation: a placement (the job a person got) and its aftercare.

A placement is opened when a recommendation (or a job found another way) ends in "hired"; it
carries what the helper learnt (employer, start day, contract, pay) and whether the person is at
risk of quitting. Retention checks are the calls after it (still in the job / left, why), one per
retention step of the admin-editable schedule (`RetentionStep`, defaults in
`sync/vocabulary.json` `retention_steps`; the rule is `sync/aftercare.py`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin


class Placement(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "placement"
    __sync_entity__ = "placement"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    #: The recommendation that ended in "hired" (None: a job the person found another way).
    recommendation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("recommendation.id"), default=None, index=True)
    #: The employers feature's row (its table comes later in the migration chain: no FK).
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    employer_name: Mapped[str] = mapped_column(String(160), default="")
    job_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("job.id"), default=None)
    job_title: Mapped[str] = mapped_column(String(160), default="")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    contract_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Monthly pay in yuan, when known.
    pay: Mapped[int | None] = mapped_column(Integer, default=None)
    #: The day the person left the job (None: still in it), and why (`placement_end_reasons`).
    ended_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    end_reason: Mapped[str | None] = mapped_column(String(24), default=None)
    #: Flagged for targeted help: the person may quit (a quarrel, pay, hours...).
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    at_risk_note: Mapped[str | None] = mapped_column(Text, default=None)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class RetentionCheck(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """One aftercare call or visit: append-only, like a visit (a correction is a new check)."""

    __tablename__ = "retention_check"
    __sync_entity__ = "retention_check"

    placement_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("placement.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    #: The retention step it answers (`1w`, `1m`...).
    step: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    still_employed: Mapped[bool] = mapped_column(Boolean)
    #: Why the person left (`placement_end_reasons`), when they did.
    reason: Mapped[str | None] = mapped_column(String(24), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)


class RetentionStep(IdMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """The admin's schedule of retention contacts (a catalogue every staff phone pulls)."""

    __tablename__ = "retention_step"
    __sync_entity__ = "retention_step"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
