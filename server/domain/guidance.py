"""The three guidance steps of a file, checked where a file is written.

`validate(changes)` is called by the persons write path (`server/records/persons.py`, REST and
sync push alike) with the changes about to be written. For each guidance step among them it
checks the shape (`server/schemas/guidance.py`, so a caller that skipped the schemas, like an
import, is held to it too) and the rules across fields that no single field can see:

- a step's date and an action's `done_on` are days that have happened (business time);
- the actions of a plan have distinct ids (a phone ticks an action by its id).

A plan action may be dated ahead: it is a plan. Which step is current (`guidance_step`) follows
from the states; the phone computes it (`pwa/js/domain/guidance.js`) and sends it with the step,
so the server stores what the helper saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError

from ..business_time import business_today
from ..policy import Denied
from ..schemas.guidance import COLUMN, SCHEMAS, STEPS

#: Messages by part of a step: `{"date": [...], "plan": {0: {"done_on": [...]}}}`.
Problems = dict[str, Any]


def problems_of(step: str, value: Any, today: date) -> Problems:
    """What is wrong with one step's value (empty: nothing). `None` clears a step: fine."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        return {"_schema": ["Must be an object with a state."]}
    try:
        loaded = SCHEMAS[step]().load(dict(value))
    except ValidationError as exc:
        return exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    found: Problems = {}
    if isinstance(loaded.get("date"), date) and loaded["date"] > today:
        found["date"] = ["Must not be after today."]
    plan: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, action in enumerate(loaded.get("plan") or []):
        wrong: dict[str, list[str]] = {}
        if action["id"] in seen:
            wrong["id"] = ["Another action of the plan has this id."]
        seen.add(action["id"])
        done_on = action.get("done_on")
        if isinstance(done_on, date) and done_on > today:
            wrong["done_on"] = ["Must not be after today."]
        if wrong:
            plan[i] = wrong
    if plan:
        found["plan"] = plan
    return found


def validate(changes: Mapping[str, Any], today: date | None = None) -> None:
    """Refuse (422 / sync `invalid_op`) changes whose guidance steps are not well formed."""
    day = today or business_today()
    found = {COLUMN[s]: p for s in STEPS if COLUMN[s] in changes
             for p in [problems_of(s, changes[COLUMN[s]], day)] if p}
    if found:
        raise Denied("A guidance step is not well formed.", code="validation_error", status=422,
                     sync_code="invalid_op", fields=found)
