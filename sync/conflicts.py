"""Records derived from a replay: conflict records and status events, with deterministic ids.

Both are recomputed from the whole field history after every write and upserted, so every
replica derives the same records whatever the arrival order (PROTOCOL.md 5.2 and 5.3).
"""

from __future__ import annotations

import uuid
from typing import Any

from sync.merge import FieldWrite, Outcome, Round
from sync.registry import Field


def conflict_id(namespace: str, entity: str, entity_id: str, field: str, index: int) -> str:
    """``uuid5(NS, "{entity}/{entity_id}/{field}/{round}")``: stable while candidates join."""
    return str(uuid.uuid5(uuid.UUID(namespace), f"{entity}/{entity_id}/{field}/{index}"))


def status_event_id(namespace: str, op_id: str) -> str:
    """``uuid5(NS, "status_event/" + op_id)``: one event per write, whatever the arrival order."""
    return str(uuid.uuid5(uuid.UUID(namespace), f"status_event/{op_id}"))


def _wall(hlc: str) -> int:
    return int(hlc.split(":", 1)[0])


def _candidate(write: FieldWrite, cls: str) -> dict[str, Any]:
    out: dict[str, Any] = {"op_id": write.op_id, "client_id": write.client_id, "hlc": write.hlc}
    if cls == "state_machine":
        out["from"] = write.source
        out["to"] = write.value
    else:
        out["value"] = write.value
    return out


def conflict_record(
    namespace: str, entity: str, entity_id: str, spec: Field, conflict_round: Round
) -> dict[str, Any]:
    """The conflict record of one round."""
    candidates = sorted(conflict_round.candidates, key=lambda w: (w.hlc, w.op_id or ""))
    resolution = conflict_round.resolution
    return {
        "id": conflict_id(namespace, entity, entity_id, spec.name, conflict_round.index),
        "entity": entity,
        "entity_id": entity_id,
        "field": spec.name,
        "kind": spec.cls,
        "round": conflict_round.index,
        "candidates": [_candidate(c, spec.cls) for c in candidates],
        "winner": candidates[-1].op_id,
        "state": "open" if resolution is None else "resolved",
        "resolution": None
        if resolution is None
        else {
            "op_id": resolution.op_id,
            "choice": resolution.choice,
            "value": resolution.value,
            "comment": resolution.comment,
        },
        "resolved_by": None if resolution is None else resolution.client_id,
        "resolved_at": None if resolution is None else _wall(resolution.hlc),
    }


def status_events(namespace: str, person_id: str, outcome: Outcome) -> list[dict[str, Any]]:
    """One ``status_event`` per write of an op (origins without op have none)."""
    events = []
    for write in outcome.order:
        if write.op_id is None:
            continue
        source = write.source if write.kind == "transition" else outcome.before[write.key]
        events.append(
            {
                "id": status_event_id(namespace, write.op_id),
                "person_id": person_id,
                "from_status": source,
                "to_status": write.value,
                "at": _wall(write.hlc),
                "by_user_id": None,
                "device_id": write.client_id,
                "op_id": write.op_id,
                "superseded": write.key in outcome.superseded,
            }
        )
    return events
