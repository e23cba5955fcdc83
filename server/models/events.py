"""Append-only history: status events, visits (with the persons they concern) and notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import IdMixin, SyncMixin, utcnow

visit_person = Table(
    "visit_person",
    db.metadata,
    Column("visit_id", Uuid, ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Uuid, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class StatusEvent(IdMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """A change of employment status: never a silent overwrite."""

    __tablename__ = "status_event"
    __sync_entity__ = "status_event"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16), default=None)
    to_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    op_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    hlc: Mapped[str | None] = mapped_column(String(96), default=None)
    #: A concurrent transition that lost to another by clock order (kept for the record).
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)

    # Declared so the unit of work inserts the person before its events in one flush.
    person: Mapped[Any] = relationship("Person")


class Visit(IdMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """A contact with a household: immutable once written; corrections are amendments."""

    __tablename__ = "visit"
    __sync_entity__ = "visit"

    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("household.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True
    )
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    #: `home_visit`, `phone`, `online`, `service_point` or `accompanied_interview`.
    channel: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lng: Mapped[float | None] = mapped_column(Float, default=None)
    accuracy_m: Mapped[float | None] = mapped_column(Float, default=None)
    next_follow_up: Mapped[date | None] = mapped_column(Date, default=None)
    amends_visit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("visit.id"), default=None
    )
    #: What came of it: a contact (`met`, `answered`, `refused`) or an attempt (`nobody_home`,
    #: `no_answer`, `wrong_number`); only a contact resets a person's follow-up.
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    #: Supervisor review: `pending`, `approved`, `returned`, `amended` (server only).
    review_state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    review_comment: Mapped[str | None] = mapped_column(Text, default=None)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: Written by a former assignee within the reassignment grace window.
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str | None] = mapped_column(String(96), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Status changes recorded with this visit: [{person_id, from, to}] (the events are separate).
    status_changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    persons: Mapped[list[Any]] = relationship("Person", secondary=visit_person, lazy="selectin")
    household: Mapped[Any] = relationship("Household")

    @property
    def person_ids(self) -> list[uuid.UUID]:
        return [p.id for p in self.persons]


class Note(IdMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """A free-text note on a person or household; a correction is a new note that points back."""

    __tablename__ = "note"
    __sync_entity__ = "note"

    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("person.id"), default=None, index=True
    )
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("household.id"), index=True)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("visit.id"), default=None)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(Text)
    corrects_note_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str | None] = mapped_column(String(96), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    household: Mapped[Any] = relationship("Household")
    person: Mapped[Any] = relationship("Person")
