"""The pull cursor codec and page logic over the in-memory storage."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync import BadCursor, Cursor, Engine, MemoryStorage, decode_cursor, encode_cursor, pull
from sync.pull import page_limit

NOW = 1_763_700_000_000


@given(st.text(min_size=1, max_size=20), st.integers(min_value=0, max_value=2**53))
def test_cursor_round_trip(epoch: str, position: int) -> None:
    token = encode_cursor(Cursor(epoch, position))
    assert "=" not in token and "+" not in token and "/" not in token
    assert decode_cursor(token) == Cursor(epoch, position)


@pytest.mark.parametrize(
    "token", ["%%%", "bm90IGpzb24", "W10", "eyJlIjoxLCJzIjoyfQ", "eyJlIjoiYSIsInMiOi0xfQ"]
)
def test_garbled_cursor_is_rejected(token: str) -> None:
    with pytest.raises(BadCursor):
        decode_cursor(token)


@pytest.mark.parametrize(
    ("raw", "size"), [(None, 200), ("50", 50), (0, 1), (5000, 1000), ("x", 200), (True, 200)]
)
def test_page_limit(raw: object, size: int) -> None:
    assert page_limit(raw) == size


def make_households(storage: MemoryStorage, count: int) -> None:
    engine = Engine(storage)
    ops = [
        {
            "op_id": str(uuid.uuid4()),
            "client_id": "dev",
            "seq": n + 1,
            "hlc": f"{NOW + n:015d}:00000:dev",
            "entity": "household",
            "entity_id": str(uuid.uuid4()),
            "kind": "insert",
            "data": {"address": f"{n} Elm Rd"},
        }
        for n in range(count)
    ]
    engine.push({"protocol": 2, "client_id": "dev", "ops": ops}, NOW)


def test_pages_walk_the_log_and_stop() -> None:
    storage = MemoryStorage()
    make_households(storage, 5)
    seen, token, pages = [], None, 0
    while True:
        page = pull(storage, "dev", token, 2, NOW)
        seen += [c["id"] for c in page["changes"]]
        token, pages = page["cursor"], pages + 1
        if not page["has_more"]:
            break
    assert (len(seen), len(set(seen)), pages) == (5, 5, 3)
    assert page["acked_seq"] == 5
    assert pull(storage, "dev", token, 2, NOW)["changes"] == []


def test_reapplying_a_page_is_harmless() -> None:
    storage = MemoryStorage()
    make_households(storage, 3)
    first = pull(storage, "dev", None, 10, NOW)
    again = pull(storage, "dev", None, 10, NOW)
    assert first == again


@pytest.mark.parametrize("token", ["garbage!!", encode_cursor(Cursor("another-epoch", 3))])
def test_unknown_cursor_answers_reset_from_the_start(token: str) -> None:
    storage = MemoryStorage()
    make_households(storage, 2)
    page = pull(storage, "dev", token, 10, NOW)
    assert page["reset"] is True
    assert len(page["changes"]) == 2


def test_removal_is_pulled() -> None:
    storage = MemoryStorage()
    make_households(storage, 1)
    token = pull(storage, "dev", None, 10, NOW)["cursor"]
    household_id = next(iter(storage.snapshot()["records"]["household"]))
    storage.remove("household", household_id)
    changes = pull(storage, "dev", token, 10, NOW)["changes"]
    assert changes == [
        {"entity": "household", "id": household_id, "op": "remove", "data": {}, "stamps": {}}
    ]
