"""A reporting period: calendar days of the office, from a month, a quarter or from/to.

Periods are inclusive ranges of days in the business timezone (`business_time`); stored
instants are UTC, so `instants()` gives the UTC bounds [start, end) that SQL compares with:
local midnight of the first day to local midnight after the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from ..business_time import business_today, business_zone

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
YEAR = re.compile(r"^(\d{4})$")
#: Years a report may be about (a typo such as 0226 is refused, not reported as empty).
YEARS = range(1990, 2200)
#: A period longer than this is not a report but a history dump.
MAX_DAYS = 3 * 366


class BadPeriod(ValueError):
    """The period's text cannot be read, or its days are out of order or too far apart."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    #: How it was asked for: `2026-Q3`, `2026-07`, `2026`, or `2026-07-01..2026-08-31`.
    name: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def instants(self) -> tuple[datetime, datetime]:
        """Naive UTC bounds [start, end) of the period's days in the business timezone."""
        return local_midnight(self.start), local_midnight(self.end + timedelta(days=1))


def local_midnight(day: date) -> datetime:
    """The instant `day` begins in the business timezone, as naive UTC (as stored)."""
    return datetime.combine(day, time(0), business_zone()).astimezone(UTC).replace(tzinfo=None)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_period(period: str | None = None, start: date | None = None,
                 end: date | None = None) -> Period:
    """`period` ("2026-07", "2026-Q3", "2026"), or `start`/`end`; default: this quarter."""
    if period and (start or end):
        raise BadPeriod("give a period or from/to, not both")
    if start or end:
        if not (start and end):
            raise BadPeriod("give both from and to")
        if end < start:
            raise BadPeriod("to is before from")
        if start.year not in YEARS or end.year not in YEARS:
            raise BadPeriod(f"a period's year is between {YEARS.start} and {YEARS.stop - 1}")
        if (end - start).days + 1 > MAX_DAYS:
            raise BadPeriod(f"a period is at most {MAX_DAYS} days")
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    if not period:
        today = business_today()
        period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    text = period.strip()
    try:
        return _named(text)
    except ValueError as exc:  # year 0000 and the like
        raise BadPeriod(str(exc)) from exc


def _named(text: str) -> Period:
    if not text[:4].isdigit() or int(text[:4]) not in YEARS:
        raise BadPeriod(f"a period's year is between {YEARS.start} and {YEARS.stop - 1}")
    if m := MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise BadPeriod("a month is 01 to 12")
        return Period(date(year, month, 1), _month_end(year, month), text)
    if m := QUARTER.match(text):
        year, q = int(m[1]), int(m[2])
        return Period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), f"{year}-Q{q}")
    if m := YEAR.match(text):
        year = int(m[1])
        return Period(date(year, 1, 1), date(year, 12, 31), text)
    raise BadPeriod("a period is a month (2026-07), a quarter (2026-Q3) or a year (2026)")
