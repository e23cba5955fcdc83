"""Recruitment events (job fairs, salons, live streams...) and the people taking part in them.

An event belongs to the staff of its district (`__sync_catalogue__`): a supervisor creates it,
every helper of the district holds it offline to invite people and take attendance. A
participant row hangs off its person, so it syncs to the person's helpers and to the graduate
themself (who signs up in their app). Attendance beyond the demo's persons (an online activity
with 1,100 viewers) is kept as counts the organisers reported (`reported_*`): the board shows
recorded and reported figures side by side, never mixed up.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin


class Event(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "event"
    __sync_entity__ = "event"
    __sync_catalogue__ = "district"

    #: One of `event_kinds` (job_fair, campus_fair, interview_session, livestream, salon...).
    kind: Mapped[str] = mapped_column(String(24), index=True)
    title: Mapped[str] = mapped_column(String(160))
    #: UTC instants; the day an event "is held" is its start's day in the business timezone.
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: Where (a hall, an address) or through what (a live-stream channel, a group chat).
    place: Mapped[str | None] = mapped_column(String(160), default=None)
    channel: Mapped[str | None] = mapped_column(String(160), default=None)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None,
                                                      index=True)
    #: Employers and vacancies taking part (ids; employers are another feature's table).
    employer_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    job_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: Figures the organisers reported for people not on file (viewers of a live stream...).
    reported_attendance: Mapped[int | None] = mapped_column(Integer, default=None)
    reported_interviews: Mapped[int | None] = mapped_column(Integer, default=None)
    reported_hires: Mapped[int | None] = mapped_column(Integer, default=None)


class EventParticipant(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "event_participant"
    __sync_entity__ = "event_participant"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    #: `participation_state`: invited → signed_up → attended / declined / no_show.
    state: Mapped[str] = mapped_column(String(16), default="invited", index=True)
    #: How attendance was taken: `list` (staff ticked the name) or `qr` (the graduate's pass).
    check_in_via: Mapped[str | None] = mapped_column(String(8), default=None)
    #: The pass scanned at the door, kept as proof (verified before the row is written).
    check_in_token: Mapped[str | None] = mapped_column(String(200), default=None)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    invited_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
