"""The field-class registry: entities, their fields and how each field merges.

It is read from ``sync/registry.json``, the one declaration shared with the JavaScript client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.errors import RegistryError
from sync.state_machines import Machine, machine_from_json

#: Where the shared registry lives.
REGISTRY_PATH = Path(__file__).with_name("registry.json")

FIELD_CLASSES = frozenset({"lww", "lww_review", "append_only", "state_machine", "server_only"})
ENTITY_KINDS = frozenset({"mutable", "append_only", "catalogue", "server", "conflict"})


@dataclass(frozen=True)
class Field:
    """One field of an entity and its merge class."""

    name: str
    #: One of :data:`FIELD_CLASSES`.
    cls: str
    #: The machine of a ``state_machine`` field.
    machine: Machine | None = None

    @property
    def has_history(self) -> bool:
        """Whether the merge replays a history (reviewed and state machine fields)."""
        return self.cls in ("lww_review", "state_machine")


@dataclass(frozen=True)
class Entity:
    """One syncable entity."""

    name: str
    #: One of :data:`ENTITY_KINDS`.
    kind: str
    fields: Mapping[str, Field]

    @property
    def device_writable(self) -> bool:
        """Catalogues and server-made entities are read only for devices."""
        return self.kind in ("mutable", "append_only", "conflict")


@dataclass(frozen=True)
class Limits:
    """Bounds on what a device may send, published so the phone checks them before saving.

    Sizes are counted the same way on both sides: text in code points (not UTF-16 units), an
    op in UTF-8 bytes of its compact JSON, depth with the op object itself at depth 1.
    """

    #: Largest ``seq`` (a 32-bit column on the server; exact in JavaScript too).
    seq_max: int
    #: Deepest nesting of an op (op = 1, ``data`` = 2, a list value = 3...).
    op_depth_max: int
    #: Largest op, in UTF-8 bytes of its compact JSON.
    op_bytes_max: int
    #: Most ops in one push.
    batch_ops_max: int
    #: Largest push body the phone should send (the server's default request size limit).
    push_bytes_max: int
    #: A visit cannot be dated after today; a clock this much fast still counts as today.
    visit_clock_skew_ms: int
    #: How far ahead a next follow-up may be set, in days.
    follow_up_ahead_days: int
    #: entity → field → longest text in code points (for a list of texts: each item).
    text: Mapping[str, Mapping[str, int]]

    def text_max(self, entity: str, name: str) -> int | None:
        """The longest text ``entity.name`` may hold, if it is a bounded text field."""
        return self.text.get(entity, {}).get(name)


def _limits(raw: Mapping[str, Any]) -> Limits:
    ints = {k: int(v) for k, v in raw.items() if k != "text"}
    text = {e: {f: int(n) for f, n in dict(fs).items()} for e, fs in dict(raw["text"]).items()}
    return Limits(**ints, text=text)


@dataclass(frozen=True)
class Registry:
    """The whole registry."""

    current_protocol: int
    accepted_protocols: frozenset[int]
    #: UUID namespace for deterministic ids (conflicts, status events).
    namespace: str
    max_skew_ms: int
    limits: Limits
    machines: Mapping[str, Machine]
    entities: Mapping[str, Entity]

    def entity(self, name: str) -> Entity | None:
        """The entity called ``name``, if it exists."""
        return self.entities.get(name)


def _field(name: str, raw: object, machines: Mapping[str, Machine]) -> Field:
    if isinstance(raw, str):
        cls, machine_name = raw, None
    elif isinstance(raw, Mapping):
        cls, machine_name = str(raw.get("class")), raw.get("machine")
    else:
        raise RegistryError(f"field {name}: bad declaration {raw!r}")
    if cls not in FIELD_CLASSES:
        raise RegistryError(f"field {name}: unknown class {cls}")
    machine = None
    if cls == "state_machine":
        if not isinstance(machine_name, str) or machine_name not in machines:
            raise RegistryError(f"field {name}: unknown machine {machine_name!r}")
        machine = machines[machine_name]
    return Field(name, cls, machine)


def registry_from_json(raw: Mapping[str, Any]) -> Registry:
    """Build a :class:`Registry` from the parsed JSON document."""
    machines = {name: machine_from_json(name, spec) for name, spec in dict(raw["machines"]).items()}
    entities: dict[str, Entity] = {}
    for name, spec in dict(raw["entities"]).items():
        kind = str(spec.get("kind"))
        if kind not in ENTITY_KINDS:
            raise RegistryError(f"entity {name}: unknown kind {kind}")
        fields = {f: _field(f, decl, machines) for f, decl in dict(spec["fields"]).items()}
        entities[name] = Entity(name, kind, fields)
    protocol = raw["protocol"]
    return Registry(
        current_protocol=int(protocol["current"]),
        accepted_protocols=frozenset(int(v) for v in protocol["accepted"]),
        namespace=str(raw["namespace"]),
        max_skew_ms=int(raw["max_skew_ms"]),
        limits=_limits(raw["limits"]),
        machines=machines,
        entities=entities,
    )


def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """Read and build the registry from ``path`` (default: the shared ``registry.json``)."""
    with path.open(encoding="utf-8") as handle:
        return registry_from_json(json.load(handle))
