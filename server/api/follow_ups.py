"""Follow-ups: who is due a visit, overdue first; and the admin-editable rules behind it."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from ..domain.vocabulary import CATEGORY_INTERVAL_DAYS
from ..errors import NotFound
from ..extensions import db
from ..models import FollowUpRule
from ..reports.due import due_list
from ..schemas.due_reasons import DueGroupQuery, DueReasonList
from ..schemas.follow_ups import FollowUpRuleSchema
from ..security import login_required, me

blp = Blueprint("follow_ups", __name__, url_prefix="/api", description="Follow-ups")


@blp.get("/follow-ups/due")
@login_required("admin", "supervisor", "helper")
@blp.arguments(DueGroupQuery, location="query")
@blp.response(200, DueReasonList)
def due(args: dict[str, Any]) -> dict[str, Any]:
    """Follow-ups due within `within_days`, overdue first (most overdue first), each with the
    reason of the shared follow-up rule (sync/PROTOCOL.md, "Follow-up")"""
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
