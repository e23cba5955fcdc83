"""The push engine as a story: envelopes, atomic units, quarantine, acks and purity."""

from __future__ import annotations

import ast
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from sync import Engine, InvalidRequest, MemoryStorage, Record, UnsupportedProtocol, pull
from sync.errors import SyncError

NOW = 1_763_700_000_000
SYNC_DIR = Path(__file__).resolve().parents[2] / "sync"


def make_household_op(seq: int, **overrides: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "op_id": str(uuid.uuid4()),
        "client_id": "dev",
        "seq": seq,
        "hlc": f"{NOW + seq:015d}:00000:dev",
        "entity": "household",
        "entity_id": str(uuid.uuid4()),
        "kind": "insert",
        "data": {"address": f"{seq} Elm"},
    }
    op.update(overrides)
    return op


def push(engine: Engine, *ops: dict[str, Any], protocol: int = 2) -> dict[str, Any]:
    return engine.push({"protocol": protocol, "client_id": "dev", "ops": list(ops)}, NOW)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ([], InvalidRequest),
        ({"client_id": "dev", "ops": []}, UnsupportedProtocol),
        ({"protocol": "2", "client_id": "dev", "ops": []}, UnsupportedProtocol),
        ({"protocol": 3, "client_id": "dev", "ops": []}, UnsupportedProtocol),
        ({"protocol": 2, "client_id": "", "ops": []}, InvalidRequest),
        ({"protocol": 2, "client_id": "a:b", "ops": []}, InvalidRequest),
        ({"protocol": 2, "client_id": "dev", "ops": {}}, InvalidRequest),
    ],
)
def test_bad_envelopes_raise_one_error_family(body: object, error: type[SyncError]) -> None:
    with pytest.raises(error) as info:
        Engine(MemoryStorage()).push(body, NOW)
    assert isinstance(info.value, SyncError)
    assert info.value.http_status == (426 if error is UnsupportedProtocol else 400)


def test_push_response_shape() -> None:
    response = push(Engine(MemoryStorage()), make_household_op(1), make_household_op(2))
    assert response["protocol"] == 2 and response["server_time"] == NOW
    assert response["acked_seq"] == 2
    assert [r["status"] for r in response["results"]] == ["applied", "applied"]


def test_a_rejected_op_keeps_its_raw_text_in_quarantine() -> None:
    storage = MemoryStorage()
    bad = make_household_op(1, data={"address": "typed on the bus", "primary_helper_id": "me"})
    response = push(Engine(storage), bad, make_household_op(2))
    assert [r["status"] for r in response["results"]] == ["rejected", "applied"]
    assert storage.quarantined == [
        {
            "raw": bad,
            "code": "server_only_field",
            "message": "household.primary_helper_id is set by the server",
            "household_id": bad["entity_id"],  # so its supervisor's queue shows it
        }
    ]


def test_a_duplicate_returns_the_stored_result() -> None:
    engine = Engine(MemoryStorage())
    op = make_household_op(1, hlc=f"{NOW + 6 * 3_600_000:015d}:00000:dev")
    first = push(engine, op)["results"][0]
    again = push(engine, op)["results"][0]
    assert first["clamped"] is True
    assert again == {**first, "status": "duplicate", "original": "applied"}


class ExplodingStorage(MemoryStorage):
    """Fails after the record is written, like a database dying mid-transaction."""

    def save_result(self, client_id: str, seq: int | None, op_id: str | None, result: Any) -> None:
        raise RuntimeError("disk full")


def test_an_op_is_atomic() -> None:
    storage = ExplodingStorage()
    with pytest.raises(RuntimeError):
        push(Engine(storage), make_household_op(1))
    assert storage.snapshot()["records"] == {}
    assert storage.acked_seq("dev") == 0


def test_grace_marks_the_visit_late_and_the_result() -> None:
    household = str(uuid.uuid4())
    storage = MemoryStorage(scope={"dev": {household: "grace"}})
    storage.put_record("household", household, Record({"address": "x"}, {}))
    visit = make_household_op(1, entity="visit", data={"household_id": household, "notes": "ok"})
    result = push(Engine(storage), visit)["results"][0]
    assert result["late"] is True
    stored = storage.get_record("visit", visit["entity_id"])
    assert stored is not None and stored.data["late"] is True


def test_conflicts_and_status_events_are_pulled() -> None:
    storage = MemoryStorage()
    engine = Engine(storage)
    person = str(uuid.uuid4())
    insert = make_household_op(
        1, entity="person", entity_id=person, data={"name": "Li", "status": "seeking"}
    )
    moves = [
        make_household_op(
            n,
            entity="person",
            entity_id=person,
            kind="transition",
            data={"field": "status", "from": "seeking", "to": to},
        )
        for n, to in ((2, "employed"), (3, "internship"))
    ]
    push(engine, insert, *moves)
    entities = sorted(c["entity"] for c in pull(storage, "dev", None, 50, NOW)["changes"])
    assert entities == ["conflict", "person", "status_event", "status_event", "status_event"]


def test_sync_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"sync"}
    for path in SYNC_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


def test_importing_sync_loads_no_web_or_database_framework() -> None:
    code = "import sync, sys; print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=SYNC_DIR.parent,
    )
    assert out.stdout.strip() == "[]"


def test_a_floor_lets_acked_seq_jump_a_seq_the_phone_gave_up_on():
    """Seq 2 was parked on the phone and then discarded: it will never be answered."""
    engine = Engine(MemoryStorage())
    assert push(engine, make_household_op(1), make_household_op(3))["acked_seq"] == 1
    body = {"protocol": 2, "client_id": "dev", "ops": [make_household_op(4)], "floor": 3}
    # The answer reads acked_seq before this push's floor applies (a regression stays visible).
    assert engine.push(body, NOW)["acked_seq"] == 1
    assert push(engine)["acked_seq"] == 4


@pytest.mark.parametrize("floor", [0, -1, "3", 2.5, True, None, 2**31])
def test_a_floor_the_core_cannot_use_is_ignored_not_refused(floor):
    engine = Engine(MemoryStorage())
    body = {"protocol": 2, "client_id": "dev", "ops": [make_household_op(2)], "floor": floor}
    assert engine.push(body, NOW)["results"][0]["status"] == "applied"
    assert push(engine)["acked_seq"] == 0
