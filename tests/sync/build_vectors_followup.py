"""Writes ``sync/vectors/followup/*.json``: follow-up cases, expectations computed by ``sync.followup``.

Not a test. Run ``PYTHONPATH=. .venv/bin/python tests/sync/build_vectors_followup.py`` after a
deliberate change to the rule (PROTOCOL.md, "Follow-up"), then review the diff by hand: the
expectations are the contract the JavaScript port must reproduce. Each case's ``check`` pins
its intent, so a regenerated expectation that contradicts it fails here, loudly.

A vector: ``today``, admin ``rules`` (over the defaults), ``persons`` and ``visits`` as the
adapters hand them over (extra keys such as ``helper_id`` or ``author_id`` are ignored by the
rule, on purpose), ``expected`` (one answer per person, in order) and ``urgency`` (the ids of
the persons followed up, most urgent first).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sync.followup import (
    DEFAULT_INTERVAL_DAYS,
    follow_ups,
    interval_table,
    person_from_wire,
    urgency_key,
    visit_from_wire,
)

OUT = Path(__file__).resolve().parents[2] / "sync" / "vectors" / "followup"
TODAY = date(2026, 11, 20)
H1, H2 = "household-1", "household-2"


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def person(pid: str, category: str, *, household: str = H1, opened: int | None = 200,
           status: str = "seeking", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "household_id": household, "category": category,
            "opened_on": ago(opened) if opened is not None else None, "status": status, **extra}


def visit(vid: str, days_ago: int, names: list[str], *, outcome: str | None = "met",
          household: str = H1, hour: int = 2, nfu: int | None = None, amends: str | None = None,
          **extra: Any) -> dict[str, Any]:
    """A visit ``days_ago`` days before TODAY; ``nfu``: next follow-up this many days after TODAY."""
    return {"id": vid, "household_id": household, "occurred_on": ago(days_ago),
            "occurred_at": f"{ago(days_ago)}T{hour:02d}:00:00Z", "person_ids": names,
            "outcome": outcome,
            "next_follow_up": (TODAY + timedelta(days=nfu)).isoformat() if nfu is not None else None,
            "amends_visit_id": amends, **extra}


Answer = dict[str, dict[str, Any]]
CASES: list[tuple[str, str, dict[str, Any], Callable[[Answer], bool]]] = []


def case(name: str, description: str, check: Callable[[Answer], bool], *,
         persons: list[dict[str, Any]], visits: list[dict[str, Any]],
         rules: dict[str, int] | None = None) -> None:
    CASES.append((name, description, {"rules": rules or {}, "persons": persons, "visits": visits}, check))


# --- the cadence table -----------------------------------------------------------------------
case("01_cadence_table",
     "Every category's default interval: a contact exactly one interval ago is due today.",
     lambda a: all(a[c]["days_overdue"] == 0 and a[c]["interval_days"] == n
                   for c, n in DEFAULT_INTERVAL_DAYS.items()),
     persons=[person(c, c, household=f"h-{c}") for c in DEFAULT_INTERVAL_DAYS],
     visits=[visit(f"v-{c}", n, [c], household=f"h-{c}") for c, n in DEFAULT_INTERVAL_DAYS.items()])
case("02_admin_rule_over_default",
     "An admin's interval replaces the default for its category only.",
     lambda a: a["z"]["interval_days"] == 7 and a["z"]["days_overdue"] == 3
     and a["s"]["interval_days"] == 365,
     rules={"zero_employment_family": 7},
     persons=[person("z", "zero_employment_family"), person("s", "settled")],
     visits=[visit("v1", 10, ["z", "s"])])
case("03_never_contacted_due_from_opening",
     "Never contacted: due the day the file was opened; no opening day: due today.",
     lambda a: a["old"]["days_overdue"] == 40 and a["old"]["reason"]["code"] == "never_contacted"
     and a["new"]["days_overdue"] == 0 and a["ahead"]["days_overdue"] == -3,
     persons=[person("old", "settled", opened=40), person("new", "settled", opened=None),
              person("ahead", "settled", opened=-3)],
     visits=[])
# --- contact or attempt ----------------------------------------------------------------------
case("04_attempt_does_not_reset",
     "Nobody home, no answer, wrong number: attempts; the follow-up still runs from the last contact.",
     lambda a: a["p"]["last_contact"] == ago(20) and a["p"]["attempts"] == 3
     and a["p"]["days_overdue"] == 5,
     persons=[person("p", "zero_employment_family")],
     visits=[visit("c", 20, ["p"]), visit("a1", 9, ["p"], outcome="nobody_home"),
             visit("a2", 6, ["p"], outcome="no_answer"), visit("a3", 3, ["p"], outcome="wrong_number")])
case("05_visit_naming_nobody_is_a_household_attempt",
     "A knock naming nobody resets nobody, whatever outcome it carries, and counts as an attempt for every member.",
     lambda a: a["p1"]["last_contact"] == ago(40) and a["p2"]["last_contact"] is None
     and a["p1"]["attempts"] == 2 and a["p2"]["attempts"] == 2 and a["other"]["attempts"] == 0,
     persons=[person("p1", "employment_difficulty"), person("p2", "employment_difficulty", opened=35),
              person("other", "employment_difficulty", household=H2)],
     visits=[visit("c", 40, ["p1"]), visit("k1", 10, [], outcome="nobody_home"),
             visit("k2", 5, [], outcome="met"), visit("c2", 2, ["other"], household=H2)])
case("06_contact_outcomes_reset",
     "Met, answered, refused, and a legacy visit with no outcome that names persons: contacts.",
     lambda a: all(a[p]["last_contact"] == ago(1) and a[p]["attempts"] == 0
                   for p in ("met", "answered", "refused", "legacy")),
     persons=[person(p, "settled") for p in ("met", "answered", "refused", "legacy")],
     visits=[visit("v-met", 1, ["met"]), visit("v-answered", 1, ["answered"], outcome="answered"),
             visit("v-refused", 1, ["refused"], outcome="refused"),
             visit("v-legacy", 1, ["legacy"], outcome=None)])
case("07_contact_resets_only_those_named",
     "A contact naming one member leaves the other's follow-up where it was.",
     lambda a: a["named"]["last_contact"] == ago(2) and a["other"]["last_contact"] == ago(30),
     persons=[person("named", "employment_difficulty"), person("other", "employment_difficulty")],
     visits=[visit("both", 30, ["named", "other"]), visit("one", 2, ["named"])])
# --- next-follow-up dates --------------------------------------------------------------------
case("08_request_on_an_older_visit_is_superseded",
     "The issue's 127 days: a next-visit date set at an older contact no longer counts once a later contact is recorded.",
     lambda a: a["p"]["reason"]["code"] == "interval" and a["p"]["due_on"] == ago(10 - 30),
     persons=[person("p", "employment_difficulty")],
     visits=[visit("old", 150, ["p"], nfu=-127), visit("new", 10, ["p"])])
case("09_request_earlier_than_interval_counts",
     "The latest contact's next-visit date counts when earlier than the interval's due day, never later, never before the contact.",
     lambda a: a["early"]["due_on"] == ago(-3) and a["early"]["reason"]["code"] == "requested"
     and a["late"]["reason"]["code"] == "interval" and a["before"]["reason"]["code"] == "interval",
     persons=[person("early", "settled", household="h-a"), person("late", "zero_employment_family", household="h-b"),
              person("before", "settled", household="h-c")],
     visits=[visit("va", 5, ["early"], household="h-a", nfu=3),
             visit("vb", 5, ["late"], household="h-b", nfu=60),
             visit("vc", 5, ["before"], household="h-c", nfu=-8)])
case("10_request_made_at_an_attempt_after_the_contact",
     "Knocked, nobody home, 'come back Monday': an attempt's date counts when made after the last contact.",
     lambda a: a["p"]["reason"]["code"] == "requested" and a["p"]["due_on"] == ago(-4)
     and a["p"]["attempts"] == 1 and a["q"]["reason"]["code"] == "interval",
     persons=[person("p", "settled"), person("q", "settled", household=H2)],
     visits=[visit("c", 30, ["p"]), visit("a", 2, [], outcome="nobody_home", nfu=4),
             visit("qa", 9, ["q"], outcome="no_answer", household=H2, nfu=2),
             visit("qc", 3, ["q"], household=H2)])
case("11_same_day_the_later_contact_wins",
     "Two contacts on one day: the later one's date (none) supersedes the earlier one's.",
     lambda a: a["p"]["reason"]["code"] == "interval",
     persons=[person("p", "settled")],
     visits=[visit("morning", 4, ["p"], hour=1, nfu=2), visit("afternoon", 4, ["p"], hour=7)])
# --- amendments, future dates, categories, helpers, statuses ---------------------------------
case("12_amended_visit_counts_once",
     "An amendment replaces the visit it amends (chains too): its date, persons and outcome count, the original's do not.",
     lambda a: a["p"]["last_contact"] == ago(25) and a["q"]["last_contact"] == ago(6)
     and a["r"]["last_contact"] is None and a["r"]["attempts"] == 0,
     persons=[person("p", "employment_difficulty"), person("q", "employment_difficulty"),
              person("r", "employment_difficulty", opened=50)],
     visits=[visit("orig", 5, ["p"]), visit("fix", 25, ["p"], amends="orig"),
             visit("q1", 8, ["q", "r"]), visit("q2", 7, ["r"], amends="q1", outcome="no_answer"),
             visit("q3", 6, ["q"], amends="q2"), visit("p0", 40, ["p"])])
case("13_future_contact_is_ignored",
     "A contact dated after today (stored before dates were bounded) is ignored, 9999-12-31 included.",
     lambda a: a["p"]["last_contact"] == ago(40) and a["p"]["days_overdue"] == 10
     and a["q"]["last_contact"] is None,
     persons=[person("p", "employment_difficulty"), person("q", "employment_difficulty", opened=1)],
     visits=[visit("past", 40, ["p"]), visit("tomorrow", -1, ["p"]),
             {**visit("typo", 0, ["p", "q"]), "occurred_on": "9999-12-31", "occurred_at": "9999-12-31T00:00:00Z"}])
case("14_category_change_mid_cycle",
     "The category now held decides the interval, counted from the last contact (made under the old one).",
     lambda a: a["p"]["interval_days"] == 15 and a["p"]["days_overdue"] == 5,
     persons=[person("p", "zero_employment_family")],
     visits=[visit("under-settled", 20, ["p"])])
case("15_move_between_helpers_changes_nothing",
     "Visits by the former helper count for the new one; the person's helper is no input.",
     lambda a: a["p"]["last_contact"] == ago(12) and a["p"]["days_overdue"] == 2,
     persons=[person("p", "employment_difficulty", helper_id="helper-new")],
     visits=[visit("by-former", 12, ["p"], author_id="helper-former"),
             visit("by-new", 1, ["p"], outcome="no_answer", author_id="helper-new")],
     rules={"employment_difficulty": 10})
case("16_closed_and_unknown_are_not_due",
     "A closed status (not eligible) is not followed up; neither is a category without interval.",
     lambda a: a["closed"]["due_on"] is None and a["closed"]["reason"]["code"] == "closed"
     and a["odd"]["reason"]["code"] == "no_interval" and a["open"]["due_on"] is not None,
     persons=[person("closed", "settled", status="not_eligible"), person("odd", "no_such_category"),
              person("open", "settled")],
     visits=[])
case("17_urgency_order",
     "Most urgent first: earliest due day, then the shorter interval, then the id.",
     lambda a: True,
     persons=[person("b-zero", "zero_employment_family", household="h1"),
              person("a-settled", "settled", household="h2"),
              person("c-zero", "zero_employment_family", household="h3"),
              person("d-never", "settled", household="h4", opened=1)],
     visits=[visit("v1", 16, ["b-zero"], household="h1"), visit("v2", 366, ["a-settled"], household="h2"),
             visit("v3", 16, ["c-zero"], household="h3")])


def build() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for name, description, data, check in CASES:
        answers = follow_ups([person_from_wire(p) for p in data["persons"]],
                             [visit_from_wire(v) for v in data["visits"]],
                             interval_table(data["rules"]), TODAY)
        by_id = {a.person_id: a.to_wire() for a in answers}
        if not check(by_id):
            raise SystemExit(f"{name}: the rule contradicts the case's intent: {json.dumps(by_id, indent=1)}")
        urgency = [a.person_id for a in sorted(answers, key=urgency_key) if a.due_on is not None]
        vector = {"name": name, "description": description, "today": TODAY.isoformat(), **data,
                  "expected": [a.to_wire() for a in answers], "urgency": urgency}
        (OUT / f"{name}.json").write_text(json.dumps(vector, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {len(CASES)} vectors to {OUT}")


if __name__ == "__main__":
    build()
