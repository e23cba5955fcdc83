"""Whose pull sees which change: one `(key, position)` range scan per key of the puller.

A helper's scope is their households (as primary or partner) with everything in them, plus the
catalogues of their district; a supervisor's is their sub-district and the same catalogues; a
client's is their own file and recommendations (sync/PROTOCOL.md 7.1). Every log row carries
its keys (`scope_keys`), so a page is a merge of a few index range scans after the cursor, each
of which reads only rows it keeps: the cost follows the caseload, not the city. A scope move
re-keys the rows in the same transaction (the change-log hooks), so nothing here joins.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, literal, select, union_all

from sync.storage import Change

from ..extensions import db
from ..models import Area, User
from ..models.sync import SyncChange, SyncRemoval
from .mapping import MAPS
from .scope_keys import ALL, CITY_JOBS, CLIENT_ENTITIES, district_jobs

_LOG = SyncChange


def catalogues(user: User) -> list[str]:
    """The catalogue keys a staff user's phone holds: rules, trainings and policies, the open
    jobs with no district, and the open jobs of their own district."""
    keys = [ALL, CITY_JOBS]
    area = db.session.get(Area, user.area_id) if user.area_id else None
    district = None
    if area is not None:
        district = area.id if area.kind == "district" else area.parent_id
        if area.kind == "committee" and area.parent is not None:
            district = area.parent.parent_id
    if district is not None:
        keys.append(district_jobs(district))
    return keys


def _ranges(user: User) -> list[Any] | None:
    """One WHERE condition per index range of `user`'s scope (None: the whole log)."""
    if user.role == "admin":
        return None
    if user.role == "client":
        if user.person_id is None:
            return []
        return [(_LOG.person_id == user.person_id) & _LOG.entity.in_(CLIENT_ENTITIES)]
    keys: list[Any] = [_LOG.catalogue == key for key in catalogues(user)]
    if user.role == "helper":
        keys += [_LOG.helper_id == user.id, _LOG.partner_id == user.id]
    elif user.role == "supervisor" and user.area_id is not None:
        keys.append(_LOG.subdistrict_id == user.area_id)
    return keys


def page_query(user: User, position: int, limit: int) -> Any:
    """The page's SQL: each range's first `limit` after `position`, merged by position
    (PostgreSQL runs each as an index range scan on its `(key, position)` index)."""
    columns = (_LOG.position, _LOG.entity, _LOG.entity_id, _LOG.removed)
    ranges = _ranges(user)
    if ranges is None:
        return select(*columns).where(_LOG.position > position).order_by(_LOG.position).limit(limit)
    parts = [
        select(*columns).where(cond, _LOG.position > position).order_by(_LOG.position)
        .limit(limit).subquery(f"r{n}")
        for n, cond in enumerate(ranges or [literal(False)])
    ]
    merged = union_all(*[select(*part.c) for part in parts]).subquery("merged")
    return select(*merged.c).order_by(merged.c.position).limit(limit)


def count_query(user: User, position: int) -> Any:
    """The progress count's SQL: one index-only count per range, plus the user's removals."""
    ranges = _ranges(user)
    if ranges is None:
        ranges = [literal(True)]
    counts = [select(func.count()).where(cond, _LOG.position > position).scalar_subquery()
              for cond in ranges]
    counts.append(select(func.count()).where(
        SyncRemoval.user_id == user.id, SyncRemoval.position > position).scalar_subquery())
    return select(*counts)


def _page(user: User, position: int, limit: int) -> list[tuple[int, str, str, bool]]:
    """Up to `limit` log entries after `position`, by position, each row once."""
    found: dict[tuple[str, str], tuple[int, str, str, bool]] = {}
    for pos, entity, eid, removed in db.session.execute(page_query(user, position, limit)):
        found.setdefault((entity, eid), (pos, entity, eid, removed))
    return sorted(found.values())


def count_since(user: User, position: int) -> int:
    """How many changes after `position` are in `user`'s scope (removals included): counted
    on the same ranges as the page, so it costs the caseload's rows, never the city's."""
    return int(sum(v or 0 for v in db.session.execute(count_query(user, position)).one()))


def changes_since(user: User, position: int, limit: int) -> Sequence[Change]:
    """Up to `limit` changes after `position` in `user`'s scope, whole records, by position."""
    entries = _page(user, position, limit)
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
    """Call after changing a household's helpers (same transaction). The change-log hooks do
    the work at this flush, for this and every other path: the household's rows are re-keyed and
    moved up the log for whoever gained it, and whoever lost it pulls `remove` (`changelog`);
    `lost` and `gained` are what the caller already knows, and the hooks agree with them."""
    db.session.flush()
