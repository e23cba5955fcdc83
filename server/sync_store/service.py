"""The server side of push and pull: the core's engine over `SqlStorage`, one transaction each.

A push locks its device row first (an upsert, so two first pushes of a new device both get it,
one after the other; on SQLite it also takes the write lock, so the reads that follow see the
latest data), runs the core engine with one SAVEPOINT per op, records the device's clock skew
and commits once. Before the engine looks at an op's values, `SqlStorage.authorize` asks the
policy about its fields and the scope of the row it changes (scope first). An op the database refuses after the core accepted it is
rolled back to its savepoint and then rejected and quarantined like any other, so one bad op
never blocks the ones behind it.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from sync.engine import Engine
from sync.errors import OpRejected, SyncError
from sync.operations import Op
from sync.pull import pull as core_pull
from sync.pull import start_position
from sync.registry import Entity, load_registry

from ..audit import acting_as
from ..errors import ApiError, Forbidden
from ..extensions import db
from ..limits import retention_ms
from ..models import User, utcnow
from ..models.sync import QuarantinedOp, SyncClient, SyncResult
from ..policy import Denied
from .batching import one_update_per_table
from .changelog import log_state
from .histories import SERVER_NODE
from .mapping import StoreRejected
from .prefetch import dialect
from .storage import SqlStorage

REGISTRY = load_registry()
#: Attempts at a push that PostgreSQL aborted as a deadlock or serialisation failure.
RETRIES = 3


class ServerEngine(Engine):
    """The core engine, plus: database refusals become rejections after their rollback."""

    storage: SqlStorage

    def __init__(self, storage: SqlStorage) -> None:
        super().__init__(storage, REGISTRY)

    def _authorized(self, op: Op) -> None:
        try:
            self.storage.authorize(op)
        except Denied as exc:
            raise OpRejected(exc.sync_code, exc.message, exc.fields or None) from exc

    def _insert(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        self._authorized(op)
        return super()._insert(op, entity, now_ms)

    def _set(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        self._authorized(op)
        return super()._set(op, entity, now_ms)

    def _transition(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        self._authorized(op)
        return super()._transition(op, entity, now_ms)

    def _resolve(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        self._authorized(op)
        return super()._resolve(op, entity, now_ms)

    def push_op(self, raw: object, client_id: str, protocol: int, now_ms: int) -> dict[str, Any]:
        try:
            return super().push_op(raw, client_id, protocol, now_ms)
        except StoreRejected as exc:
            if self.storage.fast:
                raise  # the batch is redone op by op
            fields = raw if isinstance(raw, dict) else {}
            op_id = fields.get("op_id") if isinstance(fields.get("op_id"), str) else None
            seq = fields.get("seq")
            seq = seq if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1 else None
            result: dict[str, Any] = {
                "op_id": op_id, "status": "rejected", "code": exc.code, "message": exc.message,
            }
            if exc.fields:
                result["fields"] = exc.fields
            with self.storage.atomic():
                self.storage.quarantine_op(raw, exc.code, exc.message, self.household_of_raw(raw))
                self.storage.save_result(client_id, seq, op_id, result)
            return result


def _as_api_error(exc: SyncError) -> ApiError:
    return ApiError(exc.message, code=exc.code, status=exc.http_status, fields=exc.fields)


def claim_client(user: User, client_id: str) -> SyncClient:
    """Lock (or register) the device row; a device belongs to the user who first synced it.

    One upsert: a second first push of a new device waits for the first one's row and then
    updates it, where an UPDATE-else-INSERT let both insert and one fail on the unique key.
    """
    now = utcnow()
    dialect_insert = postgresql.insert if dialect() == "postgresql" else sqlite.insert
    db.session.execute(
        dialect_insert(SyncClient)
        .values(client_id=client_id, user_id=user.id, first_seen=now, last_seen=now)
        .on_conflict_do_update(index_elements=[SyncClient.client_id], set_={"last_seen": now})
    )
    client = db.session.get(SyncClient, client_id, populate_existing=True)
    assert client is not None
    if client.user_id != user.id:
        raise Forbidden(
            "This device is registered to another account; sign in again to get a new device id.",
            code="device_mismatch",
        )
    return client


def push(user: User, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
    """Handle a validated push envelope; commits.

    First the whole batch runs in one SAVEPOINT without one per op (the fast path: a batch of
    100 ops then costs a handful of multi-row statements). If anything goes wrong in the
    database there, the batch is rolled back and redone op by op, each in its own SAVEPOINT,
    so the op at fault is rejected and quarantined alone. Both paths give the same results:
    the core checks an op fully before it writes anything.
    """
    for attempt in range(1, RETRIES + 1):
        try:
            return _push_once(user, body, now_ms)
        except OperationalError as exc:
            # Two phones' batches deadlocked (or a snapshot went stale): PostgreSQL undid one;
            # run it again from the start, it is idempotent.
            code = getattr(exc.orig, "sqlstate", None)
            if code not in ("40P01", "40001") or attempt == RETRIES:
                raise
            current_app.logger.warning("push from %s redone after %s (attempt %d)",
                                       body.get("client_id"), code, attempt)
            db.session.rollback()
            user = db.session.get(User, user.id) or user
    raise AssertionError("unreachable")


def _push_once(user: User, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
    client_id = str(body["client_id"])
    client = claim_client(user, client_id)
    ops = body.get("ops") or []
    batch = db.session.begin_nested()
    try:
        with one_update_per_table(db.session):
            storage, response = _run(user, client, body, ops, now_ms, fast=True)
            storage.write_results()
            db.session.flush()
        batch.commit()
    except OperationalError:
        raise  # a deadlock or a lost connection: the whole push is retried or fails
    except (StoreRejected, SQLAlchemyError):
        batch.rollback()
        # Rows read inside the savepoint may hold values it rolled back (a Core UPDATE of the
        # fast attempt, read back by the ORM): everything was flushed before the savepoint began,
        # so expiring reloads the truth and loses nothing.
        db.session.expire_all()
        storage, response = _run(user, client, body, ops, now_ms, fast=False)
    storage.end_client(client)
    skews = [r["skew_ms"] for r in response["results"] if r.get("clamped")]
    if skews:
        client.last_skew_ms = max(skews)
    db.session.commit()
    response["retention_ms"] = retention_ms()
    return response


def _run(
    user: User, client: SyncClient, body: dict[str, Any], ops: list[Any], now_ms: int, fast: bool
) -> tuple[SqlStorage, dict[str, Any]]:
    storage = SqlStorage(user, client.client_id, REGISTRY)
    storage.fast = fast
    storage.begin_client(client)
    storage.prefetch_results(
        [op["op_id"] for op in ops if isinstance(op, dict) and isinstance(op.get("op_id"), str)]
    )
    storage.prefetch(ops)
    try:
        with acting_as(user.id, client.client_id):
            response = ServerEngine(storage).push(body, now_ms)
            # Flushed here, so the audit hook stamps the push's updates with this device.
            db.session.flush()
            return storage, response
    except SyncError as exc:
        raise _as_api_error(exc) from exc


def pull(user: User, client_id: str | None, cursor: str | None, limit: object, now_ms: int) -> dict[str, Any]:
    """Handle a pull: one page of the caller's scope after the cursor. Writes nothing.

    One query answers "is there anything new at all" (epoch, last position, the device's
    owner and acked seq), so the frequent empty pull costs a single round trip. Only when
    there is something to send is the page read, on PostgreSQL in one REPEATABLE READ
    snapshot (the log query and the rows it names agree).
    """
    epoch, last, owner, acked = log_state(db.session, client_id)
    if owner is not None and owner != user.id:
        raise Forbidden("This device is registered to another account.", code="device_mismatch")
    position, _ = start_position(cursor, epoch)
    if position < last and db.session.get_bind().dialect.name == "postgresql":
        user_id = user.id
        db.session.rollback()
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        user = db.session.get(User, user_id) or user
    storage = SqlStorage(user, client_id or "", REGISTRY)
    storage.known_acked(client_id or "", acked)
    storage.known_log(epoch, last)
    # A cursor ahead of the log means the database went back in time (a restore): start over.
    restored = position > last
    body = core_pull(storage, client_id or "", None if restored else cursor, limit, now_ms,
                     REGISTRY.current_protocol)
    body["reset"] = body["reset"] or restored
    body["retention_ms"] = retention_ms()
    db.session.rollback()
    return body


def server_op(user: User, raw: dict[str, Any], now_ms: int) -> dict[str, Any]:
    """Apply one op the server makes on `user`'s behalf (an API resolution); not quarantined."""
    storage = SqlStorage(user, SERVER_NODE, REGISTRY, quarantine=False)
    with acting_as(user.id, SERVER_NODE):
        result = ServerEngine(storage).push_op(raw, SERVER_NODE, REGISTRY.current_protocol, now_ms)
    return result


