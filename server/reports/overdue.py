"""Overdue follow-ups per helper and per group, from the one due list (`reports.due`) that
`GET /api/follow-ups/due` serves and the phone's Today computes by the same rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..models import Household, Person, User
from .due import due_list
from .filters import ReportScope


def overdue_items(scope: ReportScope) -> list[dict[str, Any]]:
    """Every overdue person in scope, most overdue first (the due list's items)."""
    args: dict[str, Any] = {"overdue_only": True, "within_days": 0, "limit": 1_000_000}
    for key in ("committee_id", "category"):
        if scope.filters.get(key):
            args[key] = scope.filters[key]
    items: list[dict[str, Any]] = due_list(args)["items"]
    if scope.filters.get("helper_id"):
        items = [i for i in items if i["helper_id"] == scope.filters["helper_id"]]
    return items


def overdue(scope: ReportScope, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`{total, by_helper: [{helper_id, name, overdue, most_days_overdue}]}`, worst first.

    It walks persons in Python, but one person is one row and the visits read are only those
    since each household's last contact (`domain.follow_up.due_for`).
    """
    items = overdue_items(scope) if items is None else items
    counts = Counter(i["helper_id"] for i in items)
    worst: dict[Any, int] = {}
    for item in items:
        worst[item["helper_id"]] = max(worst.get(item["helper_id"], 0), item["days_overdue"])
    names = {uid: name for uid, name in db.session.execute(
        select(User.id, User.display_name).where(User.id.in_([h for h in counts if h])))}
    rows = [{"helper_id": h, "name": names.get(h, ""), "overdue": n, "most_days_overdue": worst[h]}
            for h, n in counts.items()]
    rows.sort(key=lambda r: (-r["overdue"], r["name"]))
    return {"total": len(items), "by_helper": rows}


def by_group(scope: ReportScope, items: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """`[{group_name, persons, overdue}]` per group of persons in scope (no group: None, last)."""
    items = overdue_items(scope) if items is None else items
    late = Counter(i["group_name"] for i in items)
    rows = db.session.execute(
        select(Person.group_name, func.count(Person.id)).select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .where(scope.persons()).group_by(Person.group_name))
    groups = [{"group_name": g, "persons": int(n), "overdue": late.get(g, 0)} for g, n in rows]
    groups.sort(key=lambda r: (r["group_name"] is None, r["group_name"] or ""))
    return groups
