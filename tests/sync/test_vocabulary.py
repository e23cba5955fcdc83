"""The shared vocabulary: one file both sides read, and the status-suggestion rule's vectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from server.domain import vocabulary as server_vocabulary
from sync.registry import load_registry
from sync.vocabulary import (
    CHANNEL_OUTCOMES,
    OUTCOMES,
    VOCABULARY,
    default_outcome,
    is_contact,
    label,
    outcome_allowed,
    suggest_for_status,
)

VECTORS = json.loads(
    (Path(__file__).parents[2] / "sync/vectors/vocabulary/status_suggests.json").read_text("utf-8")
)
CASES: list[dict[str, Any]] = VECTORS["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_status_suggestion_vector(case: dict[str, Any]) -> None:
    got = suggest_for_status(case["person"], case["household"], case["status"], case.get("intervals"))
    assert got == case["expect"], case["description"]


def test_the_vectors_cover_every_status_and_every_reason() -> None:
    assert set(VOCABULARY["statuses"]) <= {c["status"] for c in CASES}
    reasons = {c["expect"]["reason"] for c in CASES if c["expect"]}
    assert reasons == {"status", *(c["when"] for c in VOCABULARY["status_suggests"]["conditions"])}


def test_statuses_and_recommendation_states_are_the_registrys_machines() -> None:
    machines = load_registry().machines
    assert set(machines["employment_status"].states) == set(VOCABULARY["statuses"])
    assert set(machines["recommendation_state"].states) == set(VOCABULARY["recommendation_states"])


def test_the_server_names_come_from_the_file() -> None:
    assert tuple(VOCABULARY["statuses"]) == server_vocabulary.STATUSES
    assert server_vocabulary.CATEGORY_INTERVAL_DAYS["zero_employment_family"] == 15
    assert server_vocabulary.CATEGORY_INTERVAL_DAYS["graduate_active_search"] == 14
    assert tuple(VOCABULARY["channels"]) == server_vocabulary.CHANNELS
    assert server_vocabulary.RECOMMENDATION_MOVES["applied"] == (
        "interview", "rejected", "hired", "withdrawn")
    assert server_vocabulary.RECOMMENDATION_MOVES["hired"] == ()


def test_every_outcome_belongs_to_a_channel_and_every_channel_has_one() -> None:
    assert set(CHANNEL_OUTCOMES) == set(VOCABULARY["channels"])
    assert {o for allowed in CHANNEL_OUTCOMES.values() for o in allowed} == set(OUTCOMES)
    assert outcome_allowed("phone", "no_answer")
    assert not outcome_allowed("home_visit", "wrong_number")
    assert outcome_allowed("home_visit", None)


def test_only_a_visit_that_reached_someone_is_a_contact() -> None:
    assert is_contact("met", ["p1"])
    assert is_contact(None, ["p1"]), "a legacy visit naming persons met them"
    assert not is_contact("nobody_home", ["p1"])
    assert not is_contact("met", []), "a visit naming nobody reached nobody"


def test_every_code_has_a_label_in_both_languages() -> None:
    kinds = {"status": "statuses", "channel": "channels", "service": "services",
             "edu": "education_levels", "source": "job_sources", "role": "roles",
             "review": "review_states", "rec": "recommendation_states"}
    for lang in ("en", "zh"):
        table = VOCABULARY["labels"][lang]
        for kind, key in kinds.items():
            assert all(f"{kind}.{code}" in table for code in VOCABULARY[key]), (lang, kind)
        assert all(f"category.{c}" in table for c in VOCABULARY["category_interval_days"])
        assert all(f"outcome.{o}" in table for o in OUTCOMES)
    assert label("outcome", "nobody_home", "zh") == "无人在家"
    assert label("status", "seeking", "en") == "Seeking a job"
    assert label("status", "nonexistent", "en") == "nonexistent"



def test_the_follow_up_rule_repeats_none_of_these_facts() -> None:
    """The cadence, outcomes and closed statuses are read from here, not copied into followup.json."""
    facts = json.loads((Path(__file__).parents[2] / "sync/followup.json").read_text("utf-8"))
    repeated = {"default_interval_days", "contact_outcomes", "attempt_outcomes", "outcomes_by_channel",
                "closed_statuses"} & set(facts)
    assert repeated == set()


@pytest.mark.parametrize(("channel", "named", "meaning"), [
    ("home_visit", True, "met"), ("home_visit", False, "nobody_home"),
    ("phone", True, "answered"), ("phone", False, "no_answer"),
    ("service_point", False, "nobody_home"), ("accompanied_interview", False, None),
])
def test_a_visit_without_an_outcome_means_what_its_persons_say(channel: str, named: bool,
                                                               meaning: str | None) -> None:
    assert default_outcome(channel, named) == meaning


def test_the_guidance_shape_names_the_same_steps_and_states() -> None:
    """sync/guidance.json repeats the steps and their states; until it reads them from here, they agree."""
    shape = json.loads((Path(__file__).parents[2] / "sync/guidance.json").read_text("utf-8"))
    assert [*shape["steps"], shape["after_last"]] == VOCABULARY["guidance_steps"]
    assert shape["states"] == VOCABULARY["guidance_step_states"]
