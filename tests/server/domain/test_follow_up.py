"""The cadence table of DOMAIN.md, row by row: due at last contact + interval, overdue after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from server.domain.follow_up import Due, next_due, urgency_key
from server.domain.vocabulary import CATEGORY_INTERVAL_DAYS

LAST = date(2026, 3, 1)

#: DOMAIN.md's "visit at least every" column, in days (1 month = 30, 1 year = 365).
CADENCE = [
    ("zero_employment_family", 15),
    ("employment_difficulty", 30),
    ("unemployed_seeking", 90),
    ("unemployment_insurance", 90),
    ("underemployed_not_seeking", 180),
    ("settled", 365),
    ("graduate_active_search", 14),
]


def test_the_table_covers_every_category() -> None:
    assert dict(CADENCE) == CATEGORY_INTERVAL_DAYS


@pytest.mark.parametrize(("category", "days"), CADENCE)
def test_due_at_last_contact_plus_interval(category: str, days: int) -> None:
    due = next_due(category=category, today=LAST, last_contact=LAST)
    assert due.due_on == LAST + timedelta(days=days)
    assert due.interval_days == days
    assert due.days_since_contact == 0
    assert not due.overdue


@pytest.mark.parametrize(("category", "days"), CADENCE)
@pytest.mark.parametrize(("offset", "overdue"), [(-1, False), (0, False), (1, True)])
def test_overdue_only_after_the_due_day(
    category: str, days: int, offset: int, overdue: bool
) -> None:
    today = LAST + timedelta(days=days + offset)
    due = next_due(category=category, today=today, last_contact=LAST)
    assert due.days_overdue == offset
    assert due.overdue is overdue
    assert due.days_since_contact == days + offset


def test_a_datetime_contact_counts_by_its_day() -> None:
    due = next_due(
        category="graduate_active_search", today=LAST, last_contact=datetime(2026, 3, 1, 23, 59)
    )
    assert due.due_on == date(2026, 3, 15)


def test_category_change_mid_cycle_uses_the_new_interval_from_the_same_contact() -> None:
    today = LAST + timedelta(days=20)
    before = next_due(category="settled", today=today, last_contact=LAST)
    after = next_due(category="zero_employment_family", today=today, last_contact=LAST)
    assert (before.due_on, before.overdue) == (LAST + timedelta(days=365), False)
    assert (after.due_on, after.days_overdue, after.overdue) == (LAST + timedelta(days=15), 5, True)


def test_an_admin_rule_replaces_the_default_interval() -> None:
    rules = {"zero_employment_family": 7}
    due = next_due(
        category="zero_employment_family",
        today=LAST + timedelta(days=10),
        last_contact=LAST,
        rules=rules,
    )
    assert (due.interval_days, due.days_overdue) == (7, 3)
    # Other categories keep their default.
    other = next_due(category="settled", today=LAST, last_contact=LAST, rules=rules)
    assert other.interval_days == 365


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (LAST + timedelta(days=5), LAST + timedelta(days=5)),  # earlier: honoured
        (LAST + timedelta(days=40), LAST + timedelta(days=14)),  # later: at least every 14 days
        (LAST - timedelta(days=3), LAST + timedelta(days=14)),  # before the contact: stale
        (LAST, LAST + timedelta(days=14)),
    ],
)
def test_a_helper_may_ask_for_an_earlier_follow_up_never_a_later_one(
    requested: date, expected: date
) -> None:
    due = next_due(
        category="graduate_active_search", today=LAST, last_contact=LAST, requested=requested
    )
    assert due.due_on == expected


def test_someone_never_contacted_is_due_from_the_day_the_file_was_opened() -> None:
    due = next_due(
        category="settled", today=LAST, last_contact=None, opened_on=LAST - timedelta(days=10)
    )
    assert (due.due_on, due.days_overdue, due.overdue) == (LAST - timedelta(days=10), 10, True)
    assert due.days_since_contact is None


def test_never_contacted_without_an_opening_date_is_due_today() -> None:
    due = next_due(category="settled", today=LAST, last_contact=None)
    assert (due.due_on, due.overdue) == (LAST, False)


def test_urgency_puts_the_most_overdue_first_then_the_soonest_due() -> None:
    dues = {
        "due in 3": Due(LAST, -3, 1, 14),
        "overdue 1": Due(LAST, 1, 15, 14),
        "due today": Due(LAST, 0, 14, 14),
        "overdue 30": Due(LAST, 30, 44, 14),
    }
    order = sorted(dues, key=lambda name: urgency_key(dues[name]))
    assert order == ["overdue 30", "overdue 1", "due today", "due in 3"]
