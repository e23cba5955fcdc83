"""A file's history and the audit search, read from the audit log; and the log of who read a file.

`server/audit.py` writes one `AuditLog` row per created, changed or deleted row. This module is
the one reader of those rows, so that a file's history and the supervisor's search show the same
thing: who (by display name), when, from which device (by the label its user gave it, see
server/devices.py), and each field's old → new value. Secret fields never leave it, even from
rows written before the hook learned to skip them.

Who may read what is `server/scoping.py`'s rule, not a new one: the history of a person, a
household or a visit is shown to the staff who may open that file (a client's own view is
trimmed, so the history of the fields hidden from them is not theirs to read); the audit search
to admins (everything) and supervisors (rows of files and accounts in their sub-district).

Reading a file is logged too (`note_read`): personal-information law asks who looked at a
person's data, not only who changed it. A staff member opening a person's, household's or
visit's file over REST, or its history (old values, ID numbers included), writes one `read` row
(server/api/history.py lists those routes), at most once per `READ_EVERY` per file and user, so
a screen that re-opens a file does not flood the log. Sync pulls are not reads of a file: they replicate
a helper's own caseload onto their phone, and the caseload assignment is logged already.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select

from . import scoping
from .audit import SECRET_FIELDS
from .business_time import business_zone
from .errors import NotFound
from .extensions import db
from .models import (
    Area,
    AuditLog,
    AuthSession,
    Household,
    Note,
    Person,
    StatusEvent,
    User,
    Visit,
    utcnow,
)

#: Files that have a history screen, and the model each is read through.
FILES: dict[str, Any] = {"person": Person, "household": Household, "visit": Visit}
STAFF = ("admin", "supervisor", "helper")
#: A user's repeated opening of the same file is one `read` row per this long.
READ_EVERY = timedelta(minutes=30)
#: Bookkeeping columns every write touches: not a change anyone made on purpose.
_NOISE = SECRET_FIELDS | {"id", "updated_device", "updated_by_id", "updated_at", "created_at",
                          "hlc", "op_id", "device_id"}
FIELD_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
#: Fields holding the id of an account or an area: entries name them (`old_name`, `new_name`).
USER_FIELDS = frozenset({"primary_helper_id", "partner_helper_id", "helper_id", "author_id",
                         "by_user_id", "reviewed_by_id"})
AREA_FIELDS = frozenset({"committee_id", "subdistrict_id", "area_id", "parent_id"})


# --- whose rows ---------------------------------------------------------------------------------


def _uuid_text(column: Any) -> ColumnElement[str]:
    """A UUID column as the text the audit log keeps (`str(uuid)`), in SQL on either database:
    PostgreSQL casts a native uuid; SQLite keeps 32 hex digits, which get their hyphens back."""
    if db.session.get_bind().dialect.name != "sqlite":
        return cast(column, String)
    parts = [func.substr(column, start, length) for start, length in
             ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
    text: ColumnElement[str] = parts[0]
    for part in parts[1:]:
        text = text.op("||")("-").op("||")(part)
    return func.lower(text)


def _ids(query: Select[Any], column: Any) -> Select[Any]:
    return query.with_only_columns(_uuid_text(column)).order_by(None)


def open_file(user: User, entity: str, entity_id: uuid.UUID) -> Any:
    """The file, if `user` may read its history; else 404 (the answer for a missing file)."""
    model = FILES.get(entity)
    if model is None or user.role not in STAFF:
        raise NotFound("No file with that id.")
    query = {"person": scoping.persons, "household": scoping.households,
             "visit": scoping.visits}[entity](user)
    return scoping.get_one(query, model, entity_id)


def file_rows(entity: str, entity_id: uuid.UUID) -> Select[Any]:
    """The log rows of one file: its own rows, and those of the rows that belong to it only
    (a person's status changes and notes; a household's notes)."""
    key = str(entity_id)
    own = (AuditLog.entity == entity) & (AuditLog.entity_id == key)
    parts: list[ColumnElement[bool]] = [own]
    if entity == "person":
        parts.append((AuditLog.entity == "status_event") & AuditLog.entity_id.in_(
            _ids(select(StatusEvent).where(StatusEvent.person_id == entity_id), StatusEvent.id)))
        parts.append((AuditLog.entity == "note") & AuditLog.entity_id.in_(
            _ids(select(Note).where(Note.person_id == entity_id), Note.id)))
    elif entity == "household":
        parts.append((AuditLog.entity == "note") & AuditLog.entity_id.in_(
            _ids(select(Note).where(Note.household_id == entity_id, Note.person_id.is_(None)),
                 Note.id)))
    return select(AuditLog).where(or_(*parts))


def _in_scope(user: User) -> ColumnElement[bool] | None:
    """The audit rows a supervisor may search (None: all of them, for an admin)."""
    if user.role == "admin":
        return None
    scoped = {
        "household": _ids(scoping.households(user), Household.id),
        "person": _ids(scoping.persons(user), Person.id),
        "visit": _ids(scoping.visits(user), Visit.id),
        "note": _ids(scoping.notes(user), Note.id),
        "status_event": _ids(scoping.status_events(user), StatusEvent.id),
        "user_account": _ids(scoping.users(user), User.id),
    }
    return or_(*[(AuditLog.entity == name) & AuditLog.entity_id.in_(ids)
                 for name, ids in scoped.items()])


def _utc_start(day: date) -> datetime:
    """The instant the office's `day` begins, as stored (naive UTC)."""
    start = datetime.combine(day, time.min, tzinfo=business_zone())
    return start.astimezone(UTC).replace(tzinfo=None)


