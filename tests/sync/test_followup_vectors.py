"""Every follow-up vector (sync/vectors/followup/) against the Python rule, and its reason line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sync.followup import (
    MESSAGES,
    follow_ups,
    interval_table,
    person_from_wire,
    render_reason,
    urgency_key,
    visit_from_wire,
)

VECTOR_DIR = Path(__file__).resolve().parents[2] / "sync" / "vectors" / "followup"
VECTORS = [json.loads(p.read_text("utf-8")) for p in sorted(VECTOR_DIR.glob("*.json"))]


def answers(vector: dict[str, Any]) -> list[Any]:
    return follow_ups([person_from_wire(p) for p in vector["persons"]],
                      [visit_from_wire(v) for v in vector["visits"]],
                      interval_table(vector["rules"]), date.fromisoformat(vector["today"]))


def test_the_vectors_cover_the_rule() -> None:
    assert len(VECTORS) >= 15
    assert [v["name"] for v in VECTORS] == [p.stem for p in sorted(VECTOR_DIR.glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    got = answers(vector)
    assert [a.to_wire() for a in got] == vector["expected"]
    assert [a.person_id for a in sorted(got, key=urgency_key) if a.due_on] == vector["urgency"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_due_person_has_a_reason_line_without_codes(vector: dict[str, Any], language: str) -> None:
    for item in answers(vector):
        if item.due_on is None or item.reason.get("category") not in interval_table():
            continue
        line = render_reason(item.reason, item.attempts, language)
        assert line and "{" not in line and "_" not in line, line


def test_both_languages_have_the_same_messages_and_placeholders() -> None:
    import re

    assert MESSAGES["en"].keys() == MESSAGES["zh"].keys()
    for key, text in MESSAGES["en"].items():
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", MESSAGES["zh"][key]))


def test_a_reason_line_in_chinese_and_english() -> None:
    reason = {"code": "interval", "category": "zero_employment_family", "interval_days": 15, "days_since": 18}
    assert render_reason(reason, 2, "zh") == "零就业家庭，每15天一次；距上次联系18天；此后2次未联系上"
    assert render_reason(reason, 0, "en") == "zero-employment family, every 15 days; 18 days since last contact"
