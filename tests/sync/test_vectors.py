"""Every shared vector in sync/vectors/ against the Python core and the in-memory storage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from vector_runner import orders, run_order

VECTOR_DIR = Path(__file__).resolve().parents[2] / "sync" / "vectors"
FILES = sorted(VECTOR_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_enough_vectors() -> None:
    assert len(FILES) >= 45


def test_vector_names_match_files() -> None:
    for path in FILES:
        assert path.stem.split("_", 1)[1] == load(path)["name"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_vector(path: Path) -> None:
    vector = load(path)
    first, *others = orders(vector)
    assert run_order(vector, first) == vector["expect"]
    for order in others:
        got = run_order(vector, order)
        for key in ("state", "conflicts", "status_events"):
            assert got[key] == vector["expect"][key], f"order {order}: {key}"
