"""In-memory reference storage: what the tests and the vectors run the engine over.

It follows the :class:`~sync.storage.Storage` contract literally, including rollback of a unit
of work (a snapshot restored on exception), so adapter bugs show up as differences from it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sync.merge import FieldWrite
from sync.outbox_floor import raise_floor
from sync.storage import Change, Record, Scope

_Key = tuple[str, str]


@dataclass
class _Tables:
    records: dict[_Key, Record] = field(default_factory=dict)
    history: dict[tuple[str, str, str], list[FieldWrite]] = field(default_factory=dict)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    seqs: dict[str, set[int]] = field(default_factory=dict)
    #: client_id → the highest floor it sent (every seq below it counts as answered).
    floors: dict[str, int] = field(default_factory=dict)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Change log: (position, entity, id, op).
    log: list[tuple[int, str, str, str]] = field(default_factory=list)


class MemoryStorage:
    """A :class:`~sync.storage.Storage` held in dicts."""

    def __init__(
        self, epoch: str = "memory-1", scope: Mapping[str, Mapping[str, Scope]] | None = None
    ) -> None:
        self._t = _Tables()
        self._epoch = epoch
        #: client_id → household_id → scope; anything not listed is ``in_scope``.
        self.scope: dict[str, dict[str, Scope]] = {k: dict(v) for k, v in (scope or {}).items()}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> MemoryStorage:
        """Load a vector's ``state``: ``records`` and ``scope``."""
        storage = cls(scope=state.get("scope"))
        for entity, rows in dict(state.get("records", {})).items():
            for entity_id, row in dict(rows).items():
                storage.put_record(
                    entity, entity_id, Record(dict(row["data"]), dict(row.get("stamps", {})))
                )
        return storage

    # -- Storage protocol --------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        saved = copy.deepcopy(self._t)
        try:
            yield
        except BaseException:
            self._t = saved
            raise

    def get_result(self, op_id: str) -> dict[str, Any] | None:
        stored = self._t.results.get(op_id)
        return copy.deepcopy(stored) if stored is not None else None

    def save_result(
        self, client_id: str, seq: int | None, op_id: str | None, result: Mapping[str, Any]
    ) -> None:
        if op_id is not None:
            self._t.results[op_id] = copy.deepcopy(dict(result))
        if seq is not None:
            self._t.seqs.setdefault(client_id, set()).add(seq)

    def acked_seq(self, client_id: str) -> int:
        seen = self._t.seqs.get(client_id, set())
        acked, _ = raise_floor(0, seen, self._t.floors.get(client_id))
        return acked

    def raise_floor(self, client_id: str, floor: int) -> None:
        self._t.floors[client_id] = max(floor, self._t.floors.get(client_id, 1))

    def quarantine_op(
        self, raw: object, code: str, message: str, household_id: str | None
    ) -> None:
        self._t.quarantine.append({"raw": copy.deepcopy(raw), "code": code, "message": message,
                                   "household_id": household_id})

    def get_record(self, entity: str, entity_id: str) -> Record | None:
        record = self._t.records.get((entity, entity_id))
        return copy.deepcopy(record) if record is not None else None

    def put_record(self, entity: str, entity_id: str, record: Record) -> None:
        if self._t.records.get((entity, entity_id)) != record:
            self._t.records[(entity, entity_id)] = copy.deepcopy(record)
            self._log(entity, entity_id, "upsert")

    def field_history(self, entity: str, entity_id: str, field: str) -> Sequence[FieldWrite]:
        return list(self._t.history.get((entity, entity_id, field), []))

    def add_field_write(self, entity: str, entity_id: str, field: str, write: FieldWrite) -> None:
        self._t.history.setdefault((entity, entity_id, field), []).append(write)

    def get_conflict(self, conflict_id: str) -> dict[str, Any] | None:
        stored = self._t.conflicts.get(conflict_id)
        return copy.deepcopy(stored) if stored is not None else None

    def put_conflict(self, conflict: Mapping[str, Any]) -> None:
        if self._t.conflicts.get(str(conflict["id"])) != conflict:
            self._t.conflicts[str(conflict["id"])] = copy.deepcopy(dict(conflict))
            self._log("conflict", str(conflict["id"]), "upsert")

    def remove_conflict(self, conflict_id: str) -> None:
        if self._t.conflicts.pop(conflict_id, None) is not None:
            self._log("conflict", conflict_id, "remove")

    def put_status_event(self, event: Mapping[str, Any]) -> None:
        if self._t.events.get(str(event["id"])) != event:
            self._t.events[str(event["id"])] = copy.deepcopy(dict(event))
            self._log("status_event", str(event["id"]), "upsert")

    def write_scope(self, client_id: str, household_id: str | None, now_ms: int) -> Scope:
        if household_id is None:
            return "in_scope"
        return self.scope.get(client_id, {}).get(household_id, "in_scope")

    def epoch(self) -> str:
        return self._epoch

    def count_since(self, client_id: str, position: int) -> int:
        return len({(e, i) for pos, e, i, _op in self._t.log if pos > position})

    def log_end(self) -> int:
        return len(self._t.log)

    def changes_since(self, client_id: str, position: int, limit: int) -> Sequence[Change]:
        latest: dict[_Key, tuple[int, str]] = {}
        for pos, entity, entity_id, op in self._t.log:
            if pos > position:
                latest[(entity, entity_id)] = (pos, op)
        ordered = sorted(latest.items(), key=lambda item: item[1][0])[:limit]
        return [self._change(pos, key, op) for key, (pos, op) in ordered]

    # -- test helpers ------------------------------------------------------------------------

    def remove(self, entity: str, entity_id: str) -> None:
        """Simulate a record leaving every scope (the pull sends ``remove``)."""
        self._t.records.pop((entity, entity_id), None)
        self._log(entity, entity_id, "remove")

    @property
    def quarantined(self) -> list[dict[str, Any]]:
        """The quarantine, oldest first."""
        return copy.deepcopy(self._t.quarantine)

    def snapshot(self) -> dict[str, Any]:
        """State as vectors write it: records, conflicts and status events."""
        records: dict[str, dict[str, Any]] = {}
        for (entity, entity_id), record in sorted(self._t.records.items()):
            records.setdefault(entity, {})[entity_id] = {
                "data": copy.deepcopy(record.data),
                "stamps": dict(record.stamps),
            }
        return {
            "records": records,
            "conflicts": [copy.deepcopy(c) for _, c in sorted(self._t.conflicts.items())],
            "status_events": [copy.deepcopy(e) for _, e in sorted(self._t.events.items())],
        }

    def _log(self, entity: str, entity_id: str, op: str) -> None:
        self._t.log.append((len(self._t.log) + 1, entity, entity_id, op))

    def _change(self, position: int, key: _Key, op: str) -> Change:
        entity, entity_id = key
        if op == "remove":
            return Change(position, entity, entity_id, op, {}, {})
        if entity == "conflict":
            return Change(position, entity, entity_id, op, self._t.conflicts[entity_id], {})
        if entity == "status_event":
            return Change(position, entity, entity_id, op, self._t.events[entity_id], {})
        record = self._t.records[key]
        return Change(position, entity, entity_id, op, dict(record.data), dict(record.stamps))
