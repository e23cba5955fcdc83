"""Who is due a visit, overdue first: the one due list behind the follow-ups screen, the
supervisor board's overdue counts and the overdue CSV.

Domain code over the database, scoped to the caller; views import it, never the other way
round. Due dates come from `domain.follow_up.next_due`, which saturates at the calendar's ends,
so a stored visit dated 9999-12-31 leaves its person "due on 9999-12-31", not a 500.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select

from .. import scoping
from ..domain.follow_up import next_due, urgency_key
from ..domain.vocabulary import CATEGORY_INTERVAL_DAYS
from ..extensions import db
from ..models import FollowUpRule, Household, Person, Visit, utcnow
from ..security import me

#: Statuses that end active follow-up of the search itself (placement follow-up is by category).
CLOSED_STATUSES = {"not_eligible"}


def current_rules() -> dict[str, int]:
    """Visit interval in days per category: the admin's rules over DOMAIN.md's defaults."""
    rules = dict(CATEGORY_INTERVAL_DAYS)
    rules.update({r.category: r.interval_days for r in db.session.scalars(select(FollowUpRule))})
    return rules


def requested_dates(person_ids: list[Any]) -> dict[Any, date]:
    """The latest visit's explicit next-follow-up date per person."""
    rows = db.session.execute(
        select(Visit.next_follow_up, Visit.occurred_at, Person.id)
        .join(Visit.persons)
        .where(Person.id.in_(person_ids), Visit.next_follow_up.is_not(None))
        .order_by(Visit.occurred_at)
    )
    return {pid: nfu for nfu, _at, pid in rows if nfu is not None}


def _item(person: Person, address: str, due: Any) -> dict[str, Any]:
    since = (
        f"{due.days_since_contact} days since last contact"
        if due.days_since_contact is not None
        else "never contacted"
    )
    return {
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
    }


def due_list(args: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """`{today, overdue_count, items}` for the caller's scope, filtered by `args`
    (`helper_id`, `committee_id`, `category`, `within_days`, `overdue_only`, `limit`)."""
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
    requested = requested_dates([p.id for p, _ in rows])
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
        items.append((urgency_key(due), _item(person, address, due)))
    items.sort(key=lambda pair: (pair[0], pair[1]["name"]))
    listed = [item for _key, item in items][: args.get("limit", 200)]
    return {
        "today": today,
        "overdue_count": sum(1 for _k, i in items if i["overdue"]),
        "items": listed,
    }
