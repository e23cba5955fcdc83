"""Conflicts: concurrent edits kept for a person to decide (sync/PROTOCOL.md 5.3).

Helpers see the conflicts of their households, supervisors their sub-district's. Resolving here
is a `resolve` op the server makes through the same engine as a phone's, so the decision merges
by the same rules and reaches every phone by pull.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from sync.hlc import MAX_COUNTER, Stamp, parse_stamp

from .. import scoping
from ..clock import now_ms, server_stamp
from ..errors import ApiError
from ..extensions import db
from ..models import Household
from ..models.sync import ConflictRecord
from ..schemas.sync import ConflictPage, ConflictQuery, ConflictSchema, ResolveIn
from ..security import login_required, me
from ..sync_store import service
from ..sync_store.histories import SERVER_NODE
from .paging import page

blp = Blueprint("conflicts", __name__, url_prefix="/api/conflicts", description="Sync conflicts")

#: The HTTP status of a refused resolution, by rejection code.
REFUSED_STATUS = {"already_resolved": 409, "not_found": 404, "out_of_scope": 404}


def _in_scope() -> Any:
    return (
        select(ConflictRecord)
        .join(Household, Household.id == ConflictRecord.household_id)
        .where(scoping.household_filter(me()))
    )


@blp.get("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(ConflictQuery, location="query")
@blp.response(200, ConflictPage)
def all_conflicts(args: dict[str, Any]) -> dict[str, Any]:
    """Conflicts in your scope, newest first (filter by state or household)"""
    query = _in_scope()
    if "state" in args:
        query = query.where(ConflictRecord.state == args["state"])
    if "household_id" in args:
        query = query.where(ConflictRecord.household_id == args["household_id"])
    return page(query, args, ConflictRecord.created_at.desc(), ConflictRecord.id)


@blp.get("/<uuid:conflict_id>")
@login_required("admin", "supervisor", "helper")
@blp.response(200, ConflictSchema)
def get(conflict_id: uuid.UUID) -> ConflictRecord:
    """One conflict with its candidates"""
    conflict: ConflictRecord = scoping.get_one(_in_scope(), ConflictRecord, conflict_id)
    return conflict


def _stamp_after(conflict: ConflictRecord) -> str:
    """A server stamp newer than every candidate (a phone may be up to 5 minutes ahead)."""
    stamp = parse_stamp(server_stamp())
    seen = [parse_stamp(c["hlc"]) for c in conflict.candidates]
    newest = max(seen, default=stamp)
    if stamp <= newest:
        stamp = (
            Stamp(newest.wall, newest.counter + 1, SERVER_NODE)
            if newest.counter < MAX_COUNTER
            else Stamp(newest.wall + 1, 0, SERVER_NODE)
        )
    return stamp.encode()


@blp.post("/<uuid:conflict_id>/resolve")
@login_required("admin", "supervisor", "helper")
@blp.arguments(ResolveIn)
@blp.response(200, ConflictSchema)
def resolve(body: dict[str, Any], conflict_id: uuid.UUID) -> ConflictRecord:
    """Decide a conflict: pick a candidate's op_id or give a value; phones get it by pull"""
    conflict: ConflictRecord = scoping.get_one(_in_scope(), ConflictRecord, conflict_id)
    data: dict[str, Any] = {"choice": body["choice"]}
    if body.get("comment"):
        data["comment"] = body["comment"]
    raw = {
        "op_id": str(uuid.uuid4()), "client_id": SERVER_NODE, "seq": 1,
        "hlc": _stamp_after(conflict), "entity": "conflict", "entity_id": str(conflict.id),
        "kind": "resolve", "data": data,
    }
    result = service.server_op(me(), raw, now_ms())
    if result["status"] == "rejected":
        db.session.rollback()
        raise ApiError(
            result.get("message", "The resolution was refused."), code=result["code"],
            status=REFUSED_STATUS.get(result["code"], 422), fields=result.get("fields"),
        )
    db.session.commit()
    db.session.refresh(conflict)
    return conflict
