"""Column mixins shared by every table: UUID keys a phone can make offline, and who/when stamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC: the same representation on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class IdMixin:
    #: Made by whoever creates the row (often a phone, offline), never by the database.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class StampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    #: The user whose action last changed the row, and from which device.
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    updated_device: Mapped[str | None] = mapped_column(String(64), default=None)


class SyncMixin:
    """A row that phones replicate. `stamps` holds the HLC of the last write of each field."""

    #: The entity name on the wire (sync/registry.json).
    __sync_entity__: str = ""
    stamps: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
