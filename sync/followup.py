"""Who is due a follow-up, since when and why: the one rule (PROTOCOL.md, "Follow-up").

The server's due list, board, CSV and care-team screen and the phone's Today all ask this
question; they used to answer it twice, in Python and JavaScript, and drifted (the board said
127 days overdue where the phone never showed past 30). Now the rule is written once here,
pinned by ``sync/vectors/followup/*.json``, and ``pwa/js/domain/followup.js`` is its port,
passing the same vectors. Pure: plain values in, plain values out; the adapters turn rows
into :class:`PersonFacts` / :class:`VisitFacts`, with calendar days taken in the business
timezone, and render :attr:`FollowUp.reason` in the reader's language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sync.vocabulary import VOCABULARY, label
from sync.vocabulary import is_contact as reached

#: Default intervals, closed statuses and what an outcome means: the shared vocabulary's.
DEFAULT_INTERVAL_DAYS: dict[str, int] = dict(VOCABULARY["category_interval_days"])
CLOSED_STATUSES: frozenset[str] = frozenset(VOCABULARY["closed_statuses"])
#: The reason lines, in both languages (``followup.json``, bundled by the phone too).
MESSAGES: dict[str, dict[str, str]] = json.loads(
    Path(__file__).with_name("followup.json").read_text("utf-8"))["messages"]


@dataclass(frozen=True)
class PersonFacts:
    id: str
    household_id: str
    category: str | None
    #: The day the file was opened (registration, else creation): due from then if never contacted.
    opened_on: date | None = None
    status: str | None = None


@dataclass(frozen=True)
class VisitFacts:
    id: str
    household_id: str
    #: The calendar day of the visit in the business timezone.
    occurred_on: date
    #: Orders visits of one day (an ISO timestamp in UTC); ties fall back to the id.
    occurred_at: str = ""
    person_ids: tuple[str, ...] = ()
    outcome: str | None = None
    next_follow_up: date | None = None
    amends_visit_id: str | None = None

    @property
    def order(self) -> tuple[date, str, str]:
        return (self.occurred_on, self.occurred_at, self.id)


@dataclass(frozen=True)
class FollowUp:
    """One person's answer. ``due_on`` is None when they are not followed up (closed status,
    or a category with no interval)."""

    person_id: str
    due_on: date | None
    #: Days past due (negative: days left); None when not due at all.
    days_overdue: int | None
    last_contact: date | None
    interval_days: int | None
    #: Attempts (nobody met) on this person since their last contact.
    attempts: int
    #: ``{"code": ..., **values}``: what the reader is told, rendered by :func:`render_reason`.
    reason: dict[str, Any] = field(default_factory=dict)

    @property
    def overdue(self) -> bool:
        return self.days_overdue is not None and self.days_overdue > 0

    def to_wire(self) -> dict[str, Any]:
        """JSON-ready (days as ``YYYY-MM-DD``), the shape the vectors pin."""
        return {
            "person_id": self.person_id,
            "due_on": _iso(self.due_on),
            "days_overdue": self.days_overdue,
            "last_contact": _iso(self.last_contact),
            "interval_days": self.interval_days,
            "attempts": self.attempts,
            "reason": {k: _iso(v) if isinstance(v, date) else v for k, v in self.reason.items()},
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def interval_table(rules: Mapping[str, int] | None = None) -> dict[str, int]:
    """Category → interval in days: the admin's rules over the defaults."""
    table = dict(DEFAULT_INTERVAL_DAYS)
    table.update({c: int(n) for c, n in (rules or {}).items() if int(n) > 0})
    return table


