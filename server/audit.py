"""Attribution: every change to a person's file records who, when, and from which device.

Requests (and the sync engine) set the acting user and device in a context variable; a
`before_flush` hook stamps `updated_by_id`/`updated_device` on changed rows and writes one
`AuditLog` row per created, changed or deleted row, in the same transaction as the change.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from .models import AuditLog
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
}
#: Never copied into the audit log.
SECRET_FIELDS = {"password_hash", "invitation_hash", "stamps"}


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    device_id: str | None


_actor: ContextVar[Actor | None] = ContextVar("doorstep_actor", default=None)


def current_actor() -> Actor | None:
    return _actor.get()


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


def _changes(obj: Any, created: bool) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SECRET_FIELDS or key in ("updated_at", "created_at", "updated_by_id"):
            continue
        hist = state.attrs[key].history
        if created:
            value = getattr(obj, key)
            if value is not None:
                out[key] = _plain(value)
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                out[key] = [_plain(old), _plain(new)]
    return out


def _entity_id(obj: Any) -> str:
    ident = inspect(obj).identity or (getattr(obj, "id", None) or getattr(obj, "category", ""),)
    return str(ident[0])


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    actor = _actor.get()
    rows: list[AuditLog] = []
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in list(objs):
            table = getattr(obj, "__tablename__", None)
            if table not in AUDITED:
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            if action == "create" and isinstance(obj, IdMixin) and obj.id is None:
                obj.id = uuid.uuid4()  # column defaults run at INSERT; the log needs it now
            if actor and isinstance(obj, StampMixin) and action != "delete":
                obj.updated_by_id = actor.user_id
                obj.updated_device = actor.device_id
            changes = _changes(obj, created=action == "create") if action != "delete" else {}
            if action == "update" and not changes:
                continue
            rows.append(
                AuditLog(
                    user_id=actor.user_id if actor else None,
                    device_id=actor.device_id if actor else None,
                    entity=table,
                    entity_id=_entity_id(obj),
                    action=action,
                    changes=changes,
                )
            )
    session.add_all(rows)
