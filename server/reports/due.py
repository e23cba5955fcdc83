"""Who is due a visit, overdue first: the one due list behind the follow-ups screen, the
supervisor board's overdue counts and the overdue CSV.

Domain code over the database, scoped to the caller; views import it, never the other way
round. Each person's answer is the shared rule's (`sync/followup.py` through
`domain.follow_up.due_for`), "today" is the office's (`business_time.business_today`), and the
reason comes as a code with values (`reason`) and as a line in the caller's language
(`reason_text`), so nobody reads a raw code.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_

from sync.followup import FollowUp, render_reason, urgency_key

from .. import scoping
from ..business_time import business_today
from ..domain.follow_up import current_rules, due_for
from ..extensions import db
from ..models import Household, Person, User
from ..security import me

__all__ = ["current_rules", "due_list", "language_of"]


def language_of(user: User | None) -> str:
    """`en` for a user whose locale is English, else `zh` (the office's language)."""
    return "en" if user is not None and (user.locale or "").startswith("en") else "zh"


def _item(person: Person, address: str, due: FollowUp, language: str) -> dict[str, Any]:
    days_since = due.reason.get("days_since")
    return {
        "person_id": person.id,
        "name": person.name,
        "household_id": person.household_id,
        "address": address,
        "helper_id": person.helper_id,
        "category": person.category,
        "status": person.status,
        "group_name": person.group_name,
        "guidance_step": person.guidance_step,
        "interval_days": due.interval_days,
        "last_contact_at": person.last_contact_at,
        "last_contact_on": due.last_contact,
        "days_since_contact": days_since if due.last_contact else None,
        "due_on": due.due_on,
        "days_overdue": due.days_overdue,
        "overdue": due.overdue,
        "attempts": due.attempts,
        "reason_code": due.reason["code"],
        "reason_values": {k: v.isoformat() if isinstance(v, date) else v
                          for k, v in due.reason.items() if k != "code"},
        "reason": render_reason(due.reason, due.attempts, language),
    }


def due_list(args: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """`{today, overdue_count, items}` for the caller's scope, filtered by `args`
    (`helper_id`, `committee_id`, `category`, `group_name`, `within_days`, `overdue_only`, `limit`)."""
    today = today or business_today()
    user = me()
    query = scoping.persons(user)
    if "helper_id" in args:
        hid = args["helper_id"]
        query = query.where(
            or_(Household.primary_helper_id == hid, Household.partner_helper_id == hid)
        )
    if "committee_id" in args:
        query = query.where(Household.committee_id == args["committee_id"])
    if "category" in args:
        query = query.where(Person.category == args["category"])
    if args.get("group_name"):
        query = query.where(Person.group_name == args["group_name"])
    rows = [(p, addr) for p, addr in db.session.execute(query.add_columns(Household.address))]
    answers = due_for(query, [p for p, _ in rows], today)
    language = language_of(user)
    horizon = args.get("within_days", 7)
    items = []
    for (person, address), due in zip(rows, answers, strict=True):
        if due.days_overdue is None or due.days_overdue < -horizon:
            continue
        if args.get("overdue_only") and not due.overdue:
            continue
        items.append((urgency_key(due), _item(person, address, due, language)))
    items.sort(key=lambda pair: (pair[0], pair[1]["name"]))
    listed = [item for _key, item in items][: args.get("limit", 200)]
    return {
        "today": today,
        "overdue_count": sum(1 for _k, i in items if i["overdue"]),
        "items": listed,
    }
