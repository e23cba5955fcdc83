"""The office's calendar: "today" and the day of an instant in the business timezone.

Timestamps are stored in UTC (`models.utcnow`), but a follow-up is due on a calendar day of the
office, and from midnight to 08:00 Beijing time the UTC date is still yesterday. Every "today"
of a list, a board or a report comes from here, in `BUSINESS_TIMEZONE` (default Asia/Shanghai).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Shanghai"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def business_zone() -> ZoneInfo:
    """The configured zone (the default outside an app context, e.g. in scripts)."""
    name = DEFAULT_TIMEZONE
    if has_app_context():
        name = current_app.config.get("BUSINESS_TIMEZONE") or DEFAULT_TIMEZONE
    return _zone(name)


def local_day(instant: datetime) -> date:
    """The office's calendar day of `instant` (naive datetimes are UTC, as stored)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(business_zone()).date()


def business_today(now: datetime | None = None) -> date:
    """Today in the office's timezone."""
    return local_day(now or datetime.now(UTC))
