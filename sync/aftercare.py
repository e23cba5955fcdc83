"""Aftercare: which retention contact of a placement is due when, and was the job kept.

A hire is not the end of the work: the helper keeps calling so a small quarrel does not end the
job. A placement schedules one contact per retention step (``retention_step`` catalogue; the
defaults are ``sync/vocabulary.json`` ``retention_steps``: 1 week, 1 month, 3 months,
6 months), each due on the start day plus the step's days. Both the server (Today's list, the
board's retention figures) and the phone (Today, offline) compute it, so the rule is written
once per side and pinned by ``sync/vectors/aftercare/*.json`` (PROTOCOL.md, "Aftercare").

Days are ISO calendar days (``YYYY-MM-DD``) of the office's time zone: the adapters turn a
check's ``occurred_at`` into its day before asking. Pure: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sync.vocabulary import VOCABULARY

#: step code → days after the start day (the admin's table fills over these).
DEFAULT_STEPS: dict[str, int] = {str(k): int(v) for k, v in VOCABULARY["retention_steps"].items()}

#: What a step of a placement is, on a given day.
STATES = ("done", "missed", "ended", "due", "overdue", "upcoming")


@dataclass(frozen=True)
class Contact:
    """One retention step of one placement."""

    step: str
    due_on: date
    #: ``done`` (a check names it), ``missed`` (a later step is due or done, or the job ended
    #: after its day without it), ``ended`` (the job ended on or before its day), ``due``
    #: (today), ``overdue``, ``upcoming``.
    state: str
    #: Days past ``due_on`` (0 on the day, negative before it).
    days_late: int

    def to_wire(self) -> dict[str, Any]:
        return {"step": self.step, "due_on": self.due_on.isoformat(), "state": self.state,
                "days_late": self.days_late}


def step_table(rows: Iterable[Mapping[str, Any]] = ()) -> dict[str, int]:
    """The steps in force: the admin's rows (``{code, days}``) over the defaults, by days."""
    table = dict(DEFAULT_STEPS)
    for row in rows:
        code, days = row.get("code"), row.get("days")
        if isinstance(code, str) and isinstance(days, int) and days > 0:
            table[code] = days
    return dict(sorted(table.items(), key=lambda item: (item[1], item[0])))


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def schedule(placement: Mapping[str, Any], steps: Mapping[str, int],
             checks: Iterable[Mapping[str, Any]], today: date) -> list[Contact]:
    """Every step of ``placement`` (``start_date``, ``ended_on``) on ``today``, earliest first.

    ``checks`` are the placement's retention checks (``step``; the rest is not read): a step
    with a check is done whatever it found. A step not done is ``missed`` once a later step is
    due or done: one call, the later question, rather than a queue of late ones. An ended job
    owes no more calls: its steps are ``ended`` (from the end day on) or ``missed``.
    """
    start = _day(placement.get("start_date"))
    if start is None:
        return []
    ended = _day(placement.get("ended_on"))
    done = {str(c.get("step")) for c in checks}
    ordered = sorted(steps.items(), key=lambda item: (item[1], item[0]))
    dues = [(code, start + timedelta(days=days)) for code, days in ordered]
    out: list[Contact] = []
    for index, (code, due_on) in enumerate(dues):
        late = (today - due_on).days
        if code in done:
            state = "done"
        elif ended is not None:
            state = "ended" if ended <= due_on else "missed"
        elif any(later_code in done or later <= today for later_code, later in dues[index + 1:]):
            state = "missed"
        elif late > 0:
            state = "overdue"
        elif late == 0:
            state = "due"
        else:
            state = "upcoming"
        out.append(Contact(code, due_on, state, late))
    return out


def due_contact(placement: Mapping[str, Any], steps: Mapping[str, int],
                checks: Iterable[Mapping[str, Any]], today: date) -> Contact | None:
    """The retention call Today shows for this placement (due or overdue), if any."""
    for contact in schedule(placement, steps, checks, today):
        if contact.state in ("due", "overdue"):
            return contact
    return None


def kept_at(placement: Mapping[str, Any], days: int, as_of: date) -> bool | None:
    """Was the person still in the job ``days`` after the start? None: not that long yet.

    ``ended_on`` is the day the person left: a job left on the day the step falls is not kept.
    """
    start = _day(placement.get("start_date"))
    if start is None:
        return None
    mark = start + timedelta(days=days)
    if mark > as_of:
        return None
    ended = _day(placement.get("ended_on"))
    return ended is None or ended > mark
