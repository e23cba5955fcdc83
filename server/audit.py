"""Attribution: every change to a person's file records who, when, and from which device.

Requests (and the sync engine) set the acting user and device in a context variable; a
`before_flush` hook stamps `updated_by_id`/`updated_device` on changed rows and collects one
`AuditLog` row per created, changed or deleted row; `after_flush` inserts them in one statement,
in the same transaction (and savepoint) as the change.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from .models import AuditLog, utcnow
from .models.base import IdMixin, StampMixin

#: Tables whose changes are audited (the file and everything that shapes it).
AUDITED = {
    "area",
    "user_account",
    "household",
    "person",
    "status_event",
    "visit",
    "note",
    "job",
    "recommendation",
    "follow_up_rule",
    "training",
    "policy",
    # After the recommendation (issue 12) and beyond the door (issue 13). A post's deliveries
    # (hundreds per post, written in bulk) are not: the post is, and each answer is stamped.
    "placement",
    "retention_check",
    "retention_step",
    "attachment",
    "policy_case",
    "training_enrolment",
    "assistance_period",
    "employer",
    "enterprise_visit",
    "event",
    "event_participant",
    "job_group",
    "group_member",
    "group_post",
    "question",
}
#: session.info key of the log rows waiting for the end of the flush.
_PENDING = "doorstep_audit_rows"
#: Never copied into the audit log.
SECRET_FIELDS = {"password_hash", "invitation_hash", "stamps"}


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    device_id: str | None


_actor: ContextVar[Actor | None] = ContextVar("doorstep_actor", default=None)


def set_actor(user_id: uuid.UUID | None, device_id: str | None) -> None:
    _actor.set(Actor(user_id, device_id))


@contextlib.contextmanager
def acting_as(user_id: uuid.UUID | None, device_id: str | None) -> Iterator[None]:
    token = _actor.set(Actor(user_id, device_id))
    try:
        yield
    finally:
        _actor.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


#: Column keys per mapper, and which of them the log copies.
_COLUMNS: dict[Any, tuple[frozenset[str], frozenset[str]]] = {}
_SKIPPED = SECRET_FIELDS | {"updated_at", "created_at", "updated_by_id"}


def _columns(mapper: Any) -> tuple[frozenset[str], frozenset[str]]:
    found = _COLUMNS.get(mapper)
    if found is None:
        keys = frozenset(attr.key for attr in mapper.column_attrs)
        found = _COLUMNS[mapper] = (keys, frozenset(k for k in keys if k not in _SKIPPED))
    return found


def written_columns(state: Any) -> dict[str, Any]:
    """The columns the next flush writes for this instance → the value each replaces
    (`NO_VALUE` when it was never loaded). Read from the instance's own state rather than
    per-attribute history objects: the same answer, several times cheaper on a sync batch."""
    keys = _columns(state.mapper)[0]
    values = state.dict
    return {key: old for key, old in state.committed_state.items()
            if key in keys and (old is NO_VALUE or old is NEVER_SET or old != values.get(key))}


def _changes(obj: Any, created: bool) -> tuple[bool, dict[str, Any]]:
    """(whether any column changed, the logged changes)."""
    state = inspect(obj)
    logged = _columns(state.mapper)[1]
    values = state.dict
    if created:
        return True, {k: _plain(v) for k, v in values.items() if k in logged and v is not None}
    out: dict[str, Any] = {}
    modified = False
    for key, old in written_columns(state).items():
        if old is NO_VALUE or old is NEVER_SET:
            old = None
        new = values.get(key)
        if old != new:
            modified = True
            if key in logged:
                out[key] = [_plain(old), _plain(new)]
    return modified, out


def _entity_id(obj: Any) -> str:
    ident = inspect(obj).identity or (getattr(obj, "id", None) or getattr(obj, "category", ""),)
    return str(ident[0])


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    actor = _actor.get()
    rows: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
    at = utcnow()
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in list(objs):
            table = getattr(obj, "__tablename__", None)
            if table not in AUDITED:
                continue
            if action == "create" and isinstance(obj, IdMixin) and obj.id is None:
                obj.id = uuid.uuid4()  # column defaults run at INSERT; the log needs it now
            if action == "delete":
                changes: dict[str, Any] = {}
            else:
                modified, changes = _changes(obj, created=action == "create")
                if not modified:
                    continue
                if actor and isinstance(obj, StampMixin):
                    obj.updated_by_id = actor.user_id
                    obj.updated_device = actor.device_id
                if action == "update" and not changes:
                    continue
            rows.append({
                "id": uuid.uuid4(), "at": at,
                "user_id": actor.user_id if actor else None,
                "device_id": actor.device_id if actor else None,
                "entity": table, "entity_id": _entity_id(obj), "action": action, "changes": changes,
            })


@event.listens_for(Session, "after_flush")
def _write_log(session: Session, flush_context: Any) -> None:
    """The log rows of this flush, in one multi-row INSERT on the flush's connection."""
    rows = session.info.pop(_PENDING, None)
    if rows:
        session.connection().execute(insert(AuditLog.__table__), rows)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    """A flush that failed leaves rows behind; they must not reach the next one."""
    session.info.pop(_PENDING, None)
