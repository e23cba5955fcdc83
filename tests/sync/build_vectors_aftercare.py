"""Write sync/vectors/aftercare/*.json (retention schedule stories) and
sync/vectors/outcomes/walks.json from the Python rule: `python -m tests.sync.build_vectors_aftercare`.

The stories are chosen by hand; the expected answers come from `sync/aftercare.py` and
`sync/outcomes.py`, and the JavaScript port must give the same (tests/js/domain/aftercare.test.js).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sync.aftercare import due_contact, kept_at, schedule, step_table
from sync.outcomes import walk

ROOT = Path(__file__).resolve().parents[2] / "sync" / "vectors"
START = "2026-11-02"

STORIES: list[dict[str, Any]] = [
    {"name": "01_all_upcoming_on_the_first_day", "description": "A placement starting today owes nothing yet.",
     "placement": {"start_date": START}, "today": START},
    {"name": "02_first_week_due_on_its_day", "description": "The 1-week call is due 7 days after the start.",
     "placement": {"start_date": START}, "today": "2026-11-09"},
    {"name": "03_overdue_until_recorded", "description": "Not recorded, the 1-week call is overdue by the days since.",
     "placement": {"start_date": START}, "today": "2026-11-12"},
    {"name": "04_a_recorded_step_is_done", "description": "A check naming the step makes it done, whatever it found.",
     "placement": {"start_date": START}, "checks": [{"step": "1w"}], "today": "2026-11-12"},
    {"name": "05_a_later_step_replaces_a_missed_one", "description": "Once the 1-month call is due, the missed 1-week call is not asked for.",
     "placement": {"start_date": START}, "today": "2026-12-05"},
    {"name": "06_an_ended_job_owes_no_calls", "description": "After the end day nothing is due; steps before it not made are missed.",
     "placement": {"start_date": START, "ended_on": "2026-11-20"}, "today": "2026-12-10"},
    {"name": "07_the_admins_schedule_wins", "description": "The admin moved the first call to 10 days.",
     "placement": {"start_date": START}, "steps": [{"code": "1w", "days": 10}], "today": "2026-11-12"},
    {"name": "08_a_done_later_step_makes_earlier_missed", "description": "The 1-month call was made early: the 1-week one is missed, not overdue.",
     "placement": {"start_date": START}, "checks": [{"step": "1m"}], "today": "2026-11-25"},
    {"name": "09_kept_at_three_and_six_months", "description": "Still in the job at 6 months: kept at 3 and at 6.",
     "placement": {"start_date": "2026-01-05"}, "checks": [{"step": "1w"}, {"step": "1m"}, {"step": "3m"}], "today": "2026-07-10"},
    {"name": "10_left_on_the_mark_day_is_not_kept", "description": "Leaving on the day the 3-month mark falls is not kept at 3 months.",
     "placement": {"start_date": "2026-01-05", "ended_on": "2026-04-06"}, "today": "2026-08-01"},
]


def answer(story: dict[str, Any]) -> dict[str, Any]:
    steps = step_table(story.get("steps", []))
    today = date.fromisoformat(story["today"])
    checks = story.get("checks", [])
    due = due_contact(story["placement"], steps, checks, today)
    return {
        "expected": [c.to_wire() for c in schedule(story["placement"], steps, checks, today)],
        "due": due.to_wire() if due else None,
        "kept": {str(d): kept_at(story["placement"], d, today) for d in (91, 182)},
    }


def main() -> None:
    folder = ROOT / "aftercare"
    folder.mkdir(exist_ok=True)
    for story in STORIES:
        vector = {**story, "steps": story.get("steps", []), "checks": story.get("checks", []), **answer(story)}
        (folder / f"{story['name']}.json").write_text(
            json.dumps(vector, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    registry = json.loads((ROOT.parent / "registry.json").read_text(encoding="utf-8"))
    moves = registry["machines"]["recommendation_state"]["transitions"]
    cases = [{"from": s, "to": t, "walk": walk(moves, s, t)}
             for s in registry["machines"]["recommendation_state"]["states"]
             for t in ("applied", "interview", "hired", "rejected", "withdrawn")]
    (ROOT / "outcomes").mkdir(exist_ok=True)
    (ROOT / "outcomes" / "walks.json").write_text(json.dumps(
        {"name": "walks", "description": "Staff moves to a later state walk the recommendation machine (PROTOCOL.md, Outcomes by staff).",
         "cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
