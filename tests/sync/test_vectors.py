"""Every shared vector in sync/vectors/ against the Python core and the in-memory storage."""

from __future__ import annotations

from typing import Any

import pytest

from sync.conformance import VECTOR_DIR, check_vector, load_vectors

VECTORS = load_vectors()


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 45


def test_vector_names_match_files() -> None:
    stems = [p.stem.split("_", 1)[1] for p in sorted(VECTOR_DIR.glob("*.json"))]
    assert stems == [v["name"] for v in VECTORS]


def test_every_vector_declares_the_documented_keys() -> None:
    for vector in VECTORS:
        assert {"name", "description", "now", "ops", "expect"} <= vector.keys()
        assert set(vector["expect"]) == {
            "results",
            "state",
            "conflicts",
            "status_events",
            "acked_seq",
            "quarantine",
        }


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    assert check_vector(vector) == []
