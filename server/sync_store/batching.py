"""A sync batch's row updates in one statement per table.

The ORM groups the UPDATEs of a flush by the set of columns each row changed, in primary-key
order. A batch of 100 ops that sets phones on some persons, names or statuses on others, and
the last contact on a visit's members interleaves those sets: about 40 UPDATE statements, each
a round trip. While a batch flushes, every changed row of a table writes the union of the
columns changed in that table (the others with the value they already hold), so the ORM sends
one executemany per table.

Safe because the batch holds the rows it updates locked (`FOR NO KEY UPDATE` on PostgreSQL,
the write lock on SQLite): rewriting a value nobody else can change loses nothing. The hook
runs after the audit hook (registered on import of `server.audit`, imported here first), so
the audit log still records only the real changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

# Imported first so that its before_flush hook is registered before this module's.
from ..audit import written_columns

#: session.info key: set while a sync batch runs.
PAD = "doorstep_one_update_per_table"


@contextmanager
def one_update_per_table(session: Any) -> Iterator[None]:
    """Within the block, flushes write each table's changed rows with one statement."""
    session.info[PAD] = True
    try:
        yield
    finally:
        session.info.pop(PAD, None)


@event.listens_for(Session, "before_flush")
def _pad_updates(session: Session, flush_context: Any, instances: Any) -> None:
    if not session.info.get(PAD):
        return
    by_mapper: dict[Any, list[tuple[Any, set[str]]]] = {}
    for obj in session.dirty:
        state = inspect(obj)
        changed = set(written_columns(state))
        if changed:
            by_mapper.setdefault(state.mapper, []).append((state, changed))
    for rows in by_mapper.values():
        if len(rows) < 2:
            continue
        union = set().union(*(changed for _, changed in rows))
        for state, changed in rows:
            for key in union - changed:
                if key in state.dict:
                    flag_modified(state.obj(), key)
