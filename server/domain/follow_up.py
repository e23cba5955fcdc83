"""When is a person next due a visit: the server's adapter over the one rule, `sync/followup.py`.

The rule is pure and shared with the phone (PROTOCOL.md, "Follow-up"); this module turns rows
into its facts, with calendar days in the business timezone (`business_time.local_day`), and
reads the visits that can still matter: those since each household's oldest last contact,
plus every amendment. `person.last_contact_at` is kept by the write path with the same rule
(`case_file.record_visit`), so that window is exact; a person whose stored last contact
disagrees with the rule (data written before the rule) has their household read in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import case, func, or_, select

from sync.followup import (
    FollowUp,
    PersonFacts,
    VisitFacts,
    counted,
    follow_up,
    follow_ups,
    interval_table,
    is_contact,
)

from ..business_time import local_day
from ..extensions import db
from ..models import FollowUpRule, Person, Visit, visit_person


def current_rules() -> dict[str, int]:
    """Visit interval in days per category: the admin's rules over the shared defaults."""
    return interval_table({r.category: r.interval_days for r in db.session.scalars(select(FollowUpRule))})


def interval_for(category: str, rules: dict[str, int] | None = None) -> int:
    """The interval in days for `category` (the admin's rule if given, else the default)."""
    return (rules or interval_table()).get(category) or interval_table()[category]


def person_facts(person: Person) -> PersonFacts:
    return PersonFacts(str(person.id), str(person.household_id), person.category,
                       person.registered_on, person.status)


def order_text(at: datetime) -> str:
    """The instant as the phone's `Date.toISOString()` writes it (milliseconds, `Z`), so both
    order the visits of one day alike."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def day_of(at: datetime) -> date:
    """The office's day of `at`, held at the calendar's end (a stored 9999-12-31 23:59 is
    already tomorrow in Beijing, past the last date Python knows)."""
    try:
        return local_day(at)
    except OverflowError:
        return date.max if at.year > 1 else date.min


def visit_facts(visit_id: Any, household_id: Any, occurred_at: datetime, person_ids: Iterable[Any],
                outcome: str | None, next_follow_up: date | None, amends: Any) -> VisitFacts:
    return VisitFacts(str(visit_id), str(household_id), day_of(occurred_at), order_text(occurred_at),
                      tuple(sorted(str(p) for p in person_ids)), outcome, next_follow_up,
                      str(amends) if amends else None)


def of_visit(visit: Visit) -> VisitFacts:
    """A visit row (or one still in the session) as the rule's facts."""
    return visit_facts(visit.id, visit.household_id, visit.occurred_at,
                       [p.id for p in visit.persons], visit.outcome, visit.next_follow_up,
                       visit.amends_visit_id)


def _visits(where: Any, joins: Any = None, times: dict[str, datetime] | None = None) -> list[VisitFacts]:
    cols = (Visit.id, Visit.household_id, Visit.occurred_at, Visit.outcome, Visit.next_follow_up,
            Visit.amends_visit_id)
    query = select(*cols, visit_person.c.person_id).outerjoin(
        visit_person, visit_person.c.visit_id == Visit.id)
    if joins is not None:
        query = query.join(joins, joins.c.household_id == Visit.household_id)
    rows: dict[Any, list[Any]] = {}
    for *values, pid in db.session.execute(query.where(where)):
        entry = rows.setdefault(values[0], [*values, []])
        if pid is not None:
            entry[-1].append(pid)
    if times is not None:
        times.update({str(vid): at for vid, _h, at, *_rest in rows.values()})
    return [visit_facts(vid, hid, at, pids, outcome, nfu, amends)
            for vid, hid, at, outcome, nfu, amends, pids in rows.values()]


def household_visits(household_ids: Iterable[Any],
                     times: dict[str, datetime] | None = None) -> list[VisitFacts]:
    """Every visit of these households (one household at write, a few at a fallback); `times`
    receives each visit's stored time by id."""
    ids = list(household_ids)
    return _visits(Visit.household_id.in_(ids), times=times) if ids else []


def due_for(persons_query: Any, persons: list[Person], today: date,
            rules: dict[str, int] | None = None) -> list[FollowUp]:
    """The rule's answer for each of `persons` (the rows of `persons_query`, a select of Person)."""
    rules = rules or current_rules()
    now = datetime.combine(today, datetime.max.time())
    scoped = persons_query.with_only_columns(
        Person.household_id.label("hid"), Person.last_contact_at.label("at")).subquery("scoped")
    last = func.min(case((scoped.c.at <= now, scoped.c.at)))
    never = func.count() - func.count(case((scoped.c.at <= now, 1)))
    window = (select(scoped.c.hid.label("household_id"),
                     case((never > 0, None), else_=last).label("since"))
              .group_by(scoped.c.hid).subquery("window"))
    visits = _visits(or_(window.c.since.is_(None), Visit.occurred_at >= window.c.since,
                         Visit.amends_visit_id.is_not(None)), joins=window)
    answers = follow_ups([person_facts(p) for p in persons], visits, rules, today)
    # Stored last contacts the rule disagrees with (written before it): read those households whole.
    stale = {p.household_id for p, a in zip(persons, answers, strict=True)
             if a.due_on is not None and a.last_contact != _stored_day(p, now)}
    if stale:
        full = household_visits(stale)
        by_id = {str(h) for h in stale}
        answers = [follow_up(person_facts(p), [v for v in full if v.household_id == str(p.household_id)],
                             rules, today) if str(p.household_id) in by_id else a
                   for p, a in zip(persons, answers, strict=True)]
    return answers


def _stored_day(person: Person, now: datetime) -> date | None:
    at = person.last_contact_at
    return day_of(at) if at is not None and at <= now else None


def latest_contact_at(person: Person, visits: list[VisitFacts], when: dict[str, datetime],
                      today: date) -> datetime | None:
    """When `person` was last contacted by the rule (what `person.last_contact_at` holds);
    `when`: each visit id's stored time."""
    pid = str(person.id)
    mine = [v for v in counted(visits) if pid in v.person_ids and v.occurred_on <= today
            and is_contact(v)]
    return when[max(mine, key=lambda v: v.order).id] if mine else None
