"""Operations: parsing the wire shape and the checks that need only the op and the registry.

Rules 2-6 of PROTOCOL.md section 3 live here (the bounds of rule 2a in :mod:`sync.bounds`);
existence and scope (rules 7-8) need storage and live in the engine. Every failure is an
:class:`OpRejected` carrying the rejection code. Messages quote a value at most briefly: the
value may be megabytes long.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sync.bounds import Shape, check_bounds, check_text_lengths, shape_of
from sync.errors import InvalidStamp, OpRejected
from sync.hlc import Stamp, parse_stamp
from sync.registry import Entity, Field, Registry

KINDS = frozenset({"insert", "set", "transition", "resolve"})
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@dataclass
class Op:
    """One parsed operation. ``stamp`` may be replaced by the server clamp."""

    op_id: str
    client_id: str
    seq: int
    stamp: Stamp
    entity: str
    entity_id: str
    kind: str
    data: dict[str, Any]
    #: Per-field base stamps (protocol 2 ``set``); ``None`` for protocol 1.
    base: dict[str, str | None] | None = None
    protocol: int = 2
    #: Depth, size and text facts of the raw op, for the bounds of rule 2a.
    shape: Shape = field(default_factory=lambda: Shape(0, None, None, 0))


def _brief(value: object) -> str:
    """``repr`` cut short, for messages."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _is_uuid(value: object) -> bool:
    """Canonical 8-4-4-4-12 hex form only, so Python and JavaScript agree exactly."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def parse_op(raw: object, client_id: str, protocol: int) -> Op:
    """Check the shape of a raw op (rule 2) and build an :class:`Op`."""
    if not isinstance(raw, Mapping):
        raise OpRejected("invalid_op", "an op must be an object", {"op": ["not an object"]})
    errors: dict[str, list[str]] = {}
    for key in ("op_id", "entity_id"):
        if not _is_uuid(raw.get(key)):
            errors[key] = ["must be a UUID string"]
    if raw.get("client_id") != client_id:
        errors["client_id"] = ["must equal the push's client_id"]
    seq = raw.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        errors["seq"] = ["must be an integer >= 1"]
    stamp: Stamp | None = None
    try:
        stamp = parse_stamp(raw.get("hlc"))
        if stamp.node != client_id:
            errors["hlc"] = ["the stamp's node must be the client_id"]
    except InvalidStamp as exc:
        errors["hlc"] = [exc.message if len(exc.message) <= 120 else "not an HLC stamp"]
    if not isinstance(raw.get("entity"), str):
        errors["entity"] = ["must be a string"]
    if raw.get("kind") not in KINDS:
        errors["kind"] = [f"must be one of {sorted(KINDS)}"]
    if not isinstance(raw.get("data"), Mapping):
        errors["data"] = ["must be an object"]
    base = raw.get("base")
    if protocol < 2 or base is None:
        base = None
    elif not isinstance(base, Mapping) or not all(_is_stamp_or_null(v) for v in base.values()):
        errors["base"] = ["must map fields to stamps or null"]
    if errors or stamp is None:
        raise OpRejected("invalid_op", "the op is malformed", errors)
    return Op(
        op_id=str(raw["op_id"]),
        client_id=client_id,
        seq=int(raw["seq"]),
        stamp=stamp,
        entity=str(raw["entity"]),
        entity_id=str(raw["entity_id"]),
        kind=str(raw["kind"]),
        data=dict(raw["data"]),
        base=dict(base) if isinstance(base, Mapping) else None,
        protocol=protocol,
        shape=shape_of(raw),
    )


def _is_stamp_or_null(value: object) -> bool:
    if value is None:
        return True
    try:
        parse_stamp(value)
    except InvalidStamp:
        return False
    return True


def check_op(op: Op, registry: Registry) -> Entity:
    """Rules 2a-6: bounds, entity, kind, fields and values against the registry."""
    check_bounds(op.seq, op.shape, registry.limits)
    entity = registry.entity(op.entity)
    if entity is None:
        raise OpRejected("unknown_entity", f"unknown entity {_brief(op.entity)}")
    if not entity.device_writable:
        raise OpRejected("read_only", f"{op.entity} is read only for devices")
    allowed = {"append_only": {"insert"}, "conflict": {"resolve"}}.get(
        entity.kind, {"insert", "set", "transition"}
    )
    if op.kind not in allowed:
        raise OpRejected(
            "invalid_op",
            f"{op.entity} accepts only {sorted(allowed)}",
            {"kind": [f"must be one of {sorted(allowed)}"]},
        )
    if op.kind == "transition":
        _check_transition(op, entity)
    elif op.kind == "resolve":
        _check_resolve(op)
        check_text_lengths("conflict", {"comment": op.data.get("comment")}, registry.limits)
    else:
        for name, value in op.data.items():
            spec = _writable(entity, name)
            if op.kind == "set" and spec.cls not in ("lww", "lww_review"):
                raise OpRejected(
                    "invalid_op",
                    f"{name} cannot be set; use a transition",
                    {name: ["use a transition"]},
                )
            if spec.machine is not None and not spec.machine.is_initial(value):
                raise OpRejected(
                    "invalid_op", f"{_brief(value)} cannot start {name}", {name: ["bad state"]}
                )
        check_text_lengths(entity.name, op.data, registry.limits)
    return entity


def _writable(entity: Entity, name: str) -> Field:
    spec = entity.fields.get(name)
    if spec is None:
        message = f"{entity.name} has no field {_brief(name)}"
        raise OpRejected("unknown_field", message, {name: ["unknown"]})
    if spec.cls == "server_only":
        message = f"{entity.name}.{name} is set by the server"
        raise OpRejected("server_only_field", message, {name: ["server only"]})
    return spec


def _check_transition(op: Op, entity: Entity) -> None:
    name = op.data.get("field")
    if not isinstance(name, str):
        raise OpRejected("invalid_op", "transition needs a field", {"field": ["required"]})
    spec = _writable(entity, name)
    if spec.machine is None:
        raise OpRejected("invalid_op", f"{name} is not a state machine", {name: ["no machine"]})
    source, target = op.data.get("from"), op.data.get("to")
    if not spec.machine.is_state(source) or not spec.machine.is_state(target):
        raise OpRejected(
            "illegal_transition",
            f"{_brief(source)} → {_brief(target)} are not both states of {name}",
        )
    assert isinstance(source, str) and isinstance(target, str)
    if not spec.machine.is_legal(source, target):
        raise OpRejected("illegal_transition", f"{name} cannot move {source} → {target}")


def _check_resolve(op: Op) -> None:
    choice = op.data.get("choice")
    ok = isinstance(choice, str) or (isinstance(choice, Mapping) and "value" in choice)
    if not ok:
        raise OpRejected(
            "invalid_op", "resolve needs a choice", {"choice": ["an op_id or {value}"]}
        )
    comment = op.data.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise OpRejected("invalid_op", "comment must be a string", {"comment": ["string"]})
