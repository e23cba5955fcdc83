"""The change log that pulls read: one row per synced row, at the position of its latest write.

CouchDB-changes style: `sync_change` lists only the latest version of each row, so a pull from
an old cursor sends each row once. A session hook feeds it from every flush of a `SyncMixin`
row (sync pushes, REST views, CLI), so nothing that changes a file can bypass it.

Positions are handed out at commit, not at flush: `before_commit` takes a block from the
one-row `sync_counter` with `UPDATE ... RETURNING`. That row lock is held until the commit, so
transactions commit their positions in increasing order and a reader can never see position
N+1 while N is still uncommitted (and skip it forever). Taking the lock only at commit keeps it
to milliseconds, however long the push that led to it. SQLite serialises writers anyway.

Lock order (no deadlock between a reassignment and a push): the counter is the last lock a
transaction takes. Every log row it will renumber is locked before it, at flush time or, in key
order, just before the counter; removal rows are only written under the counter. So whoever
holds the counter waits for nobody.

Scope keys and scope moves are `scope_keys`: a household or person that moves re-keys its
dependent rows here, in the same flush, so no path (sync, REST, CLI) can leave one behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete, event, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, scoped_session

from ..models import User
from ..models.base import SyncMixin
from ..models.sync import SyncChange, SyncClient, SyncCounter, SyncEpoch, SyncRemoval
from . import late_keys
from .db_identity import identity
from .scope_keys import (
    CLIENT_ENTITIES,
    PERSON_ENTITIES,
    KeyReader,
    Moves,
    find_moves,
    holders,
    log_rows,
    rows_of,
)
from .scope_keys import entity_id_of as entity_id_of

#: session.info keys: rows whose position moves at commit, removal rows to (re)write, and
#: removal rows to forget (the user has the rows again).
TOUCHED = "doorstep_sync_touched"
REMOVALS = "doorstep_sync_removals"
REGAINED = "doorstep_sync_regained"
#: ("household" | "person", id) → the keys its rows take and who lost them (`late_keys`).
MOVED = "doorstep_sync_moved"

_Key = tuple[str, str]
#: A session, or Flask-SQLAlchemy's scoped proxy of one.
AnySession = Session | scoped_session[Any]


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
    regained: dict[tuple[uuid.UUID, str, str], None] = session.info.setdefault(REGAINED, {})
    for entity, entity_id in keys:
        regained.pop((user_id, entity, entity_id), None)
        removals[(user_id, entity, entity_id)] = None


def regain_for(session: AnySession, user_id: uuid.UUID, keys: Iterable[_Key]) -> None:
    """At commit, forget `user_id`'s removals of these rows (they are in their scope again)."""
    removals: dict[tuple[uuid.UUID, str, str], None] = session.info.setdefault(REMOVALS, {})
    regained: dict[tuple[uuid.UUID, str, str], None] = session.info.setdefault(REGAINED, {})
    for entity, entity_id in keys:
        removals.pop((user_id, entity, entity_id), None)
        regained[(user_id, entity, entity_id)] = None


@event.listens_for(Session, "after_flush")
def _log_flushed_rows(session: Session, flush_context: Any) -> None:
    changed = [o for o in session.new if isinstance(o, SyncMixin)]
    changed += [o for o in session.dirty if isinstance(o, SyncMixin) and _flushed_changes(o)]
    deleted = [o for o in session.deleted if isinstance(o, SyncMixin)]
    movers = [o for o in session.dirty if isinstance(o, SyncMixin | User) and _flushed_changes(o)]
    if not changed and not deleted and not movers:
        return
    reader = KeyReader(session)
    rows = log_rows(reader, changed, False) + log_rows(reader, deleted, True)
    if rows:
        _upsert(session, SyncChange.__table__, rows, ["entity", "entity_id"],
                ["household_id", "subdistrict_id", "helper_id", "partner_id", "person_id",
                 "catalogue", "removed"])
        touch(session, ((r["entity"], r["entity_id"]) for r in rows))
    moves = find_moves(reader, movers)
    if moves:
        _carry(session, reader, moves)


_TABLE = SyncChange.__table__


def _rekey(session: Session, where: Any, values: dict[str, Any]) -> list[_Key]:
    """Give these log rows new scope keys (locking them now, before any counter); their keys."""
    found = session.connection().execute(
        update(_TABLE).where(where).values(**values).returning(_TABLE.c.entity, _TABLE.c.entity_id)
    )
    return [(entity, entity_id) for entity, entity_id in found]


