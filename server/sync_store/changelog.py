"""The change log that pulls read: one row per synced row, at the position of its latest write.

CouchDB-changes style: `sync_change` lists only the latest version of each row, so a pull from
an old cursor sends each row once. A session hook feeds it from every flush of a `SyncMixin`
row (sync pushes, REST views, CLI), so nothing that changes a file can bypass it.

Positions are handed out at commit, not at flush: `before_commit` takes a block from the
one-row `sync_counter` with `UPDATE ... RETURNING`. That row lock is held until the commit, so
transactions commit their positions in increasing order and a reader can never see position
N+1 while N is still uncommitted (and skip it forever). Taking the lock only at commit keeps it
to milliseconds, however long the push that led to it. SQLite serialises writers anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, event, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, scoped_session

from ..models import Household, Note, Person, Recommendation, StatusEvent, Visit
from ..models.base import SyncMixin
from ..models.sync import (
    ConflictRecord,
    SyncChange,
    SyncClient,
    SyncCounter,
    SyncEpoch,
    SyncRemoval,
)

#: session.info keys: rows whose position moves at commit, and removal rows to (re)write.
TOUCHED = "doorstep_sync_touched"
REMOVALS = "doorstep_sync_removals"

_Key = tuple[str, str]
#: A session, or Flask-SQLAlchemy's scoped proxy of one.
AnySession = Session | scoped_session[Any]


def entity_id_of(obj: Any) -> str:
    """The wire id of a synced row (follow-up rules are keyed by category)."""
    ident = getattr(obj, "id", None)
    return str(ident if ident is not None else getattr(obj, "category", ""))


def _household_of_persons(session: Session, person_ids: Iterable[uuid.UUID]) -> dict[Any, Any]:
    wanted = {pid for pid in person_ids if pid is not None}
    found: dict[Any, Any] = {}
    for pid in list(wanted):
        person = session.identity_map.get(session.identity_key(Person, pid))
        if person is not None:
            found[pid] = person.household_id
            wanted.discard(pid)
    if wanted:
        with session.no_autoflush:
            rows = session.execute(
                select(Person.id, Person.household_id).where(Person.id.in_(wanted))
            )
            found.update({pid: hid for pid, hid in rows})
    return found


def _scope_rows(session: Session, objs: list[Any], removed: bool) -> list[dict[str, Any]]:
    needs_person = [o.person_id for o in objs if isinstance(o, StatusEvent | Recommendation)]
    households = _household_of_persons(session, needs_person) if needs_person else {}
    rows = []
    for obj in objs:
        scope, household_id, person_id = "household", None, None
        if isinstance(obj, Household):
            household_id = obj.id
        elif isinstance(obj, Person):
            household_id, person_id = obj.household_id, obj.id
        elif isinstance(obj, Visit | Note | ConflictRecord):
            household_id = obj.household_id
        elif isinstance(obj, StatusEvent | Recommendation):
            household_id, person_id = households.get(obj.person_id), obj.person_id
        else:
            scope = "catalogue"
        rows.append(
            {
                "entity": obj.__sync_entity__,
                "entity_id": entity_id_of(obj),
                "position": 0,
                "scope": scope,
                "household_id": household_id,
                "person_id": person_id,
                "removed": removed,
            }
        )
    return rows


def _upsert(session: AnySession, table: Any, rows: list[dict[str, Any]], keys: list[str],
            update_cols: list[str]) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table)
    if update_cols:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={col: getattr(stmt.excluded, col) for col in update_cols}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    session.connection().execute(stmt, rows)


def touch(session: AnySession, keys: Iterable[_Key]) -> None:
    """Move these rows to fresh positions at commit (so every puller in scope gets them again)."""
    touched: dict[_Key, None] = session.info.setdefault(TOUCHED, {})
    for key in keys:
        touched.pop(key, None)
        touched[key] = None


def remove_for(session: AnySession, user_id: uuid.UUID, keys: Iterable[_Key]) -> None:
    """At commit, tell `user_id`'s next pull that these rows left their scope."""
    removals: dict[tuple[uuid.UUID, str, str], None] = session.info.setdefault(REMOVALS, {})
    for entity, entity_id in keys:
        removals[(user_id, entity, entity_id)] = None


@event.listens_for(Session, "after_flush")
def _log_flushed_rows(session: Session, flush_context: Any) -> None:
    changed: list[Any] = []
    deleted: list[Any] = []
    for obj in session.new:
        if isinstance(obj, SyncMixin):
            changed.append(obj)
    for obj in session.dirty:
        if isinstance(obj, SyncMixin) and _flushed_changes(obj):
            changed.append(obj)
    for obj in session.deleted:
        if isinstance(obj, SyncMixin):
            deleted.append(obj)
    if not changed and not deleted:
        return
    rows = _scope_rows(session, changed, False) + _scope_rows(session, deleted, True)
    _upsert(session, SyncChange.__table__, rows, ["entity", "entity_id"],
            ["scope", "household_id", "person_id", "removed"])
    touch(session, ((r["entity"], r["entity_id"]) for r in rows))


