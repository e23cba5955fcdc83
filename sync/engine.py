"""The push engine: one op at a time, atomically, over a :class:`~sync.storage.Storage`.

Pure: it takes the request body and the server's time and returns the response body; the
server adapter supplies storage, maps :class:`~sync.errors.SyncError` to HTTP and fills user
attribution. Rules: PROTOCOL.md sections 3, 5, 6 and 7.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync.bounds import op_id_of, quarantine_copy, seq_of
from sync.conflicts import conflict_id, conflict_record, status_events
from sync.errors import InvalidRequest, OpRejected, SyncError, UnsupportedProtocol
from sync.hlc import clamp
from sync.merge import FieldWrite, Outcome, lww_wins, replay
from sync.operations import Op, check_op, parse_op
from sync.outbox_floor import floor_of
from sync.registry import Entity, Field, Registry, load_registry
from sync.storage import Record, Storage


def check_protocol(body: Mapping[str, Any], registry: Registry) -> int:
    """The protocol version of a request, or :class:`UnsupportedProtocol`."""
    version = body.get("protocol")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UnsupportedProtocol("the request must name its protocol version")
    if version not in registry.accepted_protocols:
        accepted = sorted(registry.accepted_protocols)
        raise UnsupportedProtocol(f"protocol {version} is not supported; use one of {accepted}")
    return version


class Engine:
    """Applies pushed operations to storage."""

    def __init__(self, storage: Storage, registry: Registry | None = None) -> None:
        self.storage = storage
        self.registry = registry if registry is not None else load_registry()

    def push(self, body: object, now_ms: int) -> dict[str, Any]:
        """Handle ``POST /api/sync/push``; raises only for a bad envelope or protocol."""
        if not isinstance(body, Mapping):
            raise InvalidRequest("the body must be an object")
        protocol = check_protocol(body, self.registry)
        client_id, ops = body.get("client_id"), body.get("ops")
        errors: dict[str, list[str]] = {}
        if not isinstance(client_id, str) or not client_id or ":" in client_id:
            errors["client_id"] = ["must be a non-empty string without ':'"]
        if not isinstance(ops, list):
            errors["ops"] = ["must be a list"]
        if errors:
            raise InvalidRequest("the push is malformed", errors)
        assert isinstance(client_id, str) and isinstance(ops, list)
        results = [self.push_op(raw, client_id, protocol, now_ms) for raw in ops]
        # Read before this push's floor applies, so a server that lost ops shows it (6.1).
        acked = self.storage.acked_seq(client_id)
        floor = floor_of(body, self.registry.limits.seq_max)
        if floor is not None:
            self.storage.raise_floor(client_id, floor)
        return {
            "protocol": self.registry.current_protocol,
            "server_time": now_ms,
            "acked_seq": acked,
            "results": results,
        }

    def push_op(self, raw: object, client_id: str, protocol: int, now_ms: int) -> dict[str, Any]:
        """Process one raw op inside its own unit of work and return its result."""
        # Only a short storable op_id and a bounded seq reach storage (PROTOCOL.md 3.1).
        op_id, seq = op_id_of(raw), seq_of(raw, self.registry.limits)
        with self.storage.atomic():
            if op_id is not None:
                stored = self.storage.get_result(op_id)
                if stored is not None:
                    return {**stored, "status": "duplicate", "original": stored["status"]}
            try:
                result = self._accept(raw, client_id, protocol, now_ms)
            except OpRejected as exc:
                result = {
                    "op_id": op_id,
                    "status": "rejected",
                    "code": exc.code,
                    "message": exc.message,
                }
                if exc.fields:
                    result["fields"] = exc.fields
                self.storage.quarantine_op(
                    quarantine_copy(raw, self.registry.limits), exc.code, exc.message,
                    self.household_of_raw(raw),
                )
            self.storage.save_result(client_id, seq, op_id, result)
        return result

    def _accept(self, raw: object, client_id: str, protocol: int, now_ms: int) -> dict[str, Any]:
        op = parse_op(raw, client_id, protocol)
        entity = check_op(op, self.registry)
        clamped = clamp(op.stamp, now_ms, op.seq, self.registry.max_skew_ms)
        op.stamp = clamped.stamp
        handler = {
            "insert": self._insert,
            "set": self._set,
            "transition": self._transition,
            "resolve": self._resolve,
        }[op.kind]
        result: dict[str, Any] = {"op_id": op.op_id}
        result.update(handler(op, entity, now_ms))
        if clamped.clamped:
            result["clamped"] = True
            result["skew_ms"] = clamped.skew_ms
        return result

    # -- scope -------------------------------------------------------------------------------

    def household_of(self, entity: str, entity_id: str, data: Mapping[str, Any]) -> str | None:
        """The household an op on ``entity``/``entity_id`` belongs to (PROTOCOL.md 7)."""
        if entity == "household":
            return entity_id
        spec = self.registry.entity(entity)
        if spec is None or spec.kind not in ("mutable", "append_only"):
            return None  # catalogues, server rows and unknown entities belong to no household
        record = self.storage.get_record(entity, entity_id)
        known = dict(record.data) if record is not None else {}
        known.update(data)
        if isinstance(known.get("household_id"), str):
            return str(known["household_id"])
        person_id = known.get("person_id")
        if isinstance(person_id, str):
            person = self.storage.get_record("person", person_id)
            if person is not None and isinstance(person.data.get("household_id"), str):
                return str(person.data["household_id"])
        return None

    def household_of_raw(self, raw: object) -> str | None:
        """The household of a raw, possibly malformed op, for the quarantine queue (a
        supervisor sees the ops of their sub-district); None when it names none."""
        if not isinstance(raw, Mapping):
            return None
        entity, entity_id, data = raw.get("entity"), raw.get("entity_id"), raw.get("data")
        if not isinstance(entity, str) or not isinstance(entity_id, str):
            return None
        try:
            if entity == "conflict":
                conflict = self.storage.get_conflict(entity_id)
                if conflict is None:
                    return None
                return self.household_of(
                    str(conflict["entity"]), str(conflict["entity_id"]), {}
                )
            return self.household_of(entity, entity_id, data if isinstance(data, Mapping) else {})
        except SyncError:
            return None

    def _late(self, op: Op, household_id: str | None, now_ms: int) -> dict[str, Any]:
        scope = self.storage.write_scope(op.client_id, household_id, now_ms)
        if scope == "out_of_scope":
            raise OpRejected("out_of_scope", f"household {household_id} is not in your caseload")
        return {"late": True} if scope == "grace" else {}

    # -- kinds -------------------------------------------------------------------------------

    def _insert(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        existing = self.storage.get_record(op.entity, op.entity_id)
        if existing is not None:
            if all(existing.data.get(k) == v for k, v in op.data.items()):
                return {"status": "duplicate"}
            raise OpRejected("id_exists", f"{op.entity} {op.entity_id} exists with other data")
        late = self._late(op, self.household_of(op.entity, op.entity_id, op.data), now_ms)
        hlc = op.stamp.encode()
        record = Record()
        for name, value in op.data.items():
            if not entity.fields[name].has_history:
                record.data[name], record.stamps[name] = value, hlc
        # Attribution the core knows; author_id is the adapter's (it knows the user).
        for name, value in (("late", bool(late)), ("device_id", op.client_id)):
            if name in entity.fields:
                record.data[name], record.stamps[name] = value, hlc
        for name, value in sorted(op.data.items()):
            spec = entity.fields[name]
            if spec.has_history:
                write = FieldWrite("insert", op.op_id, op.client_id, hlc, value)
                self._write_history(op.entity, op.entity_id, spec, record, write)
        self.storage.put_record(op.entity, op.entity_id, record)
        return {"status": "applied", **late}

    def _set(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        record = self._existing(op.entity, op.entity_id)
        late = self._late(op, self.household_of(op.entity, op.entity_id, {}), now_ms)
        hlc = op.stamp.encode()
        outcomes: dict[str, Outcome] = {}
        for name, value in sorted(op.data.items()):
            spec = entity.fields[name]
            if spec.cls == "lww":
                if lww_wins(hlc, record.stamps.get(name)):
                    record.data[name], record.stamps[name] = value, hlc
                continue
            base = op.base.get(name) if op.base is not None else None
            write = FieldWrite(
                "set", op.op_id, op.client_id, hlc, value, base=base, has_base=op.base is not None
            )
            outcomes[name] = self._write_history(op.entity, op.entity_id, spec, record, write)
        self.storage.put_record(op.entity, op.entity_id, record)
        return {**self._status(op, outcomes, len(op.data)), **late}

    def _transition(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        record = self._existing(op.entity, op.entity_id)
        late = self._late(op, self.household_of(op.entity, op.entity_id, {}), now_ms)
        spec = entity.fields[str(op.data["field"])]
        write = FieldWrite(
            "transition",
            op.op_id,
            op.client_id,
            op.stamp.encode(),
            op.data["to"],
            source=op.data["from"],
        )
        outcome = self._write_history(op.entity, op.entity_id, spec, record, write)
        self.storage.put_record(op.entity, op.entity_id, record)
        return {**self._status(op, {spec.name: outcome}, 1), **late}

    def _resolve(self, op: Op, entity: Entity, now_ms: int) -> dict[str, Any]:
        conflict = self.storage.get_conflict(op.entity_id)
        if conflict is None:
            raise OpRejected("not_found", f"no conflict {op.entity_id}")
        if conflict["state"] != "open":
            raise OpRejected("already_resolved", f"conflict {op.entity_id} is already resolved")
        target, target_id = str(conflict["entity"]), str(conflict["entity_id"])
        spec = self.registry.entities[target].fields[str(conflict["field"])]
        choice = op.data["choice"]
        if isinstance(choice, str):
            chosen = [c for c in conflict["candidates"] if c["op_id"] == choice]
            if not chosen:
                raise OpRejected(
                    "invalid_op", "choice is not a candidate", {"choice": ["not a candidate"]}
                )
            value = chosen[0]["to" if spec.cls == "state_machine" else "value"]
        else:
            value = choice["value"]
            if spec.machine is not None and not spec.machine.is_state(value):
                raise OpRejected(
                    "invalid_op", f"{value!r} is not a state", {"choice": ["not a state"]}
                )
        record = self._existing(target, target_id)
        late = self._late(op, self.household_of(target, target_id, {}), now_ms)
        comment = op.data.get("comment")
        write = FieldWrite(
            "resolve",
            op.op_id,
            op.client_id,
            op.stamp.encode(),
            value,
            conflict_id=op.entity_id,
            choice=choice,
            comment=comment if isinstance(comment, str) else None,
        )
        self._write_history(target, target_id, spec, record, write)
        self.storage.put_record(target, target_id, record)
        return {"status": "applied", **late}

    # -- shared steps ------------------------------------------------------------------------

    def _existing(self, entity: str, entity_id: str) -> Record:
        record = self.storage.get_record(entity, entity_id)
        if record is None:
            raise OpRejected("not_found", f"no {entity} {entity_id}")
        return record

    def _write_history(
        self, entity: str, entity_id: str, spec: Field, record: Record, write: FieldWrite
    ) -> Outcome:
        """Add ``write`` to the field history, replay it, store value, conflicts, events."""
        history = list(self.storage.field_history(entity, entity_id, spec.name))
        if not history and spec.name in record.stamps:
            stamp = record.stamps[spec.name]
            origin = FieldWrite(
                "origin", None, stamp.split(":", 2)[2], stamp, record.data.get(spec.name)
            )
            self.storage.add_field_write(entity, entity_id, spec.name, origin)
            history.append(origin)
        self.storage.add_field_write(entity, entity_id, spec.name, write)
        outcome = replay([*history, write], spec.cls)
        record.data[spec.name] = outcome.value
        if outcome.hlc is not None:
            record.stamps[spec.name] = outcome.hlc
        namespace = self.registry.namespace
        # A late write can fill a gap in a chain and dissolve a conflict an earlier arrival
        # order opened; the other orders never had it, so it must go for replicas to agree.
        kept = {r.index for r in outcome.rounds}
        for gone in replay(history, spec.cls).rounds:
            if gone.index not in kept:
                self.storage.remove_conflict(
                    conflict_id(namespace, entity, entity_id, spec.name, gone.index)
                )
        for conflict_round in outcome.rounds:
            self.storage.put_conflict(
                conflict_record(namespace, entity, entity_id, spec, conflict_round)
            )
        if spec.machine is not None and spec.machine.history == "status_event":
            for event in status_events(namespace, entity_id, outcome):
                self.storage.put_status_event(event)
        return outcome

    def _status(self, op: Op, outcomes: Mapping[str, Outcome], fields: int) -> dict[str, Any]:
        namespace = self.registry.namespace
        for name, outcome in sorted(outcomes.items()):
            conflict_round = outcome.round_of(op.op_id)
            if conflict_round is not None:
                return {
                    "status": "conflict",
                    "conflict_id": conflict_id(
                        namespace, op.entity, op.entity_id, name, conflict_round.index
                    ),
                }
        if (
            outcomes
            and len(outcomes) == fields
            and all(op.op_id in o.merged for o in outcomes.values())
        ):
            return {"status": "merged"}
        return {"status": "applied"}
