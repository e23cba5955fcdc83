"""The shared registry matches docs/CONTRACT.md and stays self-consistent."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sync import RegistryError, load_registry
from sync.registry import REGISTRY_PATH, registry_from_json

REGISTRY = load_registry()


def raw() -> dict[str, Any]:
    return json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("entity", "field", "cls"),
    [
        ("household", "address", "lww_review"),
        ("household", "primary_helper_id", "server_only"),
        ("person", "phone", "lww_review"),
        ("person", "intention_pay_max", "lww_review"),
        ("person", "status", "state_machine"),
        ("person", "helper_id", "server_only"),
        ("person", "name", "lww"),
        ("visit", "notes", "append_only"),
        ("visit", "review_state", "server_only"),
        ("recommendation", "state", "state_machine"),
        ("recommendation", "by_user_id", "server_only"),
    ],
)
def test_field_classes(entity: str, field: str, cls: str) -> None:
    assert REGISTRY.entities[entity].fields[field].cls == cls


def test_catalogues_and_server_entities_are_read_only() -> None:
    writable = {name for name, e in REGISTRY.entities.items() if e.device_writable}
    assert writable == {
        "household", "person", "visit", "note", "recommendation", "conflict",
        "placement", "retention_check", "attachment", "policy_case", "training_enrolment",
        "assistance_period", "employer", "enterprise_visit", "event", "event_participant",
        "post_delivery", "question",
    }
    assert not REGISTRY.entities["retention_step"].device_writable


def test_terminal_recommendation_states() -> None:
    machine = REGISTRY.machines["recommendation_state"]
    assert not machine.transitions["hired"] and not machine.transitions["rejected"]


def test_protocol_versions() -> None:
    assert (REGISTRY.current_protocol, REGISTRY.accepted_protocols) == (2, frozenset({1, 2}))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r["entities"]["person"]["fields"].update(name="fuzzy"),
        lambda r: r["entities"]["person"].update(kind="weird"),
        lambda r: r["entities"]["person"]["fields"].update(
            status={"class": "state_machine", "machine": "nope"}
        ),
        lambda r: r["machines"]["recommendation_state"]["transitions"].update(hired=["fired"]),
        lambda r: r["entities"]["person"]["fields"].update(name=3),
    ],
)
def test_inconsistent_registries_are_refused(breakage: Any) -> None:
    broken = raw()
    breakage(broken)
    with pytest.raises(RegistryError):
        registry_from_json(broken)
