"""The sync server's own tables: change log, op results, field histories, conflicts, quarantine.

The pure core (`sync/`) decides; these tables are where `server.sync_store` keeps what it needs
between pushes and pulls (sync/PROTOCOL.md sections 5-8). Positions in `sync_change` and
`sync_removal` come from the one-row `sync_counter`, allocated at commit (see
`server/sync_store/changelog.py` for why).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import SyncMixin, utcnow


class SyncEpoch(db.Model):  # type: ignore[name-defined,misc]
    """One row: the id of this database's life (a recreated database gets a new one)."""

    __tablename__ = "sync_epoch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncCounter(db.Model):  # type: ignore[name-defined,misc]
    """One row: the last change-log position handed out."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncChange(db.Model):  # type: ignore[name-defined,misc]
    """The latest version of one synced row: where it sits in the log and whose scope it is in.

    The scope keys are denormalised from the household (and person) the row belongs to, so a
    page is a range scan of one `(key, position)` index per key of the puller (PROTOCOL.md 7.1);
    the change-log hooks keep them true when a household or person moves.
    """

    __tablename__ = "sync_change"

    entity: Mapped[str] = mapped_column(String(24), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, index=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    #: The household's sub-district (a supervisor's key).
    subdistrict_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: The household's primary and partner helpers (a helper's keys).
    helper_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: The person the row belongs to (a client's key; the key a moved person's rows follow).
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: Catalogue rows only: `all`, `job` (no district) or `job:<district id>`.
    catalogue: Mapped[str | None] = mapped_column(String(48), default=None)
    #: The row was deleted (or a job closed): pulled as `remove` by everyone in scope.
    removed: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_sync_change_subdistrict_position", "subdistrict_id", "position"),
        Index("ix_sync_change_helper_position", "helper_id", "position"),
        Index("ix_sync_change_partner_position", "partner_id", "position"),
        Index("ix_sync_change_person_position", "person_id", "position"),
        Index("ix_sync_change_catalogue_position", "catalogue", "position"),
    )


class SyncRemoval(db.Model):  # type: ignore[name-defined,misc]
    """A row that left one user's scope (reassignment): their next pull says `remove`."""

    __tablename__ = "sync_removal"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(24), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, index=True)

    __table_args__ = (Index("ix_sync_removal_user_position", "user_id", "position"),)


class SyncClient(db.Model):  # type: ignore[name-defined,misc]
    """A device: whose it is, when it was last seen, its clock skew and acknowledged sequence."""

    __tablename__ = "sync_client"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: How far ahead of the server the device's last clamped stamp was (ms), if ever.
    last_skew_ms: Mapped[int | None] = mapped_column(BigInteger, default=None)
    #: Every seq 1..acked_seq has a stored result.
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncSeq(db.Model):  # type: ignore[name-defined,misc]
    """Answered seqs above a device's `acked_seq` (the gaps' other side); pruned as it advances."""

    __tablename__ = "sync_seq"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class SyncResult(db.Model):  # type: ignore[name-defined,misc]
    """The stored result of a processed op: a retry is answered `duplicate` from here."""

    __tablename__ = "sync_result"

    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int | None] = mapped_column(Integer, default=None)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncFieldWrite(db.Model):  # type: ignore[name-defined,misc]
    """One accepted write of a reviewed or state machine field (`sync.merge.FieldWrite`)."""

    __tablename__ = "sync_field_write"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(40))
    #: The op id, or `origin:<stamp>`: a write is kept once.
    key: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(12))
    op_id: Mapped[str | None] = mapped_column(String(64), default=None)
    client_id: Mapped[str] = mapped_column(String(64))
    hlc: Mapped[str] = mapped_column(String(96))
    value: Mapped[Any] = mapped_column(JSON, default=None)
    source: Mapped[Any] = mapped_column(JSON, default=None)
    base: Mapped[str | None] = mapped_column(String(96), default=None)
    has_base: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_id: Mapped[str | None] = mapped_column(String(64), default=None)
    choice: Mapped[Any] = mapped_column(JSON, default=None)
    comment: Mapped[str | None] = mapped_column(Text, default=None)

    __table_args__ = (
        UniqueConstraint("entity", "entity_id", "field", "key", name="uq_sync_field_write_key"),
    )


class ConflictRecord(SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    """A conflict round (sync/PROTOCOL.md 5.3), shown to the helpers involved and supervisors."""

    __tablename__ = "sync_conflict"
    __sync_entity__ = "conflict"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    round: Mapped[int] = mapped_column(Integer, default=1)
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    winner: Mapped[str | None] = mapped_column(String(64), default=None)
    #: `open` or `resolved`.
    state: Mapped[str] = mapped_column(String(12), index=True)
    resolution: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    #: The resolving device's client_id (`server` for the API), as on the wire.
    resolved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    #: Wall ms of the resolve stamp, as on the wire.
    resolved_at: Mapped[int | None] = mapped_column(BigInteger, default=None)
    #: The user who resolved it (server side only).
    resolved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: The household of the conflicted entity, for scope.
    household_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class QuarantinedOp(db.Model):  # type: ignore[name-defined,misc]
    """A rejected op's raw JSON, kept until a supervisor re-applies or dismisses it."""

    __tablename__ = "sync_quarantine"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    op_id: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    raw: Mapped[Any] = mapped_column(JSON)
    code: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text, default="")
    #: `open`, `reapplied` or `dismissed` (rows are never deleted: no typed text is lost).
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    #: The sub-district whose supervisors see it.
    subdistrict_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: The result of the last re-apply.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
