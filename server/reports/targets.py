"""Progress against the programmes' own targets (DOMAIN.md, "Targets"), counted in SQL.

- 1-3-1: within 3 months of registering, someone who wants work gets 1 vocational guidance,
  3 job recommendations and 1 training referral.
- 3-3-3-3: a graduate from a disadvantaged family gets 3 heart-to-heart talks, 3 CV revisions,
  3 recruitment events and 3 recommended vacancies during the search: counted from the real
  records (CV versions, attendances, recommendations) within the assistance period, in
  `targets_3333.py`.
- A zero-employment family has a member in stable work (status `employed`) within 1 month.

Services are counted as the helper's phone counts them (pwa/js/domain/targets.js): contacts
that named the person, each service once per visit; a visit amended by another counts once, as
its amendment (PROTOCOL.md, "Follow-up"), and an attempt (nobody met) delivers nothing. Job
recommendations are the larger of the visits that delivered one and the recommendation records
(a helper may log both).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select, true

from sync.vocabulary import CONTACT_OUTCOMES

from ..extensions import db
from ..models import Household, Person, Recommendation, StatusEvent, Visit, visit_person
from .activity import not_replaced
from .filters import ReportScope
from .sql import as_date, days_between, greatest, json_elements, json_text
from .targets_3333 import SERVICE_3333, counts_3333

SERVICE_131 = {"vocational_guidance": 1, "job_recommendation": 3, "training_referral": 1}
#: Statuses of people who do not want work now (not in the 1-3-1 population).
NOT_SEEKING = ("studying", "further_study", "unemployed", "not_eligible")
WINDOW_DAYS = 90
ZERO_EMPLOYMENT_DAYS = 30


def _service_counts(scope: ReportScope, population: Any, services: tuple[str, ...],
                    window: bool, until: datetime | None = None) -> Any:
    """Per person of `population`: how many visits delivered each of `services` (and how many
    recommendations they got), within 3 months of registering when `window`."""
    svc = json_elements(Visit.services, "svc", strings=True)
    name = json_text(svc)
    in_window = (days_between(Visit.occurred_at, Person.registered_on).between(0, WINDOW_DAYS)
                 if window else true())
    visits = (
        select(Person.id.label("pid"), *[
            func.count(distinct(case((and_(name == s, in_window), Visit.id)))).label(s)
            for s in services])
        .select_from(Person).join(Household, Household.id == Person.household_id)
        .join(visit_person, visit_person.c.person_id == Person.id)
        .join(Visit, Visit.id == visit_person.c.visit_id).join(svc, true())
        .where(scope.persons(), population, not_replaced(),
               or_(Visit.outcome.is_(None), Visit.outcome.in_(CONTACT_OUTCOMES)),
               true() if until is None else Visit.occurred_at < until).group_by(Person.id)
        .subquery("visits")
    )
    rec_window = (days_between(Recommendation.created_at, Person.registered_on)
                  .between(0, WINDOW_DAYS) if window else true())
    recs = (
        select(Person.id.label("pid"), func.count(Recommendation.id).label("recs"))
        .select_from(Person).join(Household, Household.id == Person.household_id)
        .join(Recommendation, Recommendation.person_id == Person.id)
        .where(scope.persons(), population, rec_window,
               true() if until is None else Recommendation.created_at < until)
        .group_by(Person.id).subquery("recs")
    )
    columns = {s: func.coalesce(visits.c[s], 0) for s in services}
    columns["job_recommendation"] = greatest(columns["job_recommendation"],
                                             func.coalesce(recs.c.recs, 0))
    return (
        select(Person.id.label("pid"), Person.registered_on.label("registered_on"),
               *[c.label(s) for s, c in columns.items()])
        .select_from(Person).join(Household, Household.id == Person.household_id)
        .outerjoin(visits, visits.c.pid == Person.id).outerjoin(recs, recs.c.pid == Person.id)
        .where(scope.persons(), population).subquery("per_person")
    )


def _tally(per_person: Any, target: dict[str, int], extra: dict[str, Any]) -> dict[str, Any]:
    met = {s: per_person.c[s] >= n for s, n in target.items()}
    all_met = and_(*met.values())
    columns = {
        "population": func.count(per_person.c.pid),
        "met": func.sum(case((all_met, 1), else_=0)),
        **{f"met_{s}": func.sum(case((cond, 1), else_=0)) for s, cond in met.items()},
        **{k: func.sum(case((and_(~all_met, cond), 1), else_=0)) for k, cond in extra.items()},
    }
    row = db.session.execute(select(*[c.label(k) for k, c in columns.items()])).one()
    values = {k: int(v or 0) for k, v in row._mapping.items()}
    return {
        "population": values["population"], "met": values["met"],
        **{k: values[k] for k in extra},
        "targets": [{"service": s, "target": n, "met": values[f"met_{s}"]} for s, n in target.items()],
    }


def service_131(scope: ReportScope, today: date, until: datetime | None = None) -> dict[str, Any]:
    """Persons registered who want work: met, still within 3 months, or missed (with `until`:
    counting only the services delivered before it)."""
    population = and_(Person.registered_on.is_not(None), Person.status.not_in(NOT_SEEKING),
                      Person.category != "settled")
    per_person = _service_counts(scope, population, tuple(SERVICE_131), window=True, until=until)
    still_open = days_between(today, per_person.c.registered_on) <= WINDOW_DAYS
    return _tally(per_person, SERVICE_131, {"in_progress": still_open, "missed": ~still_open})


#: Who 3-3-3-3 is for: graduates from disadvantaged families.
POPULATION_3333 = and_(Person.disadvantaged.is_(True), Person.graduation_date.is_not(None))


def service_3333(scope: ReportScope, until: datetime | None = None) -> dict[str, Any]:
    """Graduates from disadvantaged families: met all four, or not yet (counted from the
    records within each one's assistance period: `targets_3333.py`)."""
    per_person = counts_3333(scope, POPULATION_3333, until)
    return _tally(per_person, SERVICE_3333, {"in_progress": true()})


def zero_employment_month(scope: ReportScope, today: date,
                          until: datetime | None = None) -> dict[str, Any]:
    """Zero-employment households: a member employed within a month of registering, later,
    not yet but still within the month, or overdue."""
    registered = func.coalesce(func.min(Person.registered_on), func.min(as_date(Household.created_at)))
    first_job = (select(StatusEvent.person_id.label("pid"), func.min(StatusEvent.at).label("at"))
                 .where(StatusEvent.to_status == "employed", StatusEvent.superseded.is_(False),
                        true() if until is None else StatusEvent.at < until)
                 .group_by(StatusEvent.person_id).subquery("first_job"))
    per_household = (
        select(Household.id.label("hid"), registered.label("registered"),
               func.min(first_job.c.at).label("placed_at"),
               func.max(case((Person.status == "employed", 1), else_=0)).label("employed_now"))
        .select_from(Household).join(Person, Person.household_id == Household.id)
        .outerjoin(first_job, first_job.c.pid == Person.id)
        .where(scope.households(), Household.zero_employment.is_(True))
        .group_by(Household.id).subquery("zero")
    )
    z = per_household.c
    # As of a period's end: placed by then (a first job before it), whatever came after.
    placed = z.employed_now == 1 if until is None else z.placed_at.is_not(None)
    in_month = and_(placed, days_between(z.placed_at, z.registered) <= ZERO_EMPLOYMENT_DAYS)
    month_left = days_between(today, z.registered) <= ZERO_EMPLOYMENT_DAYS
    columns = {
        "households": func.count(z.hid),
        "placed": func.sum(case((placed, 1), else_=0)),
        "placed_within_month": func.sum(case((in_month, 1), else_=0)),
        "waiting_within_month": func.sum(case((and_(~placed, month_left), 1), else_=0)),
        "overdue": func.sum(case((and_(~placed, ~month_left), 1), else_=0)),
    }
    row = db.session.execute(select(*[c.label(k) for k, c in columns.items()])).one()
    return {k: int(v or 0) for k, v in row._mapping.items()}


def targets(scope: ReportScope, today: date, until: datetime | None = None) -> dict[str, Any]:
    """The three targets as of `today`; with `until` (a period report's end), counting only
    what was done before it."""
    return {"service_131": service_131(scope, today, until),
            "service_3333": service_3333(scope, until),
            "zero_employment_month": zero_employment_month(scope, today, until)}
