"""Contacts and attempts per helper over a recent period: what the board shows as work done.

A visit counts once (one amended by another is replaced by it) and counts as what it was: a
contact met someone it names, an attempt (nobody home, no answer, a visit naming nobody) did not
(PROTOCOL.md, "Follow-up"). Counted in SQL over the visits of the households in scope.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased

from sync.vocabulary import CONTACT_OUTCOMES

from ..extensions import db
from ..models import Household, User, Visit, utcnow, visit_person
from .filters import ReportScope

#: The period the board counts over, in days.
PERIOD_DAYS = 30


def contact_condition() -> Any:
    """Condition on `Visit`: it met someone (a contact outcome, or none and persons named)."""
    named = select(visit_person.c.person_id).where(visit_person.c.visit_id == Visit.id).exists()
    return and_(named, or_(Visit.outcome.is_(None), Visit.outcome.in_(CONTACT_OUTCOMES)))


def not_replaced() -> Any:
    """Condition on `Visit`: no other visit amends it. An uncorrelated NOT IN, which both
    databases evaluate once (a hashed subplan, a temporary b-tree) with no index on the column."""
    amendment = aliased(Visit)
    amended = select(amendment.amends_visit_id).where(amendment.amends_visit_id.is_not(None))
    return Visit.id.not_in(amended)


def activity(scope: ReportScope, days: int = PERIOD_DAYS) -> dict[str, Any]:
    """`{days, contacts, attempts, by_helper: [{helper_id, name, contacts, attempts}]}`."""
    since = utcnow() - timedelta(days=days)
    contact = case((contact_condition(), 1), else_=0)
    attempt = case((contact_condition(), 0), else_=1)
    cond = [scope.households(), Visit.occurred_at >= since, Visit.occurred_at <= utcnow() + timedelta(days=1),
            not_replaced()]
    if scope.filters.get("helper_id"):
        cond.append(Visit.author_id == scope.filters["helper_id"])
    rows = db.session.execute(
        select(Visit.author_id, User.display_name, func.sum(contact), func.sum(attempt))
        .join(Household, Household.id == Visit.household_id)
        .outerjoin(User, User.id == Visit.author_id)
        .where(*cond).group_by(Visit.author_id, User.display_name).order_by(User.display_name)
    )
    by_helper = [{"helper_id": hid, "name": name or "", "contacts": int(c or 0), "attempts": int(a or 0)}
                 for hid, name, c, a in rows]
    return {"days": days, "contacts": sum(r["contacts"] for r in by_helper),
            "attempts": sum(r["attempts"] for r in by_helper), "by_helper": by_helper}
