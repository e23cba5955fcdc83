"""A period's figures, one row per sub-district (the district's view) or per committee (a
supervisor's), and a total row: what the programmes report upwards.

Definitions (all days are the office's, `business_time`; instants compared in UTC):

- **cohort**: persons in scope whose graduation date is in the cohort year (default: the last
  summer's graduates at the period's end, `reports.counts.cohort_year`) and not after the
  period's end.
- **left without a job**: of the cohort, those whose status at the end of their graduation day
  was `seeking` or `unemployed`. A person's status at an instant is the latest status event
  (not superseded) before it; for a file opened after that instant, the status the file was
  opened with; for a file with no events at all, its current status.
- **placed of those** (the 91.42 % shape): of the ones who left without a job, those whose
  status at the period's end is `employed`; `placement_rate` = placed / left (None if none left).
- **placed in the period**: persons with a status event to `employed` (from anything else)
  inside the period.
- **reached**: persons a contact in the period named (a visit whose outcome is a contact, or
  a legacy visit without outcome; `domain.vocabulary.is_contact`).
- **recommended / interview / hired**: recommendations made in the period; moves to
  `interview` and to `hired` in the period (the recommendation's history).
- **overdue now**: the due list's overdue persons today (`reports.due.due_list`, the caller's
  scope).
- **targets** (`reports.targets`, per row as that area's board counts it) as of the period's
  end: the population is the persons on file by then (registered by the last day, or a file
  opened before the end), and "still within its window" is judged on the period's last day (or
  today, for a period not over yet). A past quarter's report therefore does not grow with the
  people registered since, nor with services delivered, CVs uploaded, events attended or
  first jobs found after its end (`reports.targets.targets(..., until=end)`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from ..business_time import business_today
from ..domain.vocabulary import is_contact
from ..extensions import db
from ..models import Area, Household, Person, Recommendation, StatusEvent, User, Visit, visit_person
from ..reports.counts import cohort_year
from ..reports.due import due_list
from ..reports.filters import ReportScope
from ..reports.targets import targets
from .period import Period, local_midnight

#: Statuses that mean "left school without a job" at graduation.
JOBLESS = ("seeking", "unemployed")
PLACED = "employed"
#: The figures of a row, in the order reports show them.
FIGURES = ("persons", "cohort", "left_without_job", "placed_of_those", "placement_rate",
           "placed_in_period", "reached", "recommended", "interview", "hired", "overdue_now",
           "target_131_met", "target_131_population", "target_3333_met", "target_3333_population",
           "zero_employment_placed", "zero_employment_households")


@dataclass(frozen=True)
class Group:
    id: uuid.UUID | None
    name: str


def _at(value: Any) -> datetime | None:
    """A history move's `at` (ISO text, maybe with an offset) as naive UTC."""
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def groups_for(user: User) -> tuple[str, list[Group]]:
    """`("subdistrict", ...)` for an admin (the district's view), `("committee", ...)` for a
    supervisor (their sub-district's committees)."""
    if user.role == "admin":
        areas = db.session.scalars(select(Area).where(Area.kind == "subdistrict").order_by(Area.name))
        return "subdistrict", [Group(a.id, a.name) for a in areas]
    areas = db.session.scalars(select(Area).where(Area.kind == "committee", Area.parent_id == user.area_id)
                               .order_by(Area.name))
    return "committee", [Group(a.id, a.name) for a in areas]


def status_at(events: list[StatusEvent], instant: datetime, current: str) -> str | None:
    """The person's status at `instant` from their events (sorted by `at`); see the module."""
    before = [e for e in events if e.at < instant]
    if before:
        return before[-1].to_status
    if events:
        return events[0].to_status
    return current


def period_report(user: User, period: Period, *, cohort: int | None = None,
                  today: date | None = None) -> dict[str, Any]:
    """`{period, level, cohort_year, rows: [{group_id, name, **figures}], total}` in `user`'s scope."""
    today = today or business_today()
    year = cohort or cohort_year(period.end)
    level, groups = groups_for(user)
    start, end = period.instants()
    scope = ReportScope(user)
    key_column = Household.subdistrict_id if level == "subdistrict" else Household.committee_id
    people = db.session.execute(
        select(Person.id, key_column, Person.status, Person.graduation_date)
        .join(Household, Household.id == Person.household_id).where(scope.persons())
    ).all()
    group_of = {pid: key for pid, key, _s, _g in people}
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for key in group_of.values():
        counts[key]["persons"] += 1
    _cohort(counts, people, period, year, end)
    _placed(counts, group_of, scope, start, end)
    _reached(counts, group_of, scope, start, end)
    _recommendations(counts, group_of, scope, start, end)
    _overdue(counts, level)
    _targets(counts, user, level, groups, min(today, period.end), end)
    rows = [{"group_id": g.id, "name": g.name, **_rated(counts[g.id])} for g in groups]
    total = dict.fromkeys(FIGURES, 0)
    for figures in counts.values():
        for k in FIGURES:
            total[k] += figures[k]
    return {"period": {"name": period.name, "from": period.start, "to": period.end},
            "level": level, "cohort_year": year, "today": today, "rows": rows,
            "total": {"group_id": None, "name": "", **_rated(total)}}


def _rated(figures: dict[str, Any]) -> dict[str, Any]:
    left = figures["left_without_job"]
    return {**figures, "placement_rate": round(figures["placed_of_those"] / left, 4) if left else None}


