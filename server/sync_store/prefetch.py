"""What a push batch will touch, loaded up front in a few `IN` queries: `BatchPrefetch`.

Mixed into `SqlStorage`, whose caches (declared below, created in its `__init__`) it fills:
the rows the batch updates (persons locked `FOR NO KEY UPDATE` in id order, so two phones'
batches cannot deadlock), which inserted ids are new, field histories, conflict records and
status events; and for checks that need no ORM row, households' scope columns and the
households of persons a note only refers to.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from sync.merge import FieldWrite
from sync.registry import Registry

from ..extensions import db
from ..models import Household, Person, StatusEvent
from ..models.sync import ConflictRecord, SyncFieldWrite
from .mapping import MAPS, HouseholdMap


class BatchPrefetch:
    """The batch's row cache and how it is filled (see `SqlStorage` for the rest)."""

    fast: bool
    registry: Registry
    _rows: dict[tuple[str, str], Any]
    _absent: set[tuple[str, str]]
    _events: dict[str, dict[str, StatusEvent]]
    _histories: dict[tuple[str, str, str], list[FieldWrite]]
    _history_loaded: set[tuple[str, str]]
    _conflicts_of: set[str]
    _members_of: set[uuid.UUID]
    _by_household: dict[uuid.UUID, list[Person]] | None
    _facts: dict[str, Any]
    _homes: dict[str, uuid.UUID]

    def row(self, entity: str, entity_id: str, lock: bool = False) -> Any:
        """The row, held strongly for the push (the session's identity map only holds weakly)."""
        return self._row(entity, entity_id, lock)

    def taken(self, entity: str, entity_id: str) -> bool:
        """The engine creates only ids it found new (`duplicate`/`id_exists` otherwise)."""
        return False

    def _row(self, entity: str, entity_id: str, lock: bool = False) -> Any:
        """The row, held strongly for the push (the session's identity map only holds weakly)."""
        key = (entity, entity_id)
        if key in self._absent:
            return None
        if key not in self._rows:
            row = MAPS[entity].get(entity_id, lock=lock)
            if row is None:
                self._absent.add(key)
                return None
            self._rows[key] = row
        return self._rows[key]

    def prefetch(self, ops: Sequence[object]) -> None:
        """Load what a batch will touch in a few IN queries instead of several per op."""
        inserts: dict[str, set[str]] = {}
        touched: dict[str, set[str]] = {}
        refs: set[str] = set()
        light: set[str] = set()
        moved: set[str] = set()
        for op in ops:
            if not isinstance(op, Mapping):
                continue
            entity, entity_id, kind = op.get("entity"), op.get("entity_id"), op.get("kind")
            if not isinstance(entity, str) or entity not in MAPS or not isinstance(entity_id, str):
                continue
            if not self.registry.entities[entity].device_writable:
                continue  # refused read_only by the core; catalogues need not have an `id`
            try:
                uuid.UUID(entity_id)
            except ValueError:
                continue
            if kind == "insert":
                inserts.setdefault(entity, set()).add(entity_id)
                data = op.get("data")
                if isinstance(data, Mapping) and isinstance(data.get("person_id"), str):
                    # A note only checks its person's household: no need for the whole row.
                    (light if entity == "note" else refs).add(str(data["person_id"]))
            elif kind in ("set", "transition", "resolve"):
                touched.setdefault(entity, set()).add(entity_id)
                if kind == "transition" and entity == "person":
                    moved.add(entity_id)
        for entity, ids in inserts.items():
            model = MAPS[entity].model
            found = {str(i) for i in db.session.scalars(
                select(model.id).where(model.id.in_([uuid.UUID(i) for i in ids])))}
            self._absent.update((entity, i) for i in ids - found)
        # Every person row the batch may update (status, last contact of a visit's members) is
        # locked up front in one id order, so two phones' batches cannot deadlock over them.
        visited = {str(op["data"]["household_id"]) for op in ops
                   if isinstance(op, Mapping) and op.get("entity") == "visit"
                   and isinstance(op.get("data"), Mapping)
                   and isinstance(op["data"].get("household_id"), str)}
        visited_ids = []
        for household_id in visited:
            try:
                visited_ids.append(uuid.UUID(household_id))
            except ValueError:
                continue
        if visited_ids:
            members = set(db.session.scalars(
                select(Person.id).where(Person.household_id.in_(visited_ids))))
            touched.setdefault("person", set()).update(str(p) for p in members)
            self._members_of.update(visited_ids)
        for entity, ids in touched.items():
            model = MAPS[entity].model
            query: Any = HouseholdMap.select() if entity == "household" else select(model)
            query = query.where(model.id.in_(sorted(uuid.UUID(i) for i in ids)))
            if dialect() == "postgresql":
                # NO KEY UPDATE: another phone's notes and visits may still reference these
                # rows (their foreign-key checks take KEY SHARE), only writers queue up.
                query = query.order_by(model.id).with_for_update(of=model, key_share=True)
            for row in db.session.scalars(query):
                self._rows[(entity, str(row.id))] = row
        wanted = []
        for ref in refs - touched.get("person", set()):
            try:
                wanted.append(uuid.UUID(ref))
            except ValueError:
                continue
        if wanted:
            for row in db.session.scalars(select(Person).where(Person.id.in_(wanted))):
                self._rows.setdefault(("person", str(row.id)), row)
        homes_of = []
        for ref in light - refs - touched.get("person", set()):
            try:
                homes_of.append(uuid.UUID(ref))
            except ValueError:
                continue
        if homes_of:
            for person_id, home in db.session.execute(
                    select(Person.id, Person.household_id).where(Person.id.in_(homes_of))):
                self._homes[str(person_id)] = home
        keys = [(e, i) for e, ids in [*inserts.items(), *touched.items()] for i in ids
                if e in ("person", "household", "recommendation")]
        if keys:
            for row in db.session.scalars(select(SyncFieldWrite).where(
                    SyncFieldWrite.entity_id.in_([i for _, i in keys])).order_by(SyncFieldWrite.id)):
                self._histories.setdefault((row.entity, row.entity_id, row.field), []).append(
                    field_write(row))
            self._history_loaded.update(keys)
        targets = {i for e, ids in touched.items() if e != "conflict" for i in ids}
        if targets:
            for row in db.session.scalars(
                select(ConflictRecord).where(ConflictRecord.entity_id.in_(sorted(targets)))
            ):
                self._rows.setdefault(("conflict", str(row.id)), row)
            self._conflicts_of |= targets
        homes = {str(data["household_id"]) for op in ops if isinstance(op, Mapping)
                 for data in [op.get("data")]
                 if isinstance(data, Mapping) and isinstance(data.get("household_id"), str)}
        homes |= touched.get("household", set())
        homes |= {str(row.household_id) for (e, _), row in self._rows.items() if e == "person"}
        self._prefetch_households(homes)
        # Status events are what a transition merges with; other ops load them if they must.
        people = sorted(moved | inserts.get("person", set()))
        if people:
            index: dict[str, dict[str, StatusEvent]] = {p: {} for p in people}
            for event in db.session.scalars(select(StatusEvent).where(
                    StatusEvent.person_id.in_([uuid.UUID(p) for p in people]))):
                index_event(index[str(event.person_id)], event)
            self._events.update(index)

    def members(self, household_id: uuid.UUID) -> list[Person] | None:
        """The household's persons as this batch sees them, if `prefetch` loaded them all.

        Batch mode only: its rows include the persons the batch created or moved, and no
        rollback happens in between (op-by-op mode asks the database each time).
        """
        if not self.fast or household_id not in self._members_of:
            return None
        if self._by_household is None:
            index: dict[uuid.UUID, list[Person]] = {}
            for (entity, _), row in self._rows.items():
                if entity == "person":
                    index.setdefault(row.household_id, []).append(row)
            self._by_household = index
        return [row for row in self._by_household.get(household_id, [])
                if row.household_id == household_id]

    def household_of_person(self, person_id: str) -> uuid.UUID | None:
        """Which household a person is in (None: no such person)."""
        row = self._rows.get(("person", person_id))
        if row is None and person_id in self._homes:
            return self._homes[person_id]
        if row is None:
            row = self._row("person", person_id)
        return row.household_id if row is not None else None

    def _prefetch_households(self, ids: set[str]) -> None:
        keys = []
        for household_id in ids:
            if ("household", household_id) in self._rows:
                continue
            try:
                keys.append(uuid.UUID(household_id))
            except ValueError:
                continue
        if keys:
            # Scope and existence checks need four columns, not ORM rows (a batch names ~100).
            for row in db.session.execute(select(
                    Household.id, Household.subdistrict_id, Household.primary_helper_id,
                    Household.partner_helper_id).where(Household.id.in_(keys))):
                self._facts[str(row.id)] = row

    def household_facts(self, household_id: str) -> Any:
        """The household (or its prefetched scope columns: id, sub-district, helpers), or None."""
        row = self._rows.get(("household", household_id))
        if row is None:
            row = self._facts.get(household_id) or self._row("household", household_id)
        return row


def field_write(row: SyncFieldWrite) -> FieldWrite:
    return FieldWrite(
        row.kind, row.op_id, row.client_id, row.hlc, row.value, source=row.source, base=row.base,
        has_base=row.has_base, conflict_id=row.conflict_id, choice=row.choice, comment=row.comment,
    )


def index_event(index: dict[str, StatusEvent], row: StatusEvent) -> None:
    index[str(row.id)] = row
    if row.op_id is not None:
        index[f"op:{row.op_id}"] = row
    if row.hlc is not None:
        index[f"hlc:{row.hlc}"] = row


def dialect() -> str:
    return db.session.get_bind().dialect.name
