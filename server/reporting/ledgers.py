"""The office's standing lists (台账): the graduate status table, the disadvantaged ledger,
the visit log and the overdue list, in the caller's scope, rows of codes and plain values. The
disadvantaged ledger carries each person's assistance period and 3-3-3-3 counted within it
(`reports.targets_3333`).

Each ledger is `(columns, rows)` like the board's tables (`reports.tables.TABLES`), so one
writer turns either into a labelled workbook (`sheets.py`). The overdue list is the follow-up
engineer's due list (`reports.due.due_list`), never derived again here. Visit days are the
office's calendar days (`business_time.local_day`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from ..business_time import business_today, local_day
from ..extensions import db
from ..models import Area, Household, Person, StatusEvent, User, Visit, visit_person
from ..models.support import AssistancePeriod
from ..reports.counts import cohort_year
from ..reports.due import due_list
from ..reports.filters import ReportScope
from ..reports.targets_3333 import counts_3333
from .period import Period
from .sheets import HEADERS, KINDS

Ledger = tuple[list[str], list[dict[str, Any]]]


def _names(ids: set[Any], model: Any, column: Any) -> dict[Any, str]:
    ids.discard(None)
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())


def _persons(scope: ReportScope, *conditions: Any) -> list[tuple[Person, Household]]:
    query = (select(Person, Household).join(Household, Household.id == Person.household_id)
             .where(scope.persons(), *conditions).order_by(Household.committee_id, Household.address, Person.name))
    return [(p, h) for p, h in db.session.execute(query)]


def _status_since(person_ids: list[Any]) -> dict[Any, date]:
    since: dict[Any, date] = {}
    for pid, at in db.session.execute(
            select(StatusEvent.person_id, StatusEvent.at)
            .where(StatusEvent.person_id.in_(person_ids), StatusEvent.superseded.is_(False))
            .order_by(StatusEvent.at)):
        since[pid] = local_day(at)
    return since


def graduates(scope: ReportScope, args: dict[str, Any]) -> Ledger:
    """Graduates of a year (default: last summer's) and where each one is now."""
    year = args.get("graduation_year") or cohort_year(business_today())
    rows = _persons(scope, Person.graduation_date.is_not(None))
    rows = [(p, h) for p, h in rows if p.graduation_date and p.graduation_date.year == year]
    committees = _names({h.committee_id for _p, h in rows}, Area, Area.name)
    helpers = _names({p.helper_id for p, _h in rows}, User, User.display_name)
    since = _status_since([p.id for p, _h in rows])
    columns = ["name", "gender", "school", "major", "education_level", "graduation_date", "status",
               "status_since", "category", "committee", "helper_name", "phone", "last_contact_at"]
    return columns, [{
        "name": p.name, "gender": p.gender, "school": p.school, "major": p.major,
        "education_level": p.education_level, "graduation_date": p.graduation_date,
        "status": p.status, "status_since": since.get(p.id), "category": p.category,
        "committee": committees.get(h.committee_id, ""), "helper_name": helpers.get(p.helper_id, ""),
        "phone": p.phone, "last_contact_at": local_day(p.last_contact_at) if p.last_contact_at else None,
    } for p, h in rows]


#: The assistance period's and 3-3-3-3's columns of the disadvantaged ledger, (zh, en).
SUPPORT_HEADERS: dict[str, tuple[str, str]] = {
    "assistance_start": ("帮扶开始", "Assistance from"), "assistance_end": ("帮扶结束", "Assistance to"),
    "assistance_helper": ("帮扶责任人", "Assisting helper"),
    "talks": ("谈心次数", "Heart-to-heart talks"), "cv_revisions": ("简历修改", "CV revisions"),
    "events_attended": ("参加招聘会", "Recruitment events"),
    "vacancies_recommended": ("推荐岗位", "Vacancies recommended"),
}
# The sheet writer labels these like its own (to move into sheets.HEADERS / KINDS).
HEADERS.update({k: v for k, v in SUPPORT_HEADERS.items() if k not in HEADERS})
KINDS.update({"assistance_start": "date", "assistance_end": "date"})
_3333_COLUMNS = {"talks": "heart_to_heart", "cv_revisions": "cv_revision",
                 "events_attended": "recruitment_event", "vacancies_recommended": "job_recommendation"}


def _assistance(person_ids: list[Any]) -> dict[Any, AssistancePeriod]:
    """Each person's latest assistance period."""
    latest: dict[Any, AssistancePeriod] = {}
    for i in range(0, len(person_ids), 500):
        for period in db.session.scalars(select(AssistancePeriod).where(
                AssistancePeriod.person_id.in_(person_ids[i:i + 500])).order_by(AssistancePeriod.start_on)):
            latest[period.person_id] = period
    return latest


def _counts(scope: ReportScope, population: Any) -> dict[Any, dict[str, int]]:
    """3-3-3-3 per person of the ledger, within their assistance period (one query)."""
    per_person = counts_3333(scope, population)
    return {row.pid: {col: int(getattr(row, svc) or 0) for col, svc in _3333_COLUMNS.items()}
            for row in db.session.execute(select(per_person))}


def disadvantaged(scope: ReportScope, args: dict[str, Any]) -> Ledger:
    """Zero-employment families, persons with employment difficulties and graduates of
    disadvantaged families: the ledger of those who get help first, with each one's assistance
    period (start, end, the helper) and 3-3-3-3 counted from the records within it."""
    population = or_(Household.zero_employment.is_(True), Person.disadvantaged.is_(True),
                     Person.category.in_(("zero_employment_family", "employment_difficulty")))
    rows = _persons(scope, population)
    periods = _assistance([p.id for p, _h in rows])
    counts = _counts(scope, population)
    committees = _names({h.committee_id for _p, h in rows}, Area, Area.name)
    helpers = _names({p.helper_id for p, _h in rows} | {a.helper_id for a in periods.values()},
                     User, User.display_name)
    columns = ["name", "id_number", "gender", "committee", "address", "zero_employment", "disadvantaged",
               "category", "status", "difficulties", "helper_name", "phone", "last_contact_at",
               "assistance_start", "assistance_end", "assistance_helper", *_3333_COLUMNS]
    out = []
    for p, h in rows:
        period = periods.get(p.id)
        out.append({
            "name": p.name, "id_number": p.id_number, "gender": p.gender,
            "committee": committees.get(h.committee_id, ""), "address": h.address,
            "zero_employment": h.zero_employment, "disadvantaged": p.disadvantaged, "category": p.category,
            "status": p.status, "difficulties": p.difficulties, "helper_name": helpers.get(p.helper_id, ""),
            "phone": p.phone, "last_contact_at": local_day(p.last_contact_at) if p.last_contact_at else None,
            "assistance_start": period.start_on if period else None,
            "assistance_end": period.end_on if period else None,
            "assistance_helper": helpers.get(period.helper_id, "") if period else "",
            **counts.get(p.id, dict.fromkeys(_3333_COLUMNS, 0)),
        })
    return columns, out


def visits(scope: ReportScope, args: dict[str, Any]) -> Ledger:
    """Every visit of the period (default: this quarter), oldest first. Columns, not ORM rows:
    a year's log of a district is thousands of visits."""
    period: Period = args["period"]
    start, end = period.instants()
    query = (select(Visit.id, Visit.occurred_at, Visit.channel, Visit.outcome, Visit.services, Visit.notes,
                    Visit.author_id, Visit.review_state, Visit.next_follow_up, Household.committee_id,
                    Household.address)
             .join(Household, Household.id == Visit.household_id)
             .where(scope.households(), Visit.occurred_at >= start, Visit.occurred_at < end)
             .order_by(Visit.occurred_at))
    rows = db.session.execute(query).all()
    names: dict[Any, list[str]] = defaultdict(list)
    ids = [r.id for r in rows]
    for i in range(0, len(ids), 500):
        for visit_id, name in db.session.execute(
                select(visit_person.c.visit_id, Person.name).join(Person, Person.id == visit_person.c.person_id)
                .where(visit_person.c.visit_id.in_(ids[i:i + 500])).order_by(Person.name)):
            names[visit_id].append(name)
    committees = _names({r.committee_id for r in rows}, Area, Area.name)
    authors = _names({r.author_id for r in rows}, User, User.display_name)
    columns = ["occurred_at", "committee", "address", "visit_persons", "channel", "outcome", "services",
               "notes", "author", "review_state", "next_follow_up"]
    return columns, [{
        "occurred_at": local_day(r.occurred_at), "committee": committees.get(r.committee_id, ""),
        "address": r.address, "visit_persons": "、".join(names.get(r.id, [])), "channel": r.channel,
        "outcome": r.outcome, "services": r.services, "notes": r.notes,
        "author": authors.get(r.author_id, ""), "review_state": r.review_state,
        "next_follow_up": r.next_follow_up,
    } for r in rows]


def overdue(scope: ReportScope, args: dict[str, Any]) -> Ledger:
    """Everyone overdue a visit now, most overdue first (the follow-ups' due list)."""
    query: dict[str, Any] = {"overdue_only": True, "within_days": 0, "limit": 1_000_000}
    query.update({k: scope.filters[k] for k in ("committee_id", "category") if scope.filters.get(k)})
    items = due_list(query)["items"]
    if scope.filters.get("helper_id"):  # the person's helper, as in the other ledgers
        items = [i for i in items if i["helper_id"] == scope.filters["helper_id"]]
    helpers = _names({i["helper_id"] for i in items}, User, User.display_name)
    columns = ["name", "address", "helper_name", "category", "status", "interval_days",
               "last_contact_at", "days_since_contact", "due_on", "days_overdue"]
    return columns, [{
        **{k: item[k] for k in ("name", "address", "category", "status", "interval_days",
                                "days_since_contact", "due_on", "days_overdue")},
        "helper_name": helpers.get(item["helper_id"], ""),
        "last_contact_at": local_day(item["last_contact_at"]) if item["last_contact_at"] else None,
    } for item in items]


LEDGERS: dict[str, Callable[[ReportScope, dict[str, Any]], Ledger]] = {
    "graduates": graduates, "disadvantaged": disadvantaged, "visits": visits, "overdue": overdue,
}
