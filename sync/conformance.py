"""Runs the shared test vectors (``sync/vectors/*.json``) against any storage.

The Python tests run them over :class:`~sync.memory.MemoryStorage`; the server can run the very
same files over its SQLAlchemy storage by passing its own factory, which must load a vector's
``state`` and answer the two inspection calls of :class:`Inspectable`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from sync.engine import Engine
from sync.errors import SyncError
from sync.memory import MemoryStorage
from sync.storage import Storage

#: Where the shared vectors live.
VECTOR_DIR = Path(__file__).with_name("vectors")
#: Result keys compared by every runner; ``message`` and ``fields`` are human text.
RESULT_KEYS = ("op_id", "status", "code", "conflict_id", "original", "late", "clamped", "skew_ms")


class Inspectable(Storage, Protocol):
    """A storage the runner can compare with a vector's expectations."""

    def snapshot(self) -> dict[str, Any]:
        """``{"records": {entity: {id: {data, stamps}}}, "conflicts": [...by id],
        "status_events": [...by id]}``."""
        ...

    @property
    def quarantined(self) -> list[dict[str, Any]]:
        """Quarantined ops, oldest first, each with its ``code``."""
        ...


def load_vectors(directory: Path = VECTOR_DIR) -> list[dict[str, Any]]:
    """Every vector, in file name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


def comparable(result: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a push result that vectors pin."""
    return {k: result[k] for k in RESULT_KEYS if k in result}


def orders(vector: Mapping[str, Any]) -> list[list[int]]:
    """The natural order first, then any extra ``orders``."""
    natural = list(range(len(vector["ops"])))
    extra = [list(o) for o in vector.get("orders", []) if list(o) != natural]
    return [natural, *extra]


def run_order(
    vector: Mapping[str, Any],
    order: Sequence[int],
    factory: Callable[[Mapping[str, Any]], Inspectable] = MemoryStorage.from_state,
) -> dict[str, Any]:
    """Push the vector's ops one at a time in ``order``; return what ``expect`` describes."""
    storage = factory(vector.get("state", {}))
    engine = Engine(storage)
    results: list[dict[str, Any]] = []
    clients: set[str] = set()
    for index in order:
        op = vector["ops"][index]
        client_id = op.get("client_id") if isinstance(op, Mapping) else None
        client_id = client_id if isinstance(client_id, str) else "device-x"
        clients.add(client_id)
        body = {"protocol": vector.get("protocol", 2), "client_id": client_id, "ops": [op]}
        try:
            response = engine.push(body, vector["now"])
        except SyncError as exc:
            results.append({"error": exc.code})
            continue
        results.extend(comparable(r) for r in response["results"])
    snapshot = storage.snapshot()
    return {
        "results": results,
        "state": snapshot["records"],
        "conflicts": snapshot["conflicts"],
        "status_events": snapshot["status_events"],
        "acked_seq": {c: storage.acked_seq(c) for c in sorted(clients)},
        "quarantine": [q["code"] for q in storage.quarantined],
    }


def check_vector(
    vector: Mapping[str, Any],
    factory: Callable[[Mapping[str, Any]], Inspectable] = MemoryStorage.from_state,
) -> list[str]:
    """Differences between the vector's expectations and the engine over ``factory``."""
    problems = []
    first, *others = orders(vector)
    got = run_order(vector, first, factory)
    for key, expected in vector["expect"].items():
        if got.get(key) != expected:
            problems.append(f"{vector['name']}: {key} differs")
    for order in others:
        again = run_order(vector, order, factory)
        for key in ("state", "conflicts", "status_events"):
            if again[key] != vector["expect"][key]:
                problems.append(f"{vector['name']}: order {order}: {key} differs")
    return problems
