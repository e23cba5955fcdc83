"""Every aftercare vector (sync/vectors/aftercare/) and the staff walks against the Python rules."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sync.aftercare import due_contact, kept_at, schedule, step_table
from sync.outcomes import walk
from sync.registry import load_registry

VECTORS_ROOT = Path(__file__).resolve().parents[2] / "sync" / "vectors"
VECTORS = [json.loads(p.read_text("utf-8")) for p in sorted((VECTORS_ROOT / "aftercare").glob("*.json"))]
WALKS = json.loads((VECTORS_ROOT / "outcomes" / "walks.json").read_text("utf-8"))["cases"]


def test_the_vectors_cover_the_rule() -> None:
    assert len(VECTORS) >= 10
    states = {c["state"] for v in VECTORS for c in v["expected"]}
    assert states == {"done", "missed", "ended", "due", "overdue", "upcoming"}


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    steps = step_table(vector["steps"])
    today = date.fromisoformat(vector["today"])
    got = [c.to_wire() for c in schedule(vector["placement"], steps, vector["checks"], today)]
    assert got == vector["expected"]
    due = due_contact(vector["placement"], steps, vector["checks"], today)
    assert (due.to_wire() if due else None) == vector["due"]
    assert {k: kept_at(vector["placement"], int(k), today) for k in vector["kept"]} == vector["kept"]


@pytest.mark.parametrize("case", WALKS, ids=[f"{c['from']}->{c['to']}" for c in WALKS])
def test_walk(case: dict[str, Any]) -> None:
    raw = json.loads((VECTORS_ROOT.parent / "registry.json").read_text("utf-8"))
    path = walk(raw["machines"]["recommendation_state"]["transitions"], case["from"], case["to"])
    assert path == case["walk"]
    if path:  # every step of the walk is a move the machine allows
        machine = load_registry().machines["recommendation_state"]
        chain = [case["from"], *path]
        assert all(machine.is_legal(a, b) for a, b in itertools.pairwise(chain))


def test_a_staff_walk_from_recommended_to_applied_goes_through_interested() -> None:
    case = next(c for c in WALKS if (c["from"], c["to"]) == ("recommended", "applied"))
    assert case["walk"] == ["interested", "applied"]