def reapply(supervisor: User, row: QuarantinedOp, now_ms: int) -> dict[str, Any]:
    """Run a quarantined op again with its author's rights, on the supervisor's word.

    The author's role, fields and scope decide exactly as on the first push; the supervisor
    only vouches for the author's own former households (past the grace window, or edits made
    after the reassignment), and only those in the supervisor's own scope. An author who no
    longer has an active account cannot have their op re-applied.
    """
    raw = row.raw
    author = db.session.get(User, row.user_id) if row.user_id else None
    if author is None or not author.is_active:
        result = {"op_id": raw.get("op_id") if isinstance(raw, dict) else None,
                  "status": "rejected", "code": "author_inactive",
                  "message": "the author of this op no longer has an active account"}
        row.result = result
        return result
    op_id = raw.get("op_id") if isinstance(raw, dict) else None
    if isinstance(op_id, str):
        stored = db.session.get(SyncResult, op_id)
        if stored is not None:
            db.session.delete(stored)
            db.session.flush()
    storage = SqlStorage(author, row.client_id, REGISTRY, reapply=row, voucher=supervisor)
    with acting_as(supervisor.id, row.client_id):
        result = ServerEngine(storage).push_op(raw, row.client_id, REGISTRY.current_protocol, now_ms)
    row.result = result
    if result["status"] != "rejected":
        row.state = "reapplied"
        row.decided_by_id, row.decided_at = supervisor.id, utcnow()
    return result
