"""Follow-up rules (category → interval, editable by an admin) and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, SyncMixin, utcnow


class FollowUpRule(SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "follow_up_rule"
    __sync_entity__ = "follow_up_rule"

    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    interval_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class AuditLog(IdMixin, db.Model):  # type: ignore[name-defined,misc]
    """Who changed what, when, from which device. Written by a session hook, never by views."""

    __tablename__ = "audit_log"

    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    #: `create`, `update` or `delete`.
    action: Mapped[str] = mapped_column(String(8))
    #: {field: [old, new]} for updates; the new values for creates.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