def add_days(day: date, days: int) -> date:
    """``day + days``, held at the calendar's ends instead of overflowing (absurd stored dates)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def is_contact(visit: VisitFacts) -> bool:
    """A contact met someone it names: an outcome of contact, or no outcome (legacy) and persons
    named. A visit naming nobody is an attempt on the household, whatever its outcome says."""
    return reached(visit.outcome, visit.person_ids)


def counted(visits: Iterable[VisitFacts]) -> list[VisitFacts]:
    """The visits that count: one amended by another is replaced by it (chains too)."""
    listed = list(visits)
    amended = {v.amends_visit_id for v in listed if v.amends_visit_id}
    return [v for v in listed if v.id not in amended]


def concerns(visit: VisitFacts, person: PersonFacts) -> bool:
    """A visit concerns the persons it names, or, naming nobody, every member of its household."""
    if visit.household_id != person.household_id:
        return False
    return person.id in visit.person_ids if visit.person_ids else True


def follow_up(person: PersonFacts, visits: Iterable[VisitFacts], intervals: Mapping[str, int],
              today: date) -> FollowUp:
    """When ``person`` is next due, from the ``visits`` of their household (already
    :func:`counted`, or not: amendments are resolved here too)."""
    if person.status in CLOSED_STATUSES:
        return FollowUp(person.id, None, None, None, None, 0, {"code": "closed", "status": person.status})
    interval = intervals.get(person.category or "")
    if not interval:
        return FollowUp(person.id, None, None, None, None, 0,
                        {"code": "no_interval", "category": person.category})
    mine = sorted((v for v in counted(visits) if concerns(v, person) and v.occurred_on <= today),
                  key=lambda v: v.order)
    contacts = [v for v in mine if is_contact(v)]
    latest = contacts[-1] if contacts else None
    since = [v for v in mine if latest is None or v.order > latest.order]
    attempts = sum(1 for v in since if not is_contact(v))
    asked = [v for v in ([latest] if latest else []) + since if v.next_follow_up is not None]
    requested = asked[-1].next_follow_up if asked else None
    last = latest.occurred_on if latest else None
    values: dict[str, Any] = {"category": person.category, "interval_days": interval}
    if last is None:
        due_on = person.opened_on or today  # a file with no opening day counts as opened today
        values |= {"code": "never_contacted", "opened_on": due_on}
    else:
        due_on = add_days(last, interval)
        values |= {"code": "interval", "days_since": (today - last).days}
    if requested is not None and (last is None or requested > last) and requested < due_on:
        due_on = requested
        values |= {"code": "requested", "requested_on": requested,
                   "days_since": (today - last).days if last else None}
        values.pop("opened_on", None)
    return FollowUp(person.id, due_on, (today - due_on).days, last, interval, attempts, values)


def follow_ups(persons: Iterable[PersonFacts], visits: Iterable[VisitFacts],
               intervals: Mapping[str, int], today: date) -> list[FollowUp]:
    """:func:`follow_up` for every person, each against their household's visits."""
    by_household: dict[str, list[VisitFacts]] = {}
    for visit in visits:
        by_household.setdefault(visit.household_id, []).append(visit)
    return [follow_up(p, by_household.get(p.household_id, []), intervals, today) for p in persons]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def person_from_wire(raw: Mapping[str, Any]) -> PersonFacts:
    """A person as the vectors (and the phone's replica) spell it: days as ``YYYY-MM-DD``."""
    return PersonFacts(str(raw["id"]), str(raw["household_id"]), raw.get("category"),
                       _day(raw.get("opened_on")), raw.get("status"))


def visit_from_wire(raw: Mapping[str, Any]) -> VisitFacts:
    """A visit as the vectors spell it (``occurred_on`` already the business day)."""
    return VisitFacts(str(raw["id"]), str(raw["household_id"]), date.fromisoformat(raw["occurred_on"]),
                      raw.get("occurred_at") or "", tuple(str(p) for p in raw.get("person_ids") or ()),
                      raw.get("outcome"), _day(raw.get("next_follow_up")),
                      str(raw["amends_visit_id"]) if raw.get("amends_visit_id") else None)


def urgency_key(item: FollowUp) -> tuple[date, int, str]:
    """Most urgent first: the earliest due day, then the shorter interval, then the id."""
    return (item.due_on or date.max, item.interval_days or 0, item.person_id)


def render_reason(reason: Mapping[str, Any], attempts: int, language: str = "zh",
                  format_day: Any = None) -> str:
    """The reason line in ``language`` (``zh`` or ``en``), as the phone writes it."""
    table = MESSAGES["en" if language.startswith("en") else "zh"]
    fmt = format_day or (lambda d: d.isoformat() if isinstance(d, date) else str(d))
    code = reason.get("code")
    if code == "requested" and reason.get("days_since") is None:
        code = "requested_never"
    template = table.get(f"followup.reason.{code}")
    if template is None:
        return ""
    category = label("category", reason.get("category"), "en" if table is MESSAGES["en"] else "zh")
    values = {k: fmt(v) if isinstance(v, date) else v for k, v in reason.items()}
    text = template.format_map({**values, "category": category})
    if attempts:
        text += table["followup.reason.attempts"].format(n=attempts)
    return text