def _events(person_ids: Iterable[Any]) -> dict[Any, list[StatusEvent]]:
    found: dict[Any, list[StatusEvent]] = defaultdict(list)
    ids = list(person_ids)
    for i in range(0, len(ids), 500):
        for event in db.session.scalars(
                select(StatusEvent).where(StatusEvent.person_id.in_(ids[i:i + 500]),
                                          StatusEvent.superseded.is_(False)).order_by(StatusEvent.at)):
            found[event.person_id].append(event)
    return found


def _cohort(counts: dict[Any, dict[str, int]], people: Sequence[Any], period: Period, year: int,
            end: datetime) -> None:
    members = [(pid, key, status, grad) for pid, key, status, grad in people
               if grad is not None and grad.year == year and grad <= period.end]
    events = _events(pid for pid, *_ in members)
    for pid, key, status, grad in members:
        counts[key]["cohort"] += 1
        history = events.get(pid, [])
        if status_at(history, local_midnight(grad + timedelta(days=1)), status) not in JOBLESS:
            continue
        counts[key]["left_without_job"] += 1
        if status_at(history, end, status) == PLACED:
            counts[key]["placed_of_those"] += 1


def _placed(counts: dict[Any, dict[str, int]], group_of: dict[Any, Any], scope: ReportScope,
            start: datetime, end: datetime) -> None:
    placed = db.session.scalars(
        select(StatusEvent.person_id).distinct()
        .join(Person, Person.id == StatusEvent.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(
            scope.persons(),  # the caller's persons only, never a scan of the city's events
            StatusEvent.to_status == PLACED, StatusEvent.superseded.is_(False),
            StatusEvent.at >= start, StatusEvent.at < end,
            (StatusEvent.from_status.is_(None)) | (StatusEvent.from_status != PLACED)))
    for pid in placed:
        if pid in group_of:
            counts[group_of[pid]]["placed_in_period"] += 1


def _reached(counts: dict[Any, dict[str, int]], group_of: dict[Any, Any], scope: ReportScope,
             start: datetime, end: datetime) -> None:
    rows = db.session.execute(
        select(visit_person.c.person_id, Visit.outcome)
        .join(Visit, Visit.id == visit_person.c.visit_id)
        .join(Person, Person.id == visit_person.c.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(scope.persons(), Visit.occurred_at >= start, Visit.occurred_at < end))
    reached = {pid for pid, outcome in rows if pid in group_of and is_contact(outcome, [str(pid)])}
    for pid in reached:
        counts[group_of[pid]]["reached"] += 1


def _recommendations(counts: dict[Any, dict[str, int]], group_of: dict[Any, Any],
                     scope: ReportScope, start: datetime, end: datetime) -> None:
    # A move in the period leaves the last move (state_changed_at) after the period's start.
    rows = db.session.execute(
        select(Recommendation.person_id, Recommendation.created_at, Recommendation.history)
        .join(Person, Person.id == Recommendation.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(scope.persons(), or_(Recommendation.created_at >= start,
                                    Recommendation.state_changed_at >= start)))
    for pid, created_at, history in rows:
        if pid not in group_of:
            continue
        figures = counts[group_of[pid]]
        if start <= created_at < end:
            figures["recommended"] += 1
        moves = {m.get("to") for m in (history or []) if isinstance(m, dict)
                 and (at := _at(m.get("at"))) is not None and start <= at < end}
        figures["interview"] += "interview" in moves
        figures["hired"] += "hired" in moves


def _overdue(counts: dict[Any, dict[str, int]], level: str) -> None:
    items = due_list({"overdue_only": True, "within_days": 0, "limit": 10_000_000})["items"]
    households = {i["household_id"] for i in items}
    column = Household.subdistrict_id if level == "subdistrict" else Household.committee_id
    key_of = dict(db.session.execute(select(Household.id, column).where(Household.id.in_(households)))
                  .all()) if households else {}
    for item in items:
        counts[key_of.get(item["household_id"])]["overdue_now"] += 1


@dataclass
class ScopeAtEnd(ReportScope):
    """A report scope that leaves out the files opened after `end` (an instant, naive UTC)."""

    end: datetime = datetime.max
    last_day: date = date.max

    def _on_file(self, person: Any = Person) -> Any:
        return or_(person.registered_on <= self.last_day,
                   and_(person.registered_on.is_(None), person.created_at < self.end))

    def persons(self) -> Any:
        return and_(super().persons(), self._on_file())

    def households(self) -> Any:
        member = aliased(Person)  # not the outer query's Person: a household, not a row of it
        member_on_file = exists().where(member.household_id == Household.id, self._on_file(member))
        return and_(super().households(), or_(Household.created_at < self.end, member_on_file))


def _targets(counts: dict[Any, dict[str, int]], user: User, level: str, groups: list[Group],
             day: date, end: datetime) -> None:
    """Targets per row as of the period's end (`day` its last day, or today if sooner): a
    committee through the board's committee filter; a sub-district as its supervisor's board
    counts it (a transient supervisor of that area, never saved)."""
    for group in groups:
        if level == "committee":
            scope = ScopeAtEnd(user, {"committee_id": group.id}, end=end, last_day=day)
        else:
            supervisor = User(role="supervisor", area_id=group.id, username="", display_name="")
            scope = ScopeAtEnd(supervisor, end=end, last_day=day)
        result = targets(scope, day, end)
        figures = counts[group.id]
        figures["target_131_met"] += result["service_131"]["met"]
        figures["target_131_population"] += result["service_131"]["population"]
        figures["target_3333_met"] += result["service_3333"]["met"]
        figures["target_3333_population"] += result["service_3333"]["population"]
        zero = result["zero_employment_month"]
        figures["zero_employment_placed"] += zero["placed_within_month"]
        figures["zero_employment_households"] += zero["households"]
