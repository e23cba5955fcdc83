"""Households (the unit of a visit) and the persons in them ("one person, one file")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .area import Area
from .base import IdMixin, StampMixin, SyncMixin


class Household(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "household"
    __sync_entity__ = "household"

    address: Mapped[str] = mapped_column(String(255))
    committee_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("area.id"), index=True)
    zero_employment: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Where the door is (WGS-84), when known: a review card shows a visit's GPS fix's distance.
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lng: Mapped[float | None] = mapped_column(Float, default=None)
    #: Assigned helpers: a primary and optionally a partner (helpers serve in pairs).
    primary_helper_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True
    )
    partner_helper_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True
    )
    #: Denormalised sub-district of the committee, so scoping is one indexed comparison.
    subdistrict_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)

    committee: Mapped[Area] = relationship(lazy="joined")
    members: Mapped[list[Person]] = relationship(
        back_populates="household", order_by="Person.name", lazy="selectin"
    )


class Person(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "person"
    __sync_entity__ = "person"

    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("household.id"), index=True)
    # Identity and contact
    name: Mapped[str] = mapped_column(String(120), index=True)
    #: Resident identity card number (18 characters); the first key of the duplicate check.
    id_number: Mapped[str | None] = mapped_column(String(18), default=None, index=True)
    gender: Mapped[str | None] = mapped_column(String(16), default=None)
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    email: Mapped[str | None] = mapped_column(String(120), default=None)
    wechat: Mapped[str | None] = mapped_column(String(64), default=None)
    # Education
    school: Mapped[str | None] = mapped_column(String(120), default=None)
    major: Mapped[str | None] = mapped_column(String(120), default=None)
    education_level: Mapped[str | None] = mapped_column(String(16), default=None)
    graduation_date: Mapped[date | None] = mapped_column(Date, default=None)
    # Employment situation and the category that drives follow-up
    status: Mapped[str] = mapped_column(String(16), default="seeking", index=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    # Job intention
    intention_industry: Mapped[str | None] = mapped_column(String(80), default=None)
    intention_role: Mapped[str | None] = mapped_column(String(80), default=None)
    intention_place: Mapped[str | None] = mapped_column(String(120), default=None)
    intention_pay_min: Mapped[int | None] = mapped_column(Integer, default=None)
    intention_pay_max: Mapped[int | None] = mapped_column(Integer, default=None)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    difficulties: Mapped[list[str]] = mapped_column(JSON, default=list)
    disadvantaged: Mapped[bool] = mapped_column(Boolean, default=False)
    group_name: Mapped[str | None] = mapped_column(String(64), default=None)
    #: Guidance in three steps: know → adjust → promote (→ placed).
    guidance_step: Mapped[str] = mapped_column(String(16), default="know")
    #: Each step as structure (a state, a date and the step's own fields; see the vocabulary):
    #: know the person, adjust the goal, promote employment (a plan of dated actions).
    guidance_know: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    guidance_adjust: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    guidance_promote: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    registered_on: Mapped[date | None] = mapped_column(Date, default=None)
    #: The helper responsible for this person (defaults to the household's primary helper).
    helper_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True
    )
    #: Last contact of any channel; follow-ups are due at this plus the category's interval.
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    notes_summary: Mapped[str | None] = mapped_column(Text, default=None)

    household: Mapped[Household] = relationship(back_populates="members")


class Assignment(IdMixin, db.Model):  # type: ignore[name-defined,misc]
    """Who looked after a household when: the basis of the reassignment grace window."""

    __tablename__ = "assignment"

    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("household.id"), index=True)
    helper_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    #: `primary` or `partner`.
    role: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)

    household: Mapped[Household] = relationship()
