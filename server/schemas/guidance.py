"""The three guidance steps of a file as a wire shape: what `person.guidance_know`,
`guidance_adjust` and `guidance_promote` may hold, with every text bounded.

Each step is `{state, date, ...}`: know the person (experience, situation, wishes, pay
expectation), adjust the goal (goal, strengths, weaknesses, training suggested), promote
employment (a plan of dated actions `[{id, date, action, done_on}]`); the steps, states, parts
and limits are `sync/guidance.json`, which the phone reads too. The columns are JSON, so a
loaded step stays JSON: `StepField` validates with the step's schema and gives back plain values
(dates as ISO strings, unknown keys refused), never `date` objects a JSON column cannot hold.

The persons schemas take the three fields from `EDITABLE_FIELDS` (what may be written) and
`OUTPUT_FIELDS` (a step shown as stored); the rules across fields (no day after today, one id
per plan action) are `server/domain/guidance.py`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

import sync

from .common import one_of, text

#: The shape both sides read (the phone: pwa/js/domain/guidance.js).
SHAPE: dict[str, Any] = json.loads(Path(sync.__file__).with_name("guidance.json").read_text("utf-8"))
#: The steps in the order a helper goes through them; `placed` follows the last.
STEPS: tuple[str, ...] = tuple(SHAPE["steps"])
#: The column of each step.
COLUMN = {step: f"guidance_{step}" for step in STEPS}
STATES: tuple[str, ...] = tuple(SHAPE["states"])
#: Longest text of each free-text part of a step (and of a plan action), in code points.
TEXT_MAX: dict[str, int] = dict(SHAPE["text_max"])
#: Most actions a promote plan holds (a plan, not a diary: the visits are the diary).
PLAN_MAX: int = SHAPE["plan_max"]
ACTION_ID_MAX: int = SHAPE["action_id_max"]


def _text(name: str) -> fields.Field[Any]:
    return text(TEXT_MAX[name], allow_none=True)


class _Step(Schema):
    class Meta:
        unknown = RAISE

    state = fields.String(required=True, validate=one_of(STATES))
    #: The day the step reached its state (started, done).
    date = fields.Date(allow_none=True)


class PlanAction(Schema):
    """One dated action of the promote plan; `done_on` is the day it was ticked."""

    class Meta:
        unknown = RAISE

    id = text(ACTION_ID_MAX, min_len=1, required=True)
    date = fields.Date(required=True)
    action = text(TEXT_MAX["action"], min_len=1, required=True)
    done_on = fields.Date(allow_none=True)


def _step_schema(step: str) -> type[Schema]:
    """`{state, date}` and the step's free-text parts (and the plan, for promote)."""
    extra: dict[str, fields.Field[Any]] = {part: _text(part) for part in SHAPE["parts"][step]}
    if step == "promote":
        extra["plan"] = fields.List(fields.Nested(PlanAction), validate=validate.Length(max=PLAN_MAX))
    return _Step.from_dict(extra, name=f"{step.capitalize()}Step")


SCHEMAS: Mapping[str, type[Schema]] = {step: _step_schema(step) for step in STEPS}


class StepField(fields.Field):  # type: ignore[type-arg]
    """One guidance step: validated by its schema, kept as JSON-ready values (or null)."""

    def __init__(self, step: str, **kwargs: Any) -> None:
        kwargs.setdefault("allow_none", True)
        kwargs.setdefault("metadata", {"description": f"guidance step '{step}': {{state, date, ...}}"})
        super().__init__(**kwargs)
        self.step = step
        self.schema = SCHEMAS[step]()

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValidationError("Must be an object with a state.")
        return self.schema.dump(self.schema.load(dict(value)))

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return value


#: The fields to add to the editable fields of a person (REST update/create and sync push).
EDITABLE_FIELDS: dict[str, fields.Field[Any]] = {COLUMN[s]: StepField(s) for s in STEPS}
#: The fields a response shows, one per step, as stored (the persons schema uses them).
OUTPUT_FIELDS: dict[str, fields.Field[Any]] = {
    COLUMN[s]: fields.Raw(allow_none=True, metadata={"description": f"guidance step '{s}'"}) for s in STEPS
}
