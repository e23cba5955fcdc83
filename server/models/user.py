"""Accounts: staff (admin, supervisor, helper) and clients (graduates, job seekers)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Uuid
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
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    area: Mapped[Area | None] = relationship(lazy="joined")