def search(user: User, filters: dict[str, Any]) -> Select[Any]:
    """Audit rows in `user`'s scope matching `filters`: `user_id`, `entity`, `entity_id`,
    `action`, `field` (rows that changed it), `since` / `until` (office days, inclusive)."""
    query = select(AuditLog)
    scope = _in_scope(user)
    if scope is not None:
        query = query.where(scope)
    for key in ("user_id", "entity", "action"):
        if filters.get(key) is not None:
            query = query.where(getattr(AuditLog, key) == filters[key])
    if filters.get("entity_id") is not None:
        query = query.where(AuditLog.entity_id == str(filters["entity_id"]))
    if filters.get("field"):
        # A key of the JSON object: `"name":` cannot occur inside a JSON string value (its
        # quotes would be escaped), and FIELD_NAME leaves no LIKE wildcards in the pattern.
        query = query.where(cast(AuditLog.changes, String).like(f'%"{filters["field"]}":%'))
    if filters.get("since") is not None:
        query = query.where(AuditLog.at >= _utc_start(filters["since"]))
    if filters.get("until") is not None:
        query = query.where(AuditLog.at < _utc_start(filters["until"] + timedelta(days=1)))
    return query


ORDER = (AuditLog.at.desc(), AuditLog.id.desc())


# --- rows into entries --------------------------------------------------------------------------


def _changes(row: AuditLog) -> list[dict[str, Any]]:
    """[{field, old, new}] without secrets or bookkeeping, in field order."""
    out = []
    for field, value in sorted((row.changes or {}).items()):
        if field in _NOISE:
            continue
        if row.action == "update" and isinstance(value, list) and len(value) == 2:
            out.append({"field": field, "old": value[0], "new": value[1]})
        else:
            out.append({"field": field, "old": None, "new": value})
    return out


def _names(rows: list[AuditLog], changes: list[list[dict[str, Any]]]) -> dict[str, str]:
    """id text -> display name, for the users who acted and the accounts and areas changed."""
    users = {str(row.user_id) for row in rows if row.user_id}
    areas: set[str] = set()
    for found in changes:
        for change in found:
            into = users if change["field"] in USER_FIELDS else (
                areas if change["field"] in AREA_FIELDS else None)
            if into is not None:
                into.update(str(v) for v in (change["old"], change["new"]) if v)
    names: dict[str, str] = {}
    for model, column, wanted in ((User, User.display_name, users), (Area, Area.name, areas)):
        keys = [key for key in (_key(text) for text in wanted) if key is not None]
        if keys:
            names.update((str(ident), name) for ident, name in db.session.execute(
                select(model.id, column).where(model.id.in_(keys))))
    return names


def _key(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _device_labels(rows: list[AuditLog]) -> dict[tuple[str, str], str]:
    """(user id, device id) -> the label of the session it came from. A phone's REST calls
    carry its device id and its pushes its sync client id: either names the session."""
    devices = {row.device_id for row in rows if row.device_id}
    users = {row.user_id for row in rows if row.user_id}
    if not devices or not users:
        return {}
    sessions = db.session.execute(
        select(AuthSession.user_id, AuthSession.device_id, AuthSession.client_id,
               AuthSession.label)
        .where(AuthSession.user_id.in_(users), AuthSession.label.is_not(None),
               or_(AuthSession.device_id.in_(devices), AuthSession.client_id.in_(devices)))
        .order_by(AuthSession.created_at)  # the newest label wins
    )
    labels: dict[tuple[str, str], str] = {}
    for user_id, device_id, client_id, label in sessions:
        for device in (device_id, client_id):
            if label and device and device in devices and device != "web":
                labels[(str(user_id), device)] = label
    return labels


def entries(rows: list[AuditLog]) -> list[dict[str, Any]]:
    """Log rows as people read them: names for users, labels for devices, old → new."""
    changes = [_changes(row) for row in rows]
    names = _names(rows, changes)
    labels = _device_labels(rows)
    for found in changes:
        for change in found:
            if change["field"] in USER_FIELDS | AREA_FIELDS:
                change["old_name"] = names.get(str(change["old"]))
                change["new_name"] = names.get(str(change["new"]))
    return [{
        "id": row.id, "at": row.at, "action": row.action,
        "entity": row.entity, "entity_id": row.entity_id,
        "user_id": row.user_id, "user_name": names.get(str(row.user_id)) if row.user_id else None,
        "device_id": row.device_id,
        "device_label": labels.get((str(row.user_id), row.device_id or "")),
        "changes": found,
    } for row, found in zip(rows, changes, strict=True)]


# --- reads --------------------------------------------------------------------------------------


def note_read(user: User, entity: str, entity_id: uuid.UUID, device: str) -> bool:
    """Log that `user` opened a file, unless they did within `READ_EVERY`. Returns whether a
    row was added; the caller commits. Clients opening their own file are not logged."""
    if user.role not in STAFF:
        return False
    now = utcnow()
    key = str(entity_id)
    recent = db.session.scalar(select(AuditLog.id).where(
        AuditLog.entity_id == key, AuditLog.entity == entity, AuditLog.user_id == user.id,
        AuditLog.action == "read", AuditLog.at >= now - READ_EVERY).limit(1))
    if recent is not None:
        return False
    db.session.add(AuditLog(at=now, user_id=user.id, device_id=device, entity=entity,
                            entity_id=key, action="read", changes={}))
    return True
