"""Operation validation: the shape (rule 2) and the registry checks (rules 3-6)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from sync import OpRejected, load_registry
from sync.operations import check_op, parse_op

REGISTRY = load_registry()
HLC = "001763700000000:00000:dev"


def make_op(**overrides: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "op_id": str(uuid.uuid4()),
        "client_id": "dev",
        "seq": 1,
        "hlc": HLC,
        "entity": "person",
        "entity_id": str(uuid.uuid4()),
        "kind": "set",
        "data": {"name": "Li"},
    }
    op.update(overrides)
    return op


def test_a_good_op_parses() -> None:
    op = parse_op(make_op(base={"name": None}), "dev", 2)
    assert (op.seq, op.stamp.node, op.base) == (1, "dev", {"name": None})


def test_protocol_1_ignores_base() -> None:
    assert parse_op(make_op(base={"name": HLC}), "dev", 1).base is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"op_id": "nope"}, "op_id"),
        ({"entity_id": "{" + str(uuid.uuid4()) + "}"}, "entity_id"),
        ({"client_id": "other"}, "client_id"),
        ({"seq": 0}, "seq"),
        ({"seq": True}, "seq"),
        ({"seq": "1"}, "seq"),
        ({"hlc": "yesterday"}, "hlc"),
        ({"hlc": "001763700000000:00000:other"}, "hlc"),
        ({"kind": "delete"}, "kind"),
        ({"data": []}, "data"),
        ({"entity": 7}, "entity"),
        ({"base": {"name": "not a stamp"}}, "base"),
    ],
)
def test_malformed_ops_name_the_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(OpRejected) as info:
        parse_op(make_op(**overrides), "dev", 2)
    assert info.value.code == "invalid_op"
    assert field in info.value.fields


def test_non_object_op() -> None:
    with pytest.raises(OpRejected, match="object"):
        parse_op(["op"], "dev", 2)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"entity": "pet"}, "unknown_entity"),
        ({"entity": "job", "kind": "insert"}, "read_only"),
        ({"entity": "status_event", "kind": "insert"}, "read_only"),
        ({"entity": "visit"}, "invalid_op"),
        ({"entity": "conflict"}, "invalid_op"),
        ({"kind": "resolve", "data": {"choice": "x"}}, "invalid_op"),
        ({"data": {"shoe_size": 42}}, "unknown_field"),
        ({"data": {"helper_id": "u1"}}, "server_only_field"),
        ({"data": {"status": "employed"}}, "invalid_op"),
        ({"kind": "transition", "data": {"field": "name", "from": "a", "to": "b"}}, "invalid_op"),
        ({"kind": "transition", "data": {"from": "a", "to": "b"}}, "invalid_op"),
        (
            {"kind": "transition", "data": {"field": "status", "from": "seeking", "to": "seeking"}},
            "illegal_transition",
        ),
        (
            {"kind": "transition", "data": {"field": "status", "from": "seeking", "to": None}},
            "illegal_transition",
        ),
        (
            {
                "entity": "recommendation",
                "kind": "transition",
                "data": {"field": "state", "from": "rejected", "to": "hired"},
            },
            "illegal_transition",
        ),
        ({"entity": "conflict", "kind": "resolve", "data": {"choice": 3}}, "invalid_op"),
        (
            {"entity": "conflict", "kind": "resolve", "data": {"choice": "x", "comment": 1}},
            "invalid_op",
        ),
    ],
)
def test_registry_checks(overrides: dict[str, Any], code: str) -> None:
    op = parse_op(make_op(**overrides), "dev", 2)
    with pytest.raises(OpRejected) as info:
        check_op(op, REGISTRY)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("recommended", "viewed"),
        ("viewed", "declined"),
        ("declined", "interested"),
        ("applied", "interview"),
        ("interview", "hired"),
    ],
)
def test_legal_recommendation_moves(source: str, target: str) -> None:
    op = parse_op(
        make_op(
            entity="recommendation",
            kind="transition",
            data={"field": "state", "from": source, "to": target},
        ),
        "dev",
        2,
    )
    assert check_op(op, REGISTRY).name == "recommendation"
