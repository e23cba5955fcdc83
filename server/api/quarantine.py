"""Quarantine: rejected ops kept whole, for a supervisor to re-apply or dismiss.

Nothing a helper typed is thrown away: a dismissed op stays here, marked dismissed. Each entry
says who wrote the op, in which role, on which device, because a re-apply acts with the
author's rights (the supervisor only vouches for the author's own former households), and the
supervisor must know whose work they vouch for.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from marshmallow import fields
from sqlalchemy import select

from .. import scoping
from ..clock import now_ms
from ..errors import Conflict
from ..extensions import db
from ..models import User, utcnow
from ..models.sync import QuarantinedOp
from ..schemas.common import page_schema
from ..schemas.sync import QuarantineQuery
from ..schemas.sync import QuarantineSchema as _Entry
from ..security import login_required, me
from ..sync_store import service
from .paging import page

blp = Blueprint(
    "quarantine", __name__, url_prefix="/api/quarantine", description="Rejected sync operations"
)


def _author(row: QuarantinedOp) -> User | None:
    return db.session.get(User, row.user_id) if row.user_id else None


class QuarantineSchema(_Entry):
    """A rejected op, with its author (name and role) and the device it came from."""

    author_name = fields.Function(lambda row: getattr(_author(row), "display_name", None),
                                  metadata={"description": "Who wrote the op"})
    author_role = fields.Function(lambda row: getattr(_author(row), "role", None),
                                  metadata={"description": "Their role: the rights a re-apply uses"})
    device_id = fields.Function(lambda row: row.client_id,
                                metadata={"description": "The device it came from"})


QuarantinePage = page_schema(QuarantineSchema, "QuarantinePage")


def _in_scope() -> Any:
    user = me()
    query = select(QuarantinedOp)
    if user.role != "admin":
        query = query.where(QuarantinedOp.subdistrict_id == user.area_id)
    return query


def _open(op_id: uuid.UUID) -> QuarantinedOp:
    row: QuarantinedOp = scoping.get_one(_in_scope(), QuarantinedOp, op_id)
    if row.state != "open":
        raise Conflict(f"This operation was already {row.state}.", code="already_decided")
    return row


@blp.get("")
@login_required("admin", "supervisor")
@blp.arguments(QuarantineQuery, location="query")
@blp.response(200, QuarantinePage)
def all_quarantined(args: dict[str, Any]) -> dict[str, Any]:
    """Rejected operations in your sub-district, newest first"""
    query = _in_scope()
    if "state" in args:
        query = query.where(QuarantinedOp.state == args["state"])
    return page(query, args, QuarantinedOp.created_at.desc(), QuarantinedOp.id)


@blp.post("/<uuid:op_id>/reapply")
@login_required("admin", "supervisor")
@blp.response(200, QuarantineSchema)
def reapply(op_id: uuid.UUID) -> QuarantinedOp:
    """Apply a rejected operation again with its author's rights (you vouch only for the author's
    former households); flagged late, attributed to its author"""
    row = _open(op_id)
    service.reapply(me(), row, now_ms())
    db.session.commit()
    return row


@blp.post("/<uuid:op_id>/dismiss")
@login_required("admin", "supervisor")
@blp.response(200, QuarantineSchema)
def dismiss(op_id: uuid.UUID) -> QuarantinedOp:
    """Dismiss a rejected operation (it stays on record, marked dismissed)"""
    row = _open(op_id)
    row.state, row.decided_by_id, row.decided_at = "dismissed", me().id, utcnow()
    db.session.commit()
    return row
