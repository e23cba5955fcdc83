"""A commit-ordered version of the jobs and areas, so every worker's matching index sees changes.

Several workers on several hosts each keep an index of the open jobs (`server.matching_index`).
They must notice a job closed or changed by any of them within a second. A fingerprint such as
`(count, max(updated_at))` can miss a commit for good: `updated_at` is stamped at flush, so a
transaction that flushed first but commits last adds a job change without moving the maximum.

So every transaction that flushed a `Job` or an `Area` bumps the one-row `matching_version` at
commit (`UPDATE ... SET value = value + 1`). The row lock orders those transactions: the value a
reader sees grows with every such commit, and a reader that sees value V also sees every job
write committed before it. An index built after reading V (in a later statement, or the same
snapshot) holds at least V's jobs; a later commit changes the value, and the next look sees it.

Lock order: the bump runs in `before_commit` after the change log has taken `sync_counter`
(job rows are synced rows, so job writers take that lock first anyway), and it is the last
lock a transaction takes, so it can never be part of a cycle. It is held for milliseconds.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import Area, Job
from .models.matching_version import MatchingVersion
from .sync_store import changelog  # noqa: F401  (its before_commit hook must run before ours)

#: session.info key: this transaction flushed a job or an area.
_TOUCHED = "doorstep_matching_touched"


def current(session: Any) -> int:
    """The committed version (0 before the first job or area is ever written)."""
    return int(session.scalar(select(MatchingVersion.value).where(MatchingVersion.id == 1)) or 0)


def bump(session: Any) -> None:
    """Move the version on, in this transaction (made at first use)."""
    conn = session.connection()
    stmt = (update(MatchingVersion.__table__).where(MatchingVersion.id == 1)
            .values(value=MatchingVersion.value + 1))
    if conn.execute(stmt).rowcount == 0:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(insert(MatchingVersion.__table__).values(id=1, value=0)
                     .on_conflict_do_nothing(index_elements=["id"]))
        conn.execute(stmt)


@event.listens_for(Session, "after_flush")
def _note_catalogue_writes(session: Session, _context: Any) -> None:
    touched = itertools.chain(session.new, session.dirty, session.deleted)
    if any(isinstance(obj, Job | Area) for obj in touched):
        session.info[_TOUCHED] = True


@event.listens_for(Session, "before_commit")
def _bump_at_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()
    if session.info.pop(_TOUCHED, False):
        bump(session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TOUCHED, None)
