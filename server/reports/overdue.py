"""Overdue follow-ups per helper, from the follow-up rules the helpers' Today list uses."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import User
from .due import due_list
from .filters import ReportScope


def overdue(scope: ReportScope) -> dict[str, Any]:
    """`{total, by_helper: [{helper_id, name, overdue, most_days_overdue}]}`, worst first.

    The due list is the one `GET /api/follow-ups/due` serves (scoped to the caller); only the
    overdue are kept. It walks persons in Python, but one person is one row: no per-visit loop.
    """
    args: dict[str, Any] = {"overdue_only": True, "within_days": 0, "limit": 1_000_000}
    for key in ("committee_id", "category"):
        if scope.filters.get(key):
            args[key] = scope.filters[key]
    items = due_list(args)["items"]
    if scope.filters.get("helper_id"):
        items = [i for i in items if i["helper_id"] == scope.filters["helper_id"]]
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
