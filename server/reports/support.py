"""The board's support figures for a period: subsidies applied and granted, trainings, 3-3-3-3.

An application counts in the period of its `applied_on`, a decision in that of its
`decided_on`, a referral in that of its `referred_on`, a completed training in that of its
`completed_on` (office days, as recorded), all for persons in the board's scope; graduates'
requests to join a course are counted while they wait for the helper. 3-3-3-3 progress is the targets' own figure
(`targets.service_3333`): per person within their assistance period, not per board period.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, or_, select

from ..extensions import db
from ..models import Household, Person, Policy
from ..models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from ..reporting.period import Period
from .filters import ReportScope
from .targets import service_3333


def _in(column: Any, period: Period) -> Any:
    return column.between(period.start, period.end)


def _scoped(query: Any, model: Any, scope: ReportScope) -> Any:
    return (query.join(Person, Person.id == model.person_id)
            .join(Household, Household.id == Person.household_id).where(scope.persons()))


def policy_counts(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Per policy: applications made, grants, refusals and the amount granted in the period."""
    applied = _in(PolicyCase.applied_on, period)
    decided = _in(PolicyCase.decided_on, period)
    granted = and_(PolicyCase.state == "granted", decided)
    query = _scoped(
        select(Policy.id, Policy.title,
               func.sum(case((applied, 1), else_=0)).label("applied"),
               func.sum(case((granted, 1), else_=0)).label("granted"),
               func.sum(case((and_(PolicyCase.state == "refused", decided), 1), else_=0))
               .label("refused"),
               func.sum(case((granted, func.coalesce(PolicyCase.amount, 0)), else_=0))
               .label("amount_granted"))
        .select_from(PolicyCase).join(Policy, Policy.id == PolicyCase.policy_id),
        PolicyCase, scope,
    ).where(or_(applied, decided)).group_by(Policy.id, Policy.title).order_by(Policy.title)
    return [{"policy_id": r.id, "title": r.title, "applied": int(r.applied or 0),
             "granted": int(r.granted or 0), "refused": int(r.refused or 0),
             "amount_granted": int(r.amount_granted or 0)} for r in db.session.execute(query)]


def training_counts(scope: ReportScope, period: Period) -> dict[str, int]:
    """Referrals and completions of the period, and graduates' requests waiting now."""
    query = _scoped(select(
        func.sum(case((_in(TrainingEnrolment.referred_on, period), 1), else_=0)).label("referred"),
        func.sum(case((TrainingEnrolment.state == "requested", 1), else_=0)).label("requested"),
        func.sum(case((and_(TrainingEnrolment.state == "completed",
                            _in(TrainingEnrolment.completed_on, period)), 1), else_=0))
        .label("completed"),
    ).select_from(TrainingEnrolment), TrainingEnrolment, scope)
    row = db.session.execute(query).one()
    return {"trainings_referred": int(row.referred or 0),
            "trainings_requested": int(row.requested or 0),
            "trainings_completed": int(row.completed or 0)}


def open_periods(scope: ReportScope, period: Period) -> int:
    """Persons with an assistance period that overlaps the board's period."""
    query = _scoped(select(func.count(func.distinct(AssistancePeriod.person_id)))
                    .select_from(AssistancePeriod), AssistancePeriod, scope).where(
        AssistancePeriod.start_on <= period.end,
        or_(AssistancePeriod.end_on.is_(None), AssistancePeriod.end_on >= period.start))
    return int(db.session.scalar(query) or 0)


def support_figures(scope: ReportScope, period: Period) -> dict[str, Any]:
    by_policy = policy_counts(scope, period)
    return {
        "period": period.name, "start": period.start, "end": period.end,
        "subsidies_applied": sum(r["applied"] for r in by_policy),
        "subsidies_granted": sum(r["granted"] for r in by_policy),
        "amount_granted": sum(r["amount_granted"] for r in by_policy),
        "by_policy": by_policy,
        **training_counts(scope, period),
        "assistance_open": open_periods(scope, period),
        "service_3333": service_3333(scope),
    }
