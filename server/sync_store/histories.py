"""Field histories, conflict records and status events of a push: `HistoryStore`.

Mixed into `SqlStorage` (its caches are declared below and created in its `__init__`). A REST
write made after a field already has a sync history joins that history here, so the next
replay keeps it; conflict records and status events are written idempotently (a retried or
replayed op finds its own rows).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from sync.merge import FieldWrite, replay
from sync.registry import Registry

from ..extensions import db
from ..models import Person, Recommendation, StatusEvent
from ..models.sync import ConflictRecord, SyncFieldWrite
from .mapping import MAPS, ConflictMap, as_uuid, ms_to_datetime
from .prefetch import BatchPrefetch, field_write, index_event

#: client_id of writes the server makes itself (API resolutions, REST edits joining a history).
SERVER_NODE = "server"


class HistoryStore(BatchPrefetch):
    """How a push reads and writes field histories, conflicts and status events."""

    registry: Registry
    author_id: uuid.UUID
    _rest_writes: dict[str, str]
    _new_events: list[StatusEvent]

    # -- field histories ---------------------------------------------------------------------

    def field_history(self, entity: str, entity_id: str, field: str) -> Sequence[FieldWrite]:
        if (entity, entity_id) in self._history_loaded:
            writes = list(self._histories.get((entity, entity_id, field), []))
        else:
            writes = [field_write(row) for row in db.session.scalars(
                select(SyncFieldWrite).where(
                    SyncFieldWrite.entity == entity,
                    SyncFieldWrite.entity_id == entity_id,
                    SyncFieldWrite.field == field,
                )
            )]
        for write in writes:
            if write.client_id == SERVER_NODE and write.kind in ("set", "transition") and write.op_id:
                self._rest_writes[write.op_id] = write.hlc
        if writes:
            rest = self._rest_write(entity, entity_id, field, writes)
            if rest is not None:
                writes.append(rest)
        return writes

    def _rest_write(
        self, entity: str, entity_id: str, field: str, writes: list[FieldWrite]
    ) -> FieldWrite | None:
        """A write made outside the engine (REST) after the history began, as a history entry."""
        spec = MAPS[entity]
        row = self._row(entity, entity_id)
        stamp = (row.stamps or {}).get(field) if row is not None else None
        if row is None or not stamp or any(w.hlc == stamp for w in writes):
            return None
        cls = self.registry.entities[entity].fields[field].cls
        outcome = replay(writes, cls)
        if outcome.hlc is not None and stamp <= outcome.hlc:
            return None
        op_id = str(uuid.uuid5(uuid.UUID(self.registry.namespace), f"rest/{entity}/{entity_id}/{field}/{stamp}"))
        write = FieldWrite(
            "transition" if cls == "state_machine" else "set", op_id, SERVER_NODE, stamp,
            spec.wire(row).get(field), source=outcome.value, base=outcome.hlc, has_base=True,
        )
        self.add_field_write(entity, entity_id, field, write)
        self._rest_writes[op_id] = stamp
        return write

    def add_field_write(self, entity: str, entity_id: str, field: str, write: FieldWrite) -> None:
        if (entity, entity_id) in self._history_loaded:
            self._histories.setdefault((entity, entity_id, field), []).append(write)
        db.session.add(
            SyncFieldWrite(
                entity=entity, entity_id=entity_id, field=field, key=write.key, kind=write.kind,
                op_id=write.op_id, client_id=write.client_id, hlc=write.hlc, value=write.value,
                source=write.source, base=write.base, has_base=write.has_base,
                conflict_id=write.conflict_id, choice=write.choice, comment=write.comment,
            )
        )

    # -- conflicts and status events ---------------------------------------------------------

    def get_conflict(self, conflict_id: str) -> dict[str, Any] | None:
        row = self._row("conflict", conflict_id, lock=True)
        return MAPS["conflict"].wire(row) if row is not None else None

    def put_conflict(self, conflict: Mapping[str, Any]) -> None:
        key = ("conflict", str(conflict["id"]))
        if key not in self._rows and str(conflict["entity_id"]) in self._conflicts_of:
            self._absent.add(key)  # all of this record's conflicts were loaded: it is new
        row = self._row(*key)
        if row is None:
            row = ConflictRecord(id=as_uuid(str(conflict["id"])), stamps={})
            row.household_id = self._household_of_target(
                str(conflict["entity"]), str(conflict["entity_id"])
            )
            db.session.add(row)
            self._absent.discard(("conflict", str(conflict["id"])))
            self._rows[("conflict", str(conflict["id"]))] = row
        elif ConflictMap().wire(row) == {**dict(conflict), "id": str(conflict["id"])}:
            return
        was_open = row.state != "resolved"
        for name in ConflictMap.fields[1:]:
            setattr(row, name, conflict.get(name))
        if was_open and row.state == "resolved":
            row.resolved_by_user_id = self.author_id

    def _household_of_target(self, entity: str, entity_id: str) -> uuid.UUID | None:
        if entity == "household":
            return as_uuid(entity_id)
        if entity == "person":
            person = db.session.get(Person, as_uuid(entity_id))
            return person.household_id if person else None
        if entity == "recommendation":
            rec = db.session.get(Recommendation, as_uuid(entity_id))
            person = db.session.get(Person, rec.person_id) if rec else None
            return person.household_id if person else None
        return None

    def remove_conflict(self, conflict_id: str) -> None:
        row = self._row("conflict", conflict_id)
        if row is not None:
            db.session.delete(row)
            del self._rows[("conflict", conflict_id)]  # the change log turns the deletion into a pulled `remove`

    def _events_of(self, person_id: str) -> dict[str, StatusEvent]:
        """A person's status events by id and by op id, loaded once per push."""
        if person_id not in self._events:
            index: dict[str, StatusEvent] = {}
            for row in db.session.scalars(
                select(StatusEvent).where(StatusEvent.person_id == as_uuid(person_id))
            ):
                index_event(index, row)
            self._events[person_id] = index
        return self._events[person_id]

    def put_status_event(self, event: Mapping[str, Any]) -> None:
        person_id, op_id = str(event["person_id"]), event.get("op_id")
        known = self._events_of(person_id)
        row = known.get(str(event["id"])) or known.get(f"op:{op_id}")
        if row is None and op_id in self._rest_writes:
            # The REST view recorded this transition's event already: adopt it.
            row = known.get(f"hlc:{self._rest_writes[str(op_id)]}")
            if row is not None:
                row.op_id = as_uuid(str(op_id))
                known[f"op:{op_id}"] = row
        if row is None:
            row = StatusEvent(
                id=as_uuid(str(event["id"])), person_id=as_uuid(person_id),
                from_status=event.get("from_status"), to_status=event["to_status"],
                at=ms_to_datetime(int(event["at"])), by_user_id=self.author_id,
                device_id=event.get("device_id"), op_id=as_uuid(str(op_id)) if op_id else None,
                superseded=bool(event.get("superseded")), stamps={},
            )
            # Added by put_record, after the person: the engine reports events first.
            self._new_events.append(row)
            known[str(event["id"])] = row
            if op_id:
                known[f"op:{op_id}"] = row
        elif row.superseded != bool(event.get("superseded")):
            row.superseded = bool(event.get("superseded"))
