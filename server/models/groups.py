"""Job-search groups, their members, what staff post to them, and each member's copy of a post.

A group (the seeds' three groups of 49 job seekers, an online group of hundreds) is managed by
staff online: it is not replicated. What reaches a member is their `post_delivery` row, made
when the post is sent (one per current member, in one insert), person-keyed and synced to the
member's phone: it carries a copy of the post (kind, title, body...) so the phone shows it
offline, and the member writes back only `read_at`, `answer` and `answered_at`.

The reach funnel (reached → read → interested → interview → hired) is counted from the
deliveries and from recommendations with `source_post_id`. People a group reached outside
Doorstep's files (an online group's members without a file here) are kept as the group's
`reported_*` aggregates, always shown apart from the recorded counts.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin, utcnow


class JobGroup(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "job_group"

    name: Mapped[str] = mapped_column(String(120))
    #: `offline` (meets in person) or `online` (a chat group): vocabulary `group_kinds`.
    kind: Mapped[str] = mapped_column(String(16), default="offline")
    #: The office that keeps the group: a sub-district or one of its committees.
    area_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("area.id"), default=None, index=True)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    #: The two staff who serve the group, like a household's pair of helpers.
    primary_staff_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True)
    partner_staff_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True)
    #: Reached, interviewed and hired people without a file here, as the office reported them
    #: (on `reported_on`); never mixed into the recorded counts.
    reported_reached: Mapped[int | None] = mapped_column(Integer, default=None)
    reported_interviews: Mapped[int | None] = mapped_column(Integer, default=None)
    reported_hires: Mapped[int | None] = mapped_column(Integer, default=None)
    reported_on: Mapped[date | None] = mapped_column(Date, default=None)


class GroupMember(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("group_id", "person_id"),)

    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("job_group.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Set when the person leaves; a member who rejoins gets the same row back.
    left_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    added_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class GroupPost(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "group_post"

    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("job_group.id"), index=True)
    #: `job`, `event`, `policy`, `training` or `text` (vocabulary `post_kinds`).
    kind: Mapped[str] = mapped_column(String(16))
    #: The vacancy, event, policy or training posted (no FK: events live in a later table).
    ref_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(Text, default="")
    posted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class PostDelivery(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "post_delivery"
    __sync_entity__ = "post_delivery"
    __table_args__ = (UniqueConstraint("post_id", "person_id"),)

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("group_post.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("job_group.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    #: A copy of the post, so the member's phone shows it offline without the group's rows.
    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(Text, default="")
    posted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: The member's side: when they opened it, and their answer (vocabulary `post_answers`).
    read_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    answer: Mapped[str | None] = mapped_column(String(16), default=None, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
