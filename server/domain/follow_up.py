"""When is a person next due a visit? Last contact + the interval of their category.

Pure functions over plain values so they are easy to test against every row of the cadence
table. "At least every N days": a helper may ask for an earlier follow-up on a visit, never a
later one. Someone never contacted is due from the day their file was opened.

Stored dates can be absurd (a visit typed as 9999-12-31 before dates were bounded, and visits
are append-only): date arithmetic here saturates at the calendar's ends instead of raising, so
one such visit cannot take down every list that computes a due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .vocabulary import CATEGORY_INTERVAL_DAYS


@dataclass(frozen=True)
class Due:
    due_on: date
    #: Days past due (negative: days left).
    days_overdue: int
    days_since_contact: int | None
    interval_days: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def interval_for(category: str, rules: dict[str, int] | None = None) -> int:
    """The interval in days for `category`: the admin's rule if set, else DOMAIN.md's default."""
    if rules and category in rules:
        return rules[category]
    return CATEGORY_INTERVAL_DAYS[category]


def add_days(day: date, days: int) -> date:
    """`day + days`, held at the calendar's first or last day instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def next_due(
    *,
    category: str,
    today: date,
    last_contact: date | datetime | None,
    opened_on: date | datetime | None = None,
    requested: date | None = None,
    rules: dict[str, int] | None = None,
) -> Due:
    """When the person is next due. `requested` is a helper's earlier next-follow-up date."""
    interval = interval_for(category, rules)
    last = _as_date(last_contact)
    if last is None:
        due_on = _as_date(opened_on) or today
    else:
        due_on = add_days(last, interval)
        if requested is not None and last < requested < due_on:
            due_on = requested
    since = (today - last).days if last else None
    return Due(due_on, (today - due_on).days, since, interval)


def urgency_key(due: Due) -> tuple[int, int]:
    """Sort key: overdue first (most overdue first), then the soonest due."""
    return (0 if due.overdue else 1, -due.days_overdue)
