"""The storage interface the engine runs over.

The server implements it on SQLAlchemy (``atomic`` = a SAVEPOINT); :mod:`sync.memory` is the
in-memory reference used by the tests and the vectors. The engine never reaches storage by any
other path, so this Protocol is the whole contract between the core and an adapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sync.merge import FieldWrite

#: Answer of :meth:`Storage.write_scope`.
Scope = Literal["in_scope", "grace", "out_of_scope"]


@dataclass
class Record:
    """A stored entity: all field values and the stamp of each field."""

    data: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One entry of the change log as pulled (PROTOCOL.md section 8)."""

    #: Change-log position; the cursor carries the last one of a page.
    position: int
    entity: str
    id: str
    #: ``upsert`` or ``remove``.
    op: str
    data: Mapping[str, Any]
    stamps: Mapping[str, str]

    def to_wire(self) -> dict[str, Any]:
        """The JSON shape of one pulled change."""
        return {
            "entity": self.entity,
            "id": self.id,
            "op": self.op,
            "data": dict(self.data),
            "stamps": dict(self.stamps),
        }


class Storage(Protocol):
    """Everything the engine needs from a database."""

    def atomic(self) -> AbstractContextManager[None]:
        """A unit of work for one op: everything inside commits or rolls back together."""
        ...

    def get_result(self, op_id: str) -> dict[str, Any] | None:
        """The stored result of an op already processed, if any."""
        ...

    def save_result(
        self, client_id: str, seq: int | None, op_id: str | None, result: Mapping[str, Any]
    ) -> None:
        """Store an op's result and mark ``seq`` of ``client_id`` as answered."""
        ...

    def acked_seq(self, client_id: str) -> int:
        """Highest S such that seqs 1..S of the device all have results (0 if none)."""
        ...

    def raise_floor(self, client_id: str, floor: int) -> None:
        """The device waits no answer below ``floor``: ``acked_seq`` may jump to ``floor - 1``
        and on over the answered seqs above it (never lowered; ``sync.outbox_floor``)."""
        ...

    def quarantine_op(
        self, raw: object, code: str, message: str, household_id: str | None
    ) -> None:
        """Keep a rejected op's raw JSON for a supervisor to re-apply or dismiss."""
        ...

    def get_record(self, entity: str, entity_id: str) -> Record | None:
        """The current record, or ``None``."""
        ...

    def put_record(self, entity: str, entity_id: str, record: Record) -> None:
        """Create or replace a record (and append it to the change log)."""
        ...

    def field_history(self, entity: str, entity_id: str, field: str) -> Sequence[FieldWrite]:
        """Every accepted write of a reviewed or state machine field, any order."""
        ...

    def add_field_write(self, entity: str, entity_id: str, field: str, write: FieldWrite) -> None:
        """Append one write to a field history."""
        ...

    def get_conflict(self, conflict_id: str) -> dict[str, Any] | None:
        """A conflict record by id."""
        ...

    def put_conflict(self, conflict: Mapping[str, Any]) -> None:
        """Create or replace a conflict record (by ``id``)."""
        ...

    def remove_conflict(self, conflict_id: str) -> None:
        """Delete a conflict a later write dissolved (and log its removal for pulls)."""
        ...

    def put_status_event(self, event: Mapping[str, Any]) -> None:
        """Create or replace a status event (by ``id``); the adapter fills ``by_user_id``."""
        ...

    def write_scope(self, client_id: str, household_id: str | None, now_ms: int) -> Scope:
        """May this device's user write to this household now (PROTOCOL.md section 7)?"""
        ...

    def epoch(self) -> str:
        """Id of this database's life; changes when the database is restored or recreated."""
        ...

    def count_since(self, client_id: str, position: int) -> int:
        """How many changes in the caller's scope lie after ``position`` (first-sync progress)."""
        ...

    def changes_since(self, client_id: str, position: int, limit: int) -> Sequence[Change]:
        """Up to ``limit`` changes after ``position`` in the caller's scope, by position."""
        ...

    def log_end(self) -> int:
        """The position of the last change in the whole log (every scope), as committed before
        the page is read: every change at or below it is visible to ``changes_since``."""
        ...
