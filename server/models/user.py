"""Accounts: staff (admin, supervisor, helper) and clients (graduates, job seekers).

A client account is opened by a helper without a password and waits for activation with a
one-time invitation code; once it has a password it is *activated* for good: it can be
re-invited no more, and only an admin changes its state afterwards.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .area import Area
from .base import IdMixin, StampMixin


class User(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    #: `admin`, `supervisor`, `helper` or `client`.
    role: Mapped[str] = mapped_column(String(16), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    #: Staff: the sub-district they work in. Admins may have none.
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    #: Clients: their own file.
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("person.id", use_alter=True), default=None, unique=True
    )
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    locale: Mapped[str] = mapped_column(String(8), default="zh-CN")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: A client account waits for activation with a one-time code (only its hash is kept).
    invitation_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    invitation_expires_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: Wrong codes tried against the current invitation; at the limit the code dies.
    invitation_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: Carried by every token as `tv`; raising it ends every session of the account at once
    #: (deactivation, a password reset by an admin), whatever tokens are still out there.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def activated(self) -> bool:
        """Has the account ever had a password (an activated client, or any staff account)?"""
        return self.password_hash is not None

    area: Mapped[Area | None] = relationship(lazy="joined")
