"""Support on a person's file (issue 12.5-7): policies applied for, trainings, assistance periods.

Three of the "three deliveries" (send policy, send training, send jobs) live here as rows the
helper moves along, each from a catalogue the phones already hold (`Policy`, `TrainingCourse`
in `jobs.py`): a `PolicyCase` (informed → applied → granted / refused, with dates and the
amount granted) and a `TrainingEnrolment` (requested → referred → enrolled → completed /
dropped). An `AssistancePeriod` is the span a disadvantaged person is tracked for by one helper
(the ledger's "帮扶期"); 3-3-3-3 is counted inside it. Table and column names are the registry's
(`sync/registry.json`), so other features and the board read them by those names.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin


class PolicyCase(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """One policy (a subsidy, a loan, a public-welfare post) as it applies to one person."""

    __tablename__ = "policy_case"
    __sync_entity__ = "policy_case"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    policy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("policy.id"), index=True)
    #: The `policy_state` machine: informed, applied, granted, refused.
    state: Mapped[str] = mapped_column(String(16), default="informed", index=True)
    informed_on: Mapped[date | None] = mapped_column(Date, default=None)
    applied_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    #: Yuan granted (or applied for, until the decision).
    amount: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class TrainingEnrolment(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """One person on one course: asked for by the graduate or referred by the helper."""

    __tablename__ = "training_enrolment"
    __sync_entity__ = "training_enrolment"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    course_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("training.id"), index=True)
    #: The `training_state` machine: requested, referred, enrolled, completed, dropped.
    state: Mapped[str] = mapped_column(String(16), default="referred", index=True)
    referred_on: Mapped[date | None] = mapped_column(Date, default=None)
    enrolled_on: Mapped[date | None] = mapped_column(Date, default=None)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class AssistancePeriod(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """The span (e.g. November 2021 to August 2024) a helper tracks a disadvantaged person."""

    __tablename__ = "assistance_period"
    __sync_entity__ = "assistance_period"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    start_on: Mapped[date] = mapped_column(Date)
    #: None: open-ended (still being helped).
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    helper_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
