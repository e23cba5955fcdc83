"""Runs one JSON test vector against the Python core (shared by the tests and the builder)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sync import Engine, MemoryStorage, SyncError

#: Result keys compared by every runner; ``message`` and ``fields`` are human text.
RESULT_KEYS = ("op_id", "status", "code", "conflict_id", "original", "late", "clamped", "skew_ms")


def comparable(result: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a push result that vectors pin."""
    return {k: result[k] for k in RESULT_KEYS if k in result}


def run_order(vector: Mapping[str, Any], order: Sequence[int]) -> dict[str, Any]:
    """Push the vector's ops one at a time in ``order``; return what ``expect`` describes."""
    storage = MemoryStorage.from_state(vector.get("state", {}))
    engine = Engine(storage)
    results: list[dict[str, Any]] = []
    clients: list[str] = []
    for index in order:
        op = vector["ops"][index]
        client_id = op.get("client_id") if isinstance(op, Mapping) else None
        client_id = client_id if isinstance(client_id, str) else "device-x"
        clients.append(client_id)
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
        "acked_seq": {c: storage.acked_seq(c) for c in sorted(set(clients))},
        "quarantine": [q["code"] for q in storage.quarantined],
    }


def orders(vector: Mapping[str, Any]) -> list[list[int]]:
    """The natural order first, then any extra ``orders``."""
    natural = list(range(len(vector["ops"])))
    extra = [list(o) for o in vector.get("orders", []) if list(o) != natural]
    return [natural, *extra]
