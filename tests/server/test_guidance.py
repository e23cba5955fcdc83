"""The three guidance steps as structure: what a step may hold, and what the write path refuses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from marshmallow import Schema, ValidationError

from server.domain import guidance
from server.policy import Denied
from server.schemas.guidance import COLUMN, EDITABLE_FIELDS, PLAN_MAX, STEPS, TEXT_MAX

TODAY = date(2026, 12, 1)
REGISTRY = json.loads((Path(__file__).parents[2] / "sync" / "registry.json").read_text("utf-8"))

KNOW = {"state": "done", "date": "2026-11-20", "experience": "两年超市收银", "situation": "母亲生病，需照顾",
        "wishes": "离家近的文员工作", "pay_expectation": "4000 左右"}
ADJUST = {"state": "in_progress", "date": "2026-11-28", "goal": "社区文员", "strengths": "细心、会 Excel",
          "weaknesses": "面试紧张", "training_suggested": "办公软件培训"}
PROMOTE: dict[str, Any] = {"state": "in_progress", "date": "2026-11-30", "plan": [
    {"id": "a1", "date": "2026-11-30", "action": "改简历", "done_on": "2026-11-30"},
    {"id": "a2", "date": "2026-12-05", "action": "陪同参加招聘会", "done_on": None},
]}

Person = Schema.from_dict(dict(EDITABLE_FIELDS), name="PersonGuidance")


def refusal(changes: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(Denied) as caught:
        guidance.validate(changes, today=TODAY)
    assert (caught.value.status, caught.value.code, caught.value.sync_code) == (422, "validation_error", "invalid_op")
    return caught.value.fields


def test_every_step_is_a_reviewed_field_of_the_person() -> None:
    person = REGISTRY["entities"]["person"]["fields"]
    assert {COLUMN[s]: person[COLUMN[s]] for s in STEPS} == {
        "guidance_know": "lww_review", "guidance_adjust": "lww_review", "guidance_promote": "lww_review"}


def test_a_helper_who_filled_all_three_steps_is_let_through() -> None:
    guidance.validate({"guidance_know": KNOW, "guidance_adjust": ADJUST, "guidance_promote": PROMOTE}, today=TODAY)


def test_clearing_a_step_and_changes_without_steps_are_fine() -> None:
    guidance.validate({"guidance_adjust": None, "phone": "13800000000"}, today=TODAY)


def test_a_step_loads_as_json_a_column_can_hold() -> None:
    loaded = Person().load({"guidance_know": {**KNOW, "date": "2026-11-20"}, "guidance_promote": PROMOTE})
    assert loaded["guidance_know"]["date"] == "2026-11-20"
    assert loaded["guidance_promote"]["plan"][1] == {"id": "a2", "date": "2026-12-05", "action": "陪同参加招聘会",
                                                     "done_on": None}
    json.dumps(loaded)


@pytest.mark.parametrize(("value", "field"), [
    ({"state": "finished"}, "state"),
    ({"date": "2026-11-20"}, "state"),
    ({**KNOW, "hobby": "chess"}, "hobby"),
    ({**KNOW, "wishes": "近" * (TEXT_MAX["wishes"] + 1)}, "wishes"),
    ({**KNOW, "date": "20 November"}, "date"),
])
def test_a_malformed_know_step_is_refused_by_the_schema(value: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Person().load({"guidance_know": value})
    messages = caught.value.messages
    assert isinstance(messages, dict)
    assert field in messages["guidance_know"]
    assert field in refusal({"guidance_know": value})["guidance_know"]


def test_a_step_must_be_an_object() -> None:
    assert refusal({"guidance_adjust": "goal: office work"}) == {"guidance_adjust": {"_schema": ["Must be an object with a state."]}}


def test_a_step_cannot_be_done_tomorrow() -> None:
    assert refusal({"guidance_know": {**KNOW, "date": "2026-12-02"}}) == {
        "guidance_know": {"date": ["Must not be after today."]}}


def test_a_plan_may_look_ahead_but_an_action_is_not_done_before_its_day_comes() -> None:
    ahead = {**PROMOTE, "plan": [{"id": "a1", "date": "2027-01-10", "action": "面试", "done_on": "2027-01-10"}]}
    assert refusal({"guidance_promote": ahead}) == {"guidance_promote": {"plan": {0: {"done_on": ["Must not be after today."]}}}}


def test_two_actions_of_a_plan_cannot_share_an_id() -> None:
    twice = {**PROMOTE, "plan": [PROMOTE["plan"][0], {**PROMOTE["plan"][1], "id": "a1"}]}
    assert refusal({"guidance_promote": twice})["guidance_promote"]["plan"] == {1: {"id": ["Another action of the plan has this id."]}}


def test_a_plan_action_needs_a_day_and_words() -> None:
    found = refusal({"guidance_promote": {**PROMOTE, "plan": [{"id": "a1", "date": None, "action": ""}]}})
    assert set(found["guidance_promote"]["plan"][0]) == {"date", "action"}


def test_a_plan_is_bounded() -> None:
    plan = [{"id": f"a{i}", "date": "2026-11-01", "action": "打电话"} for i in range(PLAN_MAX + 1)]
    assert "plan" in refusal({"guidance_promote": {"state": "in_progress", "plan": plan}})["guidance_promote"]


def test_a_full_step_in_chinese_fits_in_one_sync_op() -> None:
    longest = {"state": "done", "date": "2026-11-20", "plan": [
        {"id": "x" * 64, "date": "2026-11-20", "action": "近" * TEXT_MAX["action"], "done_on": "2026-11-20"}
    ] * PLAN_MAX}
    know = {"state": "done", "date": "2026-11-20", **{p: "近" * TEXT_MAX[p] for p in
                                                      ("experience", "situation", "wishes", "pay_expectation")}}
    for step in (longest, know):
        assert len(json.dumps({"guidance": step}, ensure_ascii=False).encode()) < REGISTRY["limits"]["op_bytes_max"]
