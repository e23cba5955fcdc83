"""Property: any arrival order of the same ops converges, and replaying an outbox is a no-op."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sync import Engine, MemoryStorage

NOW = 1_763_700_000_000
HH, P, REC = (str(uuid.uuid5(uuid.NAMESPACE_DNS, n)) for n in ("hh", "person", "rec"))
S0 = f"{NOW - 10_000:015d}:00000:server"
DEVICES = ("dev-a", "dev-b", "dev-c", "dev-d", "dev-e", "sup")
STATUSES = ("studying", "seeking", "internship", "employed", "further_study")
REC_MOVES = (
    ("viewed", "interested"),
    ("viewed", "declined"),
    ("interested", "applied"),
    ("declined", "interested"),
    ("interested", "declined"),
    ("applied", "hired"),
)
STATE = {
    "records": {
        "household": {HH: {"data": {"address": "1 Elm"}, "stamps": {"address": S0}}},
        "person": {
            P: {
                "data": {"household_id": HH, "name": "Li", "phone": "111", "status": "seeking"},
                "stamps": {"household_id": S0, "name": S0, "phone": S0, "status": S0},
            }
        },
        "recommendation": {
            REC: {
                "data": {"person_id": P, "state": "viewed"},
                "stamps": {"person_id": S0, "state": S0},
            }
        },
    }
}


@st.composite
def op_specs(draw: st.DrawFn) -> dict[str, Any]:
    """One op without identity: device, time, and what it does."""
    choice = draw(st.sampled_from(["name", "phone", "address", "status", "rec"]))
    spec: dict[str, Any] = {
        "device": draw(st.sampled_from(DEVICES)),
        "wall": NOW + draw(st.integers(0, 20)),
        "counter": draw(st.integers(0, 2)),
    }
    if choice in ("name", "phone"):
        spec.update(
            entity="person",
            entity_id=P,
            kind="set",
            data={choice: draw(st.sampled_from(["x", "y", "z"]))},
        )
    elif choice == "address":
        spec.update(
            entity="household",
            entity_id=HH,
            kind="set",
            data={"address": draw(st.sampled_from(["2 Elm", "3 Elm"]))},
        )
    elif choice == "status":
        src, dst = draw(st.lists(st.sampled_from(STATUSES), min_size=2, max_size=2, unique=True))
        spec.update(
            entity="person",
            entity_id=P,
            kind="transition",
            data={"field": "status", "from": src, "to": dst},
        )
    else:
        src, dst = draw(st.sampled_from(REC_MOVES))
        spec.update(
            entity="recommendation",
            entity_id=REC,
            kind="transition",
            data={"field": "state", "from": src, "to": dst},
        )
    if spec["kind"] == "set":
        field = next(iter(spec["data"]))
        spec["base"] = {field: draw(st.sampled_from([S0, None, "previous"]))}
    return spec


def build_ops(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give the specs identities: unique stamps, per-device seqs, bases pointing back."""
    seqs: Counter[str] = Counter()
    used: set[tuple[int, int, str]] = set()
    ops: list[dict[str, Any]] = []
    for n, spec in enumerate(specs):
        device, wall, counter = spec["device"], spec["wall"], spec["counter"]
        while (wall, counter, device) in used:
            counter += 1
        used.add((wall, counter, device))
        seqs[device] += 1
        op = {
            "op_id": str(uuid.uuid5(uuid.NAMESPACE_OID, str(n))),
            "client_id": device,
            "seq": seqs[device],
            "hlc": f"{wall:015d}:{counter:05d}:{device}",
            "entity": spec["entity"],
            "entity_id": spec["entity_id"],
            "kind": spec["kind"],
            "data": spec["data"],
        }
        if "base" in spec:
            field, base = next(iter(spec["base"].items()))
            if base == "previous":
                base = ops[-1]["hlc"] if ops else None
            op["base"] = {field: base}
        ops.append(op)
    return ops


def push_all(ops: list[dict[str, Any]]) -> tuple[MemoryStorage, list[dict[str, Any]]]:
    storage = MemoryStorage.from_state(STATE)
    engine = Engine(storage)
    results = []
    for op in ops:
        body = {"protocol": 2, "client_id": op["client_id"], "ops": [op]}
        results += engine.push(body, NOW)["results"]
    return storage, results


@settings(max_examples=150, deadline=None)
@given(
    st.lists(op_specs(), min_size=1, max_size=8)
    .map(build_ops)
    .flatmap(lambda ops: st.tuples(st.just(ops), st.permutations(ops)))
)
def test_any_arrival_order_converges(
    pair: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    ops, shuffled = pair
    first, results = push_all(ops)
    second, _ = push_all(shuffled)
    assert first.snapshot() == second.snapshot()
    assert all(r["status"] != "rejected" for r in results)
    open_keys = Counter(
        (c["entity"], c["entity_id"], c["field"])
        for c in first.snapshot()["conflicts"]
        if c["state"] == "open"
    )
    assert all(n == 1 for n in open_keys.values())


@settings(max_examples=50, deadline=None)
@given(st.lists(op_specs(), min_size=1, max_size=8).map(build_ops))
def test_replaying_an_outbox_is_a_no_op(ops: list[dict[str, Any]]) -> None:
    storage, _ = push_all(ops)
    before = storage.snapshot()
    engine = Engine(storage)
    for op in ops:
        body = {"protocol": 2, "client_id": op["client_id"], "ops": [op]}
        assert engine.push(body, NOW)["results"][0]["status"] == "duplicate"
    assert storage.snapshot() == before
