"""Scope keys that stay true while a push and a scope move commit side by side (PostgreSQL).

A row's keys are read from its household when it is flushed; under READ COMMITTED a push that
read a household before a reassignment committed writes the old helpers' keys, and a move
re-keys only the rows it can see. Both are put right under the counter, where commits are in
order and every earlier commit is visible (changelog.py):

- `lock_in_order`: before the counter, every row the commit renumbers is locked in key order,
  so whoever holds the counter waits for nobody (issue 9 E);
- `refresh`: under the counter, this commit's own rows take their household's current keys
  (a later mover sees them committed and re-keys them itself);
- `catch_up`: under the counter, a mover re-keys the rows others committed since its flush;
  rows still locked by a writer in flight are skipped (`SKIP LOCKED`): that writer refreshes
  them under the counter after this commit, so nobody waits while holding it.

SQLite lets one writer in at a time, so none of this is needed there.

Left open: a row a push committed with old keys, then held by a second writer in flight while
the mover commits (skipped), keeps the old keys if that second writer rolls back; it is put
right at the row's next write or the household's next move.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

Key = tuple[str, str]

_LOCK = text(
    "SELECT 1 FROM sync_change"
    " JOIN unnest(CAST(:entities AS varchar[]), CAST(:ids AS varchar[])) AS v(entity, entity_id)"
    " ON sync_change.entity = v.entity AND sync_change.entity_id = v.entity_id"
    " ORDER BY sync_change.entity, sync_change.entity_id FOR UPDATE OF sync_change"
)

#: Rows that follow their person's household (as `scope_keys.log_rows` keys them).
_FOLLOW_PERSON = "('person', 'status_event', 'recommendation')"

_REFRESH = text(
    "UPDATE sync_change AS c SET household_id = f.hid, subdistrict_id = f.sub,"
    " helper_id = f.a, partner_id = f.b"
    " FROM (SELECT c2.entity, c2.entity_id, h.id AS hid, h.subdistrict_id AS sub,"
    "   h.primary_helper_id AS a, h.partner_helper_id AS b"
    "   FROM unnest(CAST(:entities AS varchar[]), CAST(:ids AS varchar[])) AS v(entity, entity_id)"
    "   JOIN sync_change c2 ON c2.entity = v.entity AND c2.entity_id = v.entity_id"
    f"  LEFT JOIN person p ON p.id = c2.person_id AND c2.entity IN {_FOLLOW_PERSON}"
    "   JOIN household h ON h.id = COALESCE(p.household_id, c2.household_id)) AS f"
    " WHERE c.entity = f.entity AND c.entity_id = f.entity_id"
    " AND (c.household_id, c.subdistrict_id, c.helper_id, c.partner_id)"
    "   IS DISTINCT FROM (f.hid, f.sub, f.a, f.b)"
)

_CATCH_UP = text(
    "UPDATE sync_change SET household_id = :hid, subdistrict_id = :sub, helper_id = :a,"
    " partner_id = :b"
    " WHERE (entity, entity_id) IN (SELECT entity, entity_id FROM sync_change"
    "   WHERE {where} AND (household_id, subdistrict_id, helper_id, partner_id)"
    "   IS DISTINCT FROM (:hid, :sub, :a, :b) FOR UPDATE SKIP LOCKED)"
    " RETURNING entity, entity_id"
)
_BY_HOUSEHOLD = text(_CATCH_UP.text.format(where="household_id = :hid"))
_BY_PERSON = text(_CATCH_UP.text.format(
    where=f"person_id = :pid AND entity IN {_FOLLOW_PERSON}"))


def _arrays(keys: list[Key]) -> dict[str, list[str]]:
    return {"entities": [e for e, _ in keys], "ids": [i for _, i in keys]}


def lock_in_order(conn: Any, keys: list[Key]) -> None:
    """Lock the rows a commit will renumber, in key order (rows already ours: no wait)."""
    conn.execute(_LOCK, _arrays(sorted(keys)))


def refresh(conn: Any, keys: list[Key]) -> None:
    """This commit's rows take their household's keys as committed now."""
    conn.execute(_REFRESH, _arrays(keys))


def catch_up(conn: Any, moved: dict[tuple[str, Any], dict[str, Any]]) -> dict[tuple[str, Any], list[Key]]:
    """Re-key what others committed since this mover's flush: the rows changed, per move."""
    found: dict[tuple[str, Any], list[Key]] = {}
    for (kind, ident), values in moved.items():
        params = {"hid": values["household_id"], "sub": values["subdistrict_id"],
                  "a": values["helper_id"], "b": values["partner_id"]}
        if kind == "person":
            rows = conn.execute(_BY_PERSON, {**params, "pid": ident})
        else:
            rows = conn.execute(_BY_HOUSEHOLD, params)
        found[(kind, ident)] = [(e, i) for e, i in rows]
    return found
