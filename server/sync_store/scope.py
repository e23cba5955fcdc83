"""Whose pull sees which change: the scoped change-log query, and removals on reassignment.

A helper's scope is their households (as primary or partner) with everything in them, plus the
catalogues; a supervisor's is their sub-district; a client's is their own file and
recommendations (sync/PROTOCOL.md section 7). Scope is decided at read time by joining the log
to the household, so a reassignment changes it at once; `household_reassigned` adds the
`remove` rows for whoever lost the household and moves its rows up the log for whoever gained
it (their cursor may be past the rows' old positions).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, tuple_

from sync.storage import Change

from ..extensions import db
from ..models import Household, User
from ..models.sync import SyncChange, SyncRemoval
from ..scoping import household_filter
from .changelog import remove_for, touch
from .mapping import MAPS

#: What a client's phone receives: their own file and what hangs off it.
CLIENT_ENTITIES = ("person", "recommendation", "status_event")


def _scoped(user: User, position: int, limit: int | None) -> Any:
    log = SyncChange
    query = select(log.entity, log.entity_id, log.position, log.removed).where(
        log.position > position
    )
    if user.role == "client":
        if user.person_id is None:
            return None
        query = query.where(log.person_id == user.person_id, log.entity.in_(CLIENT_ENTITIES))
    elif user.role != "admin":
        query = query.outerjoin(Household, Household.id == log.household_id).where(
            or_(log.scope == "catalogue", and_(log.scope == "household", household_filter(user)))
        )
    return query.order_by(log.position).limit(limit) if limit is not None else query


def count_since(user: User, position: int) -> int:
    """How many changes after `position` are in `user`'s scope (removals included)."""
    query = _scoped(user, position, limit=None)
    total = 0
    if query is not None:
        total += db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    total += db.session.scalar(
        select(func.count()).where(SyncRemoval.user_id == user.id, SyncRemoval.position > position)
    ) or 0
    return int(total)


def changes_since(user: User, position: int, limit: int) -> Sequence[Change]:
    """Up to `limit` changes after `position` in `user`'s scope, whole records, by position."""
    entries: list[tuple[int, str, str, bool]] = []
    query = _scoped(user, position, limit)
    if query is not None:
        entries += [(pos, entity, eid, removed) for entity, eid, pos, removed in db.session.execute(query)]
    gone = (
        select(SyncRemoval.position, SyncRemoval.entity, SyncRemoval.entity_id)
        .where(SyncRemoval.user_id == user.id, SyncRemoval.position > position)
        .order_by(SyncRemoval.position)
        .limit(limit)
    )
    entries += [(pos, entity, eid, True) for pos, entity, eid in db.session.execute(gone)]
    entries.sort()
    entries = entries[:limit]
    wanted: dict[str, list[str]] = defaultdict(list)
    for _, entity, eid, removed in entries:
        if not removed and entity in MAPS:
            wanted[entity].append(eid)
    loaded: dict[tuple[str, str], Any] = {}
    for entity, ids in wanted.items():
        spec = MAPS[entity]
        for row in spec.load_rows(ids):
            key = str(getattr(row, "id", None) or getattr(row, "category", ""))
            loaded[(entity, key)] = row
    changes = []
    for pos, entity, eid, removed in entries:
        row = loaded.get((entity, eid))
        if removed or row is None:
            changes.append(Change(pos, entity, eid, "remove", {}, {}))
            continue
        stamps = {} if entity in ("conflict", "status_event") else dict(row.stamps or {})
        changes.append(Change(pos, entity, eid, "upsert", MAPS[entity].wire(row), stamps))
    return changes


def household_reassigned(
    household_id: uuid.UUID, lost: Iterable[uuid.UUID | None], gained: Iterable[uuid.UUID | None]
) -> None:
    """Call when a household's helpers change (in the same transaction as the change)."""
    session = db.session
    session.flush()
    keys = [
        (entity, eid)
        for entity, eid in session.execute(
            select(SyncChange.entity, SyncChange.entity_id).where(
                SyncChange.household_id == household_id
            )
        )
    ]
    if not keys:
        return
    for user_id in filter(None, lost):
        remove_for(session, user_id, keys)
    for user_id in filter(None, gained):
        session.execute(
            delete(SyncRemoval).where(
                SyncRemoval.user_id == user_id,
                tuple_(SyncRemoval.entity, SyncRemoval.entity_id).in_(keys),
            )
        )
    touch(session, keys)