def _carry(session: Session, reader: KeyReader, moves: Moves) -> None:
    """Every dependent row follows a move: re-keyed, moved up the log for whoever gained it,
    and a `remove` for whoever lost it."""
    moved: dict[tuple[str, Any], dict[str, Any]] = session.info.setdefault(MOVED, {})
    for household_id, (sub, helper, partner) in moves.households.items():
        values = {"subdistrict_id": sub, "helper_id": helper, "partner_id": partner}
        touch(session, _rekey(session, _TABLE.c.household_id == household_id, values))
        moved[("household", household_id)] = {"household_id": household_id, **values, "lost": set()}
    facts = reader.facts(moves.persons.values())
    for person_id, home in moves.persons.items():
        sub, helper, partner = facts.get(home, (None, None, None))
        values = {"household_id": home, "subdistrict_id": sub, "helper_id": helper,
                  "partner_id": partner}
        touch(session, _rekey(session, (_TABLE.c.person_id == person_id)
                              & _TABLE.c.entity.in_(PERSON_ENTITIES), values))
        moved[("person", person_id)] = {**values, "lost": set()}
    for loss in moves.losses:
        before, after = holders(session, loss.before), holders(session, loss.after)
        if before == after:
            continue
        if loss.household_id is not None:
            moved[("household", loss.household_id)]["lost"] |= before - after
        elif loss.person_id is not None:
            moved[("person", loss.person_id)]["lost"] |= before - after
        if loss.key is not None:
            keys = [loss.key]
        elif loss.household_id is not None:
            keys = rows_of(session, household_id=loss.household_id)
        else:
            keys = rows_of(session, person_id=loss.person_id, entities=PERSON_ENTITIES)
        for user_id in before - after:
            remove_for(session, user_id, keys)
        for user_id in after - before:
            regain_for(session, user_id, keys)
    for user_id, old_person, new_person in moves.links:
        if old_person is not None:
            remove_for(session, user_id,
                       rows_of(session, person_id=old_person, entities=CLIENT_ENTITIES))
        if new_person is not None:
            keys = rows_of(session, person_id=new_person, entities=CLIENT_ENTITIES)
            regain_for(session, user_id, keys)
            touch(session, keys)


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


def _set_positions(conn: Any, keys: list[_Key], first: int) -> None:
    """Give these rows consecutive positions from `first`, in order."""
    if not keys:
        return
    if conn.dialect.name == "postgresql":
        # One statement for the whole block (a sync batch touches hundreds of rows).
        conn.execute(_POSITIONS_PG, {"entities": [e for e, _ in keys],
                                     "ids": [i for _, i in keys], "first": first})
        return
    stmt = (
        update(_TABLE)
        .where(_TABLE.c.entity == bindparam("k_entity"), _TABLE.c.entity_id == bindparam("k_id"))
        .values(position=bindparam("k_position"))
    )
    conn.execute(stmt, [{"k_entity": e, "k_id": i, "k_position": first + n}
                        for n, (e, i) in enumerate(keys)])


@event.listens_for(Session, "before_commit")
def _assign_positions(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()
    touched = list(session.info.pop(TOUCHED, {}))
    removals = list(session.info.pop(REMOVALS, {}))
    regained = list(session.info.pop(REGAINED, {}))
    moved: dict[tuple[str, Any], dict[str, Any]] = session.info.pop(MOVED, {})
    if not touched and not removals and not regained:
        return
    conn = session.connection()
    postgres = conn.dialect.name == "postgresql"
    if postgres and touched:
        late_keys.lock_in_order(conn, touched)
    first = _allocate(session, len(touched) + len(removals))  # the counter: the last lock
    if postgres and touched:
        late_keys.refresh(conn, touched)
    _set_positions(conn, touched, first)
    start = first + len(touched)
    rows = [{"user_id": u, "entity": e, "entity_id": i, "position": start + n}
            for n, (u, e, i) in enumerate(removals)]
    if postgres and moved:
        done = set(touched)
        late = {move: [k for k in keys if k not in done]
                for move, keys in late_keys.catch_up(conn, moved).items()}
        extra = list(dict.fromkeys(k for keys in late.values() for k in keys))
        lost = list(dict.fromkeys((u, e, i) for move, keys in late.items()
                                  for u in moved[move]["lost"] for e, i in keys))
        if extra or lost:
            more = _allocate(session, len(extra) + len(lost))
            _set_positions(conn, extra, more)
            rows += [{"user_id": u, "entity": e, "entity_id": i, "position": more + len(extra) + n}
                     for n, (u, e, i) in enumerate(lost)]
    if rows:
        _upsert(session, SyncRemoval.__table__, rows, ["user_id", "entity", "entity_id"],
                ["position"])
    if regained:
        table = SyncRemoval.__table__
        conn.execute(
            delete(table).where(table.c.user_id == bindparam("k_user"),
                                table.c.entity == bindparam("k_entity"),
                                table.c.entity_id == bindparam("k_id")),
            [{"k_user": u, "k_entity": e, "k_id": i} for u, e, i in regained],
        )


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(TOUCHED, None)
        session.info.pop(REMOVALS, None)
        session.info.pop(REGAINED, None)
        session.info.pop(MOVED, None)


def log_state(session: AnySession, client_id: str | None = None) -> tuple[str, int, Any, int]:
    """In one query: the epoch (made at first use), the last position handed out, and the
    device's owner and acked seq (None and 0 for an unknown device).

    The epoch is the stored row's (a recreated database) and this life's `identity` (a
    restore, a failover, a lossy restart): `db_identity` says why the row alone is not enough."""
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
        made = _stored_epoch(session)
        session.commit()  # the first pull of a new database names its epoch for good
    return _with_identity(session, made), int(found[1] or 0), found[2], int(found[3] or 0)


def _with_identity(session: AnySession, stored: str) -> str:
    return f"{stored}.{identity(session.connection())}"


def epoch(session: AnySession) -> str:
    """This database's epoch (see `log_state`)."""
    return _with_identity(session, _stored_epoch(session))


def _stored_epoch(session: AnySession) -> str:
    """The epoch row, made at first use (a recreated database gets a new one)."""
    found = session.scalar(select(SyncEpoch.epoch).where(SyncEpoch.id == 1))
    if found is None:
        _upsert(session, SyncEpoch.__table__, [{"id": 1, "epoch": str(uuid.uuid4())}], ["id"], [])
        found = session.scalar(select(SyncEpoch.epoch).where(SyncEpoch.id == 1))
    assert found is not None
    return str(found)
