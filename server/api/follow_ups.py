"""Follow-ups: who is due a visit, overdue first; and the admin-editable rules behind it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import or_, select

from .. import scoping
from ..domain.follow_up import next_due, urgency_key
from ..domain.vocabulary import CATEGORY_INTERVAL_DAYS
from ..errors import NotFound
from ..extensions import db
from ..models import FollowUpRule, Household, Person, Visit, utcnow
from ..schemas.follow_ups import DueList, DueQuery, FollowUpRuleSchema
from ..security import login_required, me

blp = Blueprint("follow_ups", __name__, url_prefix="/api", description="Follow-ups")

#: Statuses that end active follow-up of the search itself (placement follow-up is by category).
CLOSED_STATUSES = {"not_eligible"}


def current_rules() -> dict[str, int]:
    rules = dict(CATEGORY_INTERVAL_DAYS)
    rules.update({r.category: r.interval_days for r in db.session.scalars(select(FollowUpRule))})
    return rules


def _requested_dates(person_ids: list[Any]) -> dict[Any, date]:
    """The latest visit's explicit next-follow-up date per person."""
    rows = db.session.execute(
        select(Visit.next_follow_up, Visit.occurred_at, Person.id)
        .join(Visit.persons)
        .where(Person.id.in_(person_ids), Visit.next_follow_up.is_not(None))
        .order_by(Visit.occurred_at)
    )
    return {pid: nfu for nfu, _at, pid in rows if nfu is not None}


def due_list(args: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    today = today or utcnow().date()
    query = scoping.persons(me()).add_columns(Household.address)
    if "helper_id" in args:
        hid = args["helper_id"]
        query = query.where(
            or_(Household.primary_helper_id == hid, Household.partner_helper_id == hid)
        )
    if "committee_id" in args:
        query = query.where(Household.committee_id == args["committee_id"])
    if "category" in args:
        query = query.where(Person.category == args["category"])
    rows = [(p, addr) for p, addr in db.session.execute(query) if p.status not in CLOSED_STATUSES]
    rules = current_rules()
    requested = _requested_dates([p.id for p, _ in rows])
    items = []
    for person, address in rows:
        due = next_due(
            category=person.category,
            today=today,
            last_contact=person.last_contact_at,
            opened_on=person.registered_on or person.created_at,
            requested=requested.get(person.id),
            rules=rules,
        )
        if due.days_overdue < -args.get("within_days", 7) or (
            args.get("overdue_only") and not due.overdue
        ):
            continue
        since = (
            f"{due.days_since_contact} days since last contact"
            if due.days_since_contact is not None
            else "never contacted"
        )
        items.append(
            (
                urgency_key(due),
                {
                    "person_id": person.id,
                    "name": person.name,
                    "household_id": person.household_id,
                    "address": address,
                    "helper_id": person.helper_id,
                    "category": person.category,
                    "status": person.status,
                    "interval_days": due.interval_days,
                    "last_contact_at": person.last_contact_at,
                    "days_since_contact": due.days_since_contact,
                    "due_on": due.due_on,
                    "days_overdue": due.days_overdue,
                    "overdue": due.overdue,
                    "reason": f"{person.category.replace('_', ' ')}, every {due.interval_days} days; {since}",
                },
            )
        )
    items.sort(key=lambda pair: (pair[0], pair[1]["name"]))
    listed = [item for _key, item in items][: args.get("limit", 200)]
    return {
        "today": today,
        "overdue_count": sum(1 for _k, i in items if i["overdue"]),
        "items": listed,
    }


@blp.get("/follow-ups/due")
@login_required("admin", "supervisor", "helper")
@blp.arguments(DueQuery, location="query")
@blp.response(200, DueList)
def due(args: dict[str, Any]) -> dict[str, Any]:
    """Follow-ups due within `within_days`, overdue first (most overdue first)"""
    return due_list(args)


@blp.get("/follow-up-rules")
@login_required()
@blp.response(200, FollowUpRuleSchema(many=True))
def all_rules() -> list[dict[str, Any]]:
    """Visit intervals by category"""
    stored = {r.category: r for r in db.session.scalars(select(FollowUpRule))}
    return [
        {
            "category": cat,
            "default_days": days,
            "interval_days": stored[cat].interval_days if cat in stored else days,
            "updated_at": stored[cat].updated_at if cat in stored else None,
        }
        for cat, days in CATEGORY_INTERVAL_DAYS.items()
    ]


@blp.put("/follow-up-rules/<string:category>")
@login_required("admin")
@blp.arguments(FollowUpRuleSchema)
@blp.response(200, FollowUpRuleSchema)
def set_rule(body: dict[str, Any], category: str) -> dict[str, Any]:
    """Change the visit interval of a category (admin)"""
    if category not in CATEGORY_INTERVAL_DAYS:
        raise NotFound("No such category.")
    rule = db.session.get(FollowUpRule, category) or FollowUpRule(category=category)
    rule.interval_days = body["interval_days"]
    rule.updated_by_id = me().id
    db.session.add(rule)
    db.session.commit()
    return {
        "category": category,
        "interval_days": rule.interval_days,
        "default_days": CATEGORY_INTERVAL_DAYS[category],
        "updated_at": rule.updated_at,
    }
