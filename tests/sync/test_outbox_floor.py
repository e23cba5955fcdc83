"""The push envelope's floor (sync/outbox_floor.py) against the shared cases in sync/vectors/floor/."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sync.conformance import VECTOR_DIR
from sync.outbox_floor import floor_of, raise_floor
from sync.registry import load_registry

DOC = json.loads((VECTOR_DIR / "floor" / "floor.json").read_text(encoding="utf-8"))


def test_the_cases_use_the_registry_seq_max() -> None:
    limits = getattr(load_registry(), "limits", None)
    if limits is not None:
        assert DOC["seq_max"] == limits.seq_max


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_floor_case(case: dict[str, Any]) -> None:
    acked, answered = raise_floor(case["acked"], set(case["answered"]), floor_of(case["envelope"], DOC["seq_max"]))
    assert {"acked": acked, "answered": sorted(answered)} == case["expect"]


def test_a_floor_never_lowers_acked_whatever_the_answered_seqs() -> None:
    for acked in range(0, 6):
        for floor in range(1, 9):
            got, _ = raise_floor(acked, {2, 3, 7}, floor)
            assert got >= acked and got >= floor - 1