def _flushed_changes(obj: Any) -> bool:
    """Did this flush change the row? In after_flush its state still holds the values it
    replaced (columns and collections), so this is `Session.is_modified` without building an
    attribute history per column; a value set to itself counts (it is only sent again)."""
    return bool(inspect(obj).committed_state)


def _allocate(session: AnySession, count: int) -> int:
    """Reserve `count` positions; returns the first. Locks the counter row until commit."""
    conn = session.connection()
    stmt = (
        update(SyncCounter.__table__)
        .where(SyncCounter.id == 1)
        .values(value=SyncCounter.value + count)
        .returning(SyncCounter.value)
    )
    last = conn.execute(stmt).scalar()
    if last is None:
        _upsert(session, SyncCounter.__table__, [{"id": 1, "value": 0}], ["id"], [])
        last = conn.execute(stmt).scalar()
    assert last is not None
    return int(last) - count + 1


#: PostgreSQL: give the touched rows consecutive positions from :first, in the given order.
_POSITIONS_PG = text(
    "UPDATE sync_change SET position = :first + v.n - 1"
    " FROM unnest(CAST(:entities AS varchar[]), CAST(:ids AS varchar[]))"
    " WITH ORDINALITY AS v(entity, entity_id, n)"
    " WHERE sync_change.entity = v.entity AND sync_change.entity_id = v.entity_id"
)


@event.listens_for(Session, "before_commit")
def _assign_positions(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()
    touched: dict[_Key, None] = session.info.pop(TOUCHED, {})
    removals: dict[tuple[uuid.UUID, str, str], None] = session.info.pop(REMOVALS, {})
    if not touched and not removals:
        return
    first = _allocate(session, len(touched) + len(removals))
    conn = session.connection()
    if touched and conn.dialect.name == "postgresql":
        # One statement for the whole block (a sync batch touches hundreds of rows).
        conn.execute(_POSITIONS_PG, {
            "entities": [entity for entity, _ in touched],
            "ids": [entity_id for _, entity_id in touched],
            "first": first,
        })
    elif touched:
        table = SyncChange.__table__
        stmt = (
            update(table)
            .where(table.c.entity == bindparam("k_entity"), table.c.entity_id == bindparam("k_id"))
            .values(position=bindparam("k_position"))
        )
        conn.execute(
            stmt,
            [
                {"k_entity": entity, "k_id": entity_id, "k_position": first + i}
                for i, (entity, entity_id) in enumerate(touched)
            ],
        )
    if removals:
        start = first + len(touched)
        rows = [
            {"user_id": user_id, "entity": entity, "entity_id": entity_id, "position": start + i}
            for i, (user_id, entity, entity_id) in enumerate(removals)
        ]
        _upsert(session, SyncRemoval.__table__, rows, ["user_id", "entity", "entity_id"],
                ["position"])


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(TOUCHED, None)
        session.info.pop(REMOVALS, None)


def log_state(session: AnySession, client_id: str | None = None) -> tuple[str, int, Any, int]:
    """In one query: the epoch (made at first use), the last position handed out, and the
    device's owner and acked seq (None and 0 for an unknown device)."""
    device = SyncClient.client_id == (client_id or "")
    found = session.execute(
        select(
            select(SyncEpoch.epoch).where(SyncEpoch.id == 1).scalar_subquery(),
            select(SyncCounter.value).where(SyncCounter.id == 1).scalar_subquery(),
            select(SyncClient.user_id).where(device).scalar_subquery(),
            select(SyncClient.acked_seq).where(device).scalar_subquery(),
        )
    ).one()
    made = found[0]
    if made is None:
        made = epoch(session)
        session.commit()  # the first pull of a new database names its epoch for good
    return str(made), int(found[1] or 0), found[2], int(found[3] or 0)


def epoch(session: AnySession) -> str:
    """This database's epoch, made at first use (a recreated database gets a new one)."""
    found = session.scalar(select(SyncEpoch.epoch).where(SyncEpoch.id == 1))
    if found is None:
        _upsert(session, SyncEpoch.__table__, [{"id": 1, "epoch": str(uuid.uuid4())}], ["id"], [])
        found = session.scalar(select(SyncEpoch.epoch).where(SyncEpoch.id == 1))
    assert found is not None
    return str(found)
