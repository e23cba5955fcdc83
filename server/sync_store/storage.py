"""`SqlStorage`: the core's `sync.storage.Storage` on SQLAlchemy, for one user and one device.

It mirrors `sync.memory.MemoryStorage` call for call; what only a database adds is here:
`atomic` is a SAVEPOINT, rows are locked (`FOR NO KEY UPDATE` on PostgreSQL) before the engine
merges into them, and writes go through `mapping` (validation, REST-identical rows). What a
batch touches is loaded up front by `prefetch.BatchPrefetch`; field histories, conflict records
and status events are `histories.HistoryStore` (both are base classes of `SqlStorage`).

Who may write what is `server/policy.py`, asked through the storage's `actor` (the pushing
user, or for a re-apply the op's author with the supervisor as voucher): `authorize` before
the engine reads any value of an op, and the domain functions `mapping` calls for the rest.
A pull leaves out the fields the role's REST views hide (`policy.hidden_fields`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, IntegrityError

from sync.merge import FieldWrite
from sync.operations import Op
from sync.outbox_floor import raise_floor
from sync.registry import Registry
from sync.storage import Change, Record, Scope

from ..extensions import db
from ..models import Household, Person, StatusEvent, User, utcnow
from ..models.sync import (
    QuarantinedOp,
    SyncClient,
    SyncResult,
    SyncSeq,
)
from ..policy import Actor, check_fields, check_value, fields_of_op, hidden_fields
from ..records import grace_window
from . import scope as pull_scope
from .changelog import epoch as db_epoch
from .changelog import log_state
from .histories import HistoryStore
from .mapping import MAPS, StoreRejected
from .prefetch import dialect


class SqlStorage(HistoryStore):
    """A :class:`sync.storage.Storage` over the Flask-SQLAlchemy session."""

    def __init__(
        self, user: User, client_id: str, registry: Registry, *, quarantine: bool = True,
        reapply: QuarantinedOp | None = None, voucher: User | None = None,
    ) -> None:
        #: Whose rights decide and whom the records are attributed to (a re-apply: the author).
        self.user = user
        self.author_id = user.id
        self.client_id = client_id
        self.registry = registry
        #: The policy's view of the user (`voucher`: the supervisor re-applying their op).
        self.actor = Actor(user=user, lookup=self, device=client_id, voucher=voucher,
                           skew_ms=registry.max_skew_ms, grace=grace_window())
        self._quarantine = quarantine
        self._reapply = reapply
        self._results: dict[str, dict[str, Any]] = {}
        #: Results not yet inserted (batch mode inserts them all at the end).
        self._result_rows: list[dict[str, Any]] = []
        #: Op ids known to have no stored result, results saved by the current unit.
        self._new_ops: set[str] = set()
        self._unit_results: list[str] = []
        #: (entity, id) known not to exist: an insert looks it up three times.
        self._absent: set[tuple[str, str]] = set()
        self._stored_seqs: dict[str, set[int]] = {}
        self._rows: dict[tuple[str, str], Any] = {}
        self._events: dict[str, dict[str, StatusEvent]] = {}
        self._new_events: list[StatusEvent] = []
        #: Households whose every member is in `_rows` (see `members`), and an index of them
        #: (None: to be rebuilt, after a person was created or moved).
        self._members_of: set[uuid.UUID] = set()
        self._by_household: dict[uuid.UUID, list[Person]] | None = None
        #: Wire values of rows read by the current op (cleared by every write).
        self._wired: dict[tuple[str, str], dict[str, Any]] = {}
        #: household id → (id, subdistrict_id, primary_helper_id, partner_helper_id).
        self._facts: dict[str, Any] = {}
        #: person id → household id, for persons a batch only refers to.
        self._homes: dict[str, uuid.UUID] = {}
        #: Entity ids whose every conflict record is in `_rows`.
        self._conflicts_of: set[str] = set()
        self._acked: dict[str, int] = {}
        self._pending: dict[str, set[int]] = {}
        self._rest_writes: dict[str, str] = {}
        self._epoch: str | None = None
        self._high_water: int | None = None
        self._histories: dict[tuple[str, str, str], list[FieldWrite]] = {}
        self._history_loaded: set[tuple[str, str]] = set()
        #: Batch mode: no SAVEPOINT per op and no flush per op; any failure aborts the whole
        #: attempt, which `service.push` then redoes op by op (see there).
        self.fast = False

    # -- units of work -----------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        self._wired = {}
        if self.fast:
            yield
            return
        savepoint = db.session.begin_nested()
        saved_seqs = {c: (self._acked[c], set(self._pending[c])) for c in self._acked}
        self._unit_results = []
        try:
            yield
            savepoint.commit()
        except BaseException:
            if savepoint.is_active:
                savepoint.rollback()
            # The caches must forget what the rolled-back unit did.
            for op_id in self._unit_results:
                self._results.pop(op_id, None)
            self._result_rows = []
            self._absent.clear()
            self._rows.clear()
            self._events.clear()
            self._new_events.clear()
            self._conflicts_of.clear()
            self._members_of.clear()
            self._by_household = None
            self._homes.clear()
            self._facts.clear()
            self.actor.forget()
            self._histories.clear()
            self._history_loaded.clear()
            for client_id, (acked, pending) in saved_seqs.items():
                self._acked[client_id], self._pending[client_id] = acked, pending
            raise

    # -- results and sequences ---------------------------------------------------------------

    def prefetch_results(self, op_ids: Sequence[str]) -> None:
        """Load the stored results of a batch's ops in one query (the rest are known new)."""
        if op_ids:
            for row in db.session.scalars(select(SyncResult).where(SyncResult.op_id.in_(op_ids))):
                self._results[row.op_id] = dict(row.result)
            self._new_ops.update(op_id for op_id in op_ids if op_id not in self._results)

    def begin_client(self, client: SyncClient) -> None:
        """Take over a locked device row: its acked seq and the answered seqs above it."""
        self._acked[client.client_id] = client.acked_seq
        stored = set(db.session.scalars(select(SyncSeq.seq).where(SyncSeq.client_id == client.client_id)))
        self._pending[client.client_id] = set(stored)
        self._stored_seqs[client.client_id] = stored

    def end_client(self, client: SyncClient) -> None:
        """Write the device's progress once per push (same transaction as every op's effects)."""
        acked, pending = self._acked[client.client_id], self._pending[client.client_id]
        stored = self._stored_seqs[client.client_id]
        client.acked_seq = acked
        if stored - pending:
            db.session.execute(delete(SyncSeq).where(
                SyncSeq.client_id == client.client_id, SyncSeq.seq.in_(stored - pending)))
        new = sorted(pending - stored)
        if new:
            self._insert_seqs(client.client_id, new)

    def get_result(self, op_id: str) -> dict[str, Any] | None:
        if op_id in self._results:
            return dict(self._results[op_id])
        if op_id in self._new_ops:
            return None
        row = db.session.get(SyncResult, op_id)
        return dict(row.result) if row is not None else None

    def save_result(
        self, client_id: str, seq: int | None, op_id: str | None, result: Mapping[str, Any]
    ) -> None:
        if op_id is not None:
            self._result_rows.append({"op_id": op_id, "client_id": client_id, "seq": seq,
                                      "result": dict(result), "created_at": utcnow()})
            if not self.fast:
                self.write_results()
            self._results[op_id] = dict(result)
            self._unit_results.append(op_id)
        if seq is None or client_id not in self._acked:
            return
        acked, pending = self._acked[client_id], self._pending[client_id]
        if seq <= acked:
            return
        pending.add(seq)
        while acked + 1 in pending:
            acked += 1
            pending.discard(acked)
        self._acked[client_id] = acked

    def write_results(self) -> None:
        """Insert the results saved so far in one statement (a batch's hundred at once)."""
        if self._result_rows:
            db.session.execute(insert(SyncResult.__table__), self._result_rows)
            self._result_rows = []

    def _insert_seqs(self, client_id: str, seqs: list[int]) -> None:
        """Record answered seqs above the acked one, in one statement."""
        dialect_insert = postgresql.insert if dialect() == "postgresql" else sqlite.insert
        db.session.execute(
            dialect_insert(SyncSeq).values([{"client_id": client_id, "seq": seq} for seq in seqs])
            .on_conflict_do_nothing()
        )

    def raise_floor(self, client_id: str, floor: int) -> None:
        """The device gave up waiting below `floor`; `end_client` writes the new acked seq."""
        if client_id not in self._acked:
            return  # only the pushing device's row is held (and written) by a push
        acked, pending = raise_floor(self._acked[client_id], self._pending[client_id], floor)
        self._acked[client_id], self._pending[client_id] = acked, set(pending)

    def acked_seq(self, client_id: str) -> int:
        if client_id in self._acked:
            return self._acked[client_id]
        value = db.session.scalar(
            select(SyncClient.acked_seq).where(SyncClient.client_id == client_id)
        )
        return int(value or 0)

    def quarantine_op(
        self, raw: object, code: str, message: str, household_id: str | None
    ) -> None:
        if not self._quarantine:
            return
        if self._reapply is not None:
            self._reapply.code, self._reapply.message = code, message
            return
        home = _as_key(household_id)
        household = db.session.get(Household, home) if home else None
        op_id = raw.get("op_id") if isinstance(raw, Mapping) else None
        db.session.add(
            QuarantinedOp(
                client_id=self.client_id, user_id=self.author_id,
                op_id=op_id if isinstance(op_id, str) else None, raw=raw, code=code,
                message=message, household_id=household.id if household else None,
                subdistrict_id=household.subdistrict_id if household else self._subdistrict(),
            )
        )

    def _subdistrict(self) -> uuid.UUID | None:
        """Where an op that names no household is shown: the author's sub-district (a
        graduate's: their household's)."""
        home = self.actor.own_household()
        household = db.session.get(Household, home) if home else None
        return household.subdistrict_id if household else self.user.area_id

    # -- records -----------------------------------------------------------------------------

    def get_record(self, entity: str, entity_id: str) -> Record | None:
        spec = MAPS.get(entity)
        row = self._row(entity, entity_id, lock=True) if spec is not None else None
        if row is None:
            return None
        return Record(dict(self._wire(entity, entity_id, row)), dict(row.stamps or {}))

    def _wire(self, entity: str, entity_id: str, row: Any) -> dict[str, Any]:
        """The row's wire values; an op reads them two or three times before it writes."""
        key = (entity, entity_id)
        wire = self._wired.get(key)
        if wire is None:
            wire = self._wired[key] = MAPS[entity].wire(row)
        return wire

    def put_record(self, entity: str, entity_id: str, record: Record) -> None:
        spec = MAPS[entity]
        wired, self._wired = self._wired, {}  # this write (a visit: its members too) changes rows
        row = self._row(entity, entity_id)
        stamps = dict(record.stamps)
        if row is None:
            self._absent.discard((entity, entity_id))
            try:
                row = spec.create(self, entity_id, dict(record.data))
            except (IntegrityError, DataError) as exc:
                raise StoreRejected("invalid_op", "the change breaks a database constraint") from exc
            row.stamps = stamps
            if hasattr(row, "hlc"):
                row.hlc = max(stamps.values(), default=None)
            db.session.add(row)
            self._rows[(entity, entity_id)] = row
            if entity == "person":
                self._by_household = None
            if self._new_events:
                db.session.flush()  # no relationship orders person before status_event
        else:
            current = wired.get((entity, entity_id)) or spec.wire(row)
            changed = {k: v for k, v in record.data.items() if k in current and current[k] != v}
            if changed:
                spec.update(self, row, changed)
                if entity == "person" and "household_id" in changed:
                    self._by_household = None
            if dict(row.stamps or {}) != stamps:
                row.stamps = stamps
        db.session.add_all(self._new_events)
        self._new_events.clear()
        if not self.fast:
            self._flush()

    def _flush(self) -> None:
        try:
            db.session.flush()
        except (IntegrityError, DataError) as exc:
            raise StoreRejected("invalid_op", "the change breaks a database constraint") from exc

    # -- scope, epoch, pull --------------------------------------------------------------------

    def authorize(self, op: Op) -> None:
        """Before the engine reads any value of `op`: the role may write these fields, and the
        row the op changes (if it exists) is in the actor's scope. Nothing here depends on the
        values the op carries, so an insert on someone else's id answers `out_of_scope` however
        well its values were guessed (never `duplicate` or `id_exists`)."""
        self.actor.made_at_ms = op.stamp.wall
        if op.kind == "resolve":
            check_fields(self.actor, "conflict", "resolve", fields_of_op(op.kind, op.data))
            conflict = self._row("conflict", op.entity_id, lock=True)
            if conflict is not None:
                self.actor.require_target("conflict", conflict)
            return
        action = "create" if op.kind == "insert" else "update"
        check_fields(self.actor, op.entity, action, fields_of_op(op.kind, op.data))
        row = self._row(op.entity, op.entity_id, lock=True)
        if row is not None:
            self.actor.require_target(op.entity, row)
        written = {str(op.data.get("field")): op.data.get("to")} if op.kind == "transition" else op.data
        for name, value in written.items():
            check_value(self.actor, op.entity, name, value)

    def write_scope(self, client_id: str, household_id: str | None, now_ms: int) -> Scope:
        return self.actor.scope_of(household_id)

    def epoch(self) -> str:
        if self._epoch is None:
            self._epoch = db_epoch(db.session)
        return self._epoch

    def known_acked(self, client_id: str, acked: int) -> None:
        """The device's acked seq, already read with its row."""
        self._acked[client_id] = acked

    def known_log(self, epoch: str, last: int) -> None:
        """The epoch and the last position, already read together."""
        self._epoch, self._high_water = epoch, last

    def count_since(self, client_id: str, position: int) -> int:
        return pull_scope.count_since(self.user, position)

    def log_end(self) -> int:
        if self._high_water is None:
            self._epoch, self._high_water = log_state(db.session)[:2]
        return self._high_water

    def changes_since(self, client_id: str, position: int, limit: int) -> Sequence[Change]:
        if self._high_water is not None and position >= self._high_water:
            return []  # nothing was written since: the empty pull costs no scope query
        changes = pull_scope.changes_since(self.user, position, limit)
        role = self.user.role  # once: `user` may be the request's proxy, costly per row
        return [_role_view(role, change) for change in changes]


def _role_view(role: str, change: Change) -> Change:
    """A pulled change with the fields the role's REST view hides left out (data and stamps)."""
    hidden = hidden_fields(role, change.entity)
    if not hidden or not (hidden & set(change.data)):
        return change
    return Change(change.position, change.entity, change.id, change.op,
                  {k: v for k, v in change.data.items() if k not in hidden},
                  {k: v for k, v in change.stamps.items() if k not in hidden})


def _as_key(household_id: str | None) -> uuid.UUID | None:
    """The household id an op named, if it is one (a garbled op may name anything)."""
    try:
        return uuid.UUID(household_id) if household_id else None
    except (ValueError, TypeError, AttributeError):
        return None
