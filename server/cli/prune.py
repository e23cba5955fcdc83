"""`flask prune`: delete the rows of the tables that only grow, where no phone can still need them.

Each rule below says why the rows it deletes are dead (docs/operations.md has the whole table,
including what is deliberately never pruned):

- `sync_result`: a stored result answers a re-sent op `duplicate`. A phone re-sends only what is
  still in its outbox, and it drops every op with `seq <= acked_seq` once a push answer reaches
  it (sync/PROTOCOL.md 6). So a result is dead when its seq is at or below its device's acked seq
  and it is older than the retention window, which covers an answer lost on the way and the
  phone re-sending the batch later. (A result without a seq belongs to an op the engine refused
  as malformed; re-sending one gets the same refusal.) Phones also keep answered ops for
  `SYNC_RETENTION_DAYS` (the backup window) and send them again after a restore
  (sync/PROTOCOL.md 6.1), so the window is never shorter than that: every op a phone
  may still send has its result, and is answered `duplicate`.
- `sync_quarantine`: an op a supervisor has decided (re-applied or dismissed) longer ago than
  the window; open ones are never deleted, as no typed text may be lost.
- `audit_log`: only when asked (`--audit-days`): how long the audit trail is kept is a policy
  decision, not a technical one.

Never pruned: field histories (`sync_field_write`: the merge replays a field's whole history in
stamp order, and a write from a phone that was offline for any length of time lands between old
entries, so no prefix is ever safe to drop), conflict records and status events (they are the
files' own history), and `sync_removal` (the server keeps no cursors, so it cannot know that
every device of a user has pulled a removal; there is one row per user and row lost, so it grows
with reassignments, not with time).

Rows go in batches, each its own short transaction, so a prune never holds locks for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import Select, delete, func, or_, select

from ..extensions import db
from ..models import AuditLog, utcnow
from ..models.sync import QuarantinedOp, SyncClient, SyncResult

#: Default retention window (days): longer than any phone stays offline with an answer lost.
RESULT_DAYS = 90
#: How long phones keep answered ops when `SYNC_RETENTION_DAYS` is not set (their default).
PHONE_RETENTION_DAYS = 14
#: Rows deleted per transaction.
BATCH = 5000


@dataclass(frozen=True)
class Rule:
    """Which rows of one table are dead: a select of their keys."""

    table: str
    column: Any
    keys: Select[Any]
    why: str


def rules(now: datetime, days: int, audit_days: int | None = None) -> list[Rule]:
    """The pruning rules for a window of `days` (and the audit trail's, if given)."""
    cutoff = now - timedelta(days=days)
    found = [
        Rule(
            "sync_result", SyncResult.op_id,
            select(SyncResult.op_id)
            .outerjoin(SyncClient, SyncClient.client_id == SyncResult.client_id)
            .where(SyncResult.created_at < cutoff,
                   or_(SyncResult.seq.is_(None), SyncResult.seq <= SyncClient.acked_seq)),
            f"op results older than {days} days that their device has had acknowledged",
        ),
        Rule(
            "sync_quarantine", QuarantinedOp.id,
            select(QuarantinedOp.id).where(QuarantinedOp.state != "open",
                                           QuarantinedOp.decided_at < cutoff),
            f"quarantined ops a supervisor decided more than {days} days ago",
        ),
    ]
    if audit_days is not None:
        found.append(Rule(
            "audit_log", AuditLog.id,
            select(AuditLog.id).where(AuditLog.at < now - timedelta(days=audit_days)),
            f"audit entries older than {audit_days} days",
        ))
    return found


def count(rule: Rule) -> int:
    return int(db.session.scalar(select(func.count()).select_from(rule.keys.subquery())) or 0)


def apply(rule: Rule, batch: int = BATCH) -> int:
    """Delete the rule's rows, `batch` at a time, committing each; returns how many went."""
    table = rule.column.class_.__table__
    column = table.c[rule.column.key]
    gone = 0
    while True:
        keys = list(db.session.scalars(rule.keys.limit(batch)))
        if not keys:
            return gone
        db.session.execute(delete(table).where(column.in_(keys)))
        db.session.commit()
        gone += len(keys)


@click.command("prune")
@click.option("--days", type=click.IntRange(min=1), default=RESULT_DAYS, show_default=True,
              help="Retention window for op results and decided quarantine entries.")
@click.option("--audit-days", type=click.IntRange(min=1), default=None,
              help="Also delete audit entries older than this (default: keep them all).")
@click.option("--batch", type=click.IntRange(min=1), default=BATCH, show_default=True,
              help="Rows deleted per transaction.")
@click.option("--dry-run", is_flag=True, help="Only count what would go.")
@with_appcontext
def prune(days: int, audit_days: int | None, batch: int, dry_run: bool) -> None:
    """Delete sync and audit rows no phone can still need (see docs/operations.md)."""
    kept_on_phones = int(current_app.config.get("SYNC_RETENTION_DAYS", PHONE_RETENTION_DAYS))
    if days < kept_on_phones:
        raise click.BadParameter(
            f"at least SYNC_RETENTION_DAYS ({kept_on_phones}): phones keep answered ops that "
            "long and send them again after a restore", param_hint="--days")
    for rule in rules(utcnow(), days, audit_days):
        if dry_run:
            click.echo(f"{rule.table}: {count(rule)} would go ({rule.why})")
        else:
            click.echo(f"{rule.table}: {apply(rule, batch)} deleted ({rule.why})")


commands = [prune]
