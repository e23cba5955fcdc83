"""Areas: district → sub-district → residential committee. Everyone reads; admins write."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from ..domain.vocabulary import AREA_PARENT_KIND
from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..models import Area
from ..schemas.places import AreaQuery, AreaSchema, AreaUpdate
from ..security import login_required

blp = Blueprint("areas", __name__, url_prefix="/api/areas", description="Places")


@blp.get("")
@login_required()
@blp.arguments(AreaQuery, location="query")
@blp.response(200, AreaSchema(many=True))
def all_areas(args: dict[str, Any]) -> list[Area]:
    """List areas"""
    query = select(Area).order_by(Area.kind, Area.name)
    if "kind" in args:
        query = query.where(Area.kind == args["kind"])
    if "parent_id" in args:
        query = query.where(Area.parent_id == args["parent_id"])
    return list(db.session.scalars(query))


def _check_parent(kind: str, parent_id: uuid.UUID | None) -> None:
    wanted = AREA_PARENT_KIND.get(kind)
    parent = db.session.get(Area, parent_id) if parent_id else None
    if wanted is None and parent_id is not None:
        raise Unprocessable("A district has no parent.", fields={"parent_id": ["must be empty"]})
    if wanted is not None and (parent is None or parent.kind != wanted):
        raise Unprocessable(
            f"A {kind} lies in a {wanted}.", fields={"parent_id": [f"must be a {wanted}"]}
        )


@blp.post("")
@login_required("admin")
@blp.arguments(AreaSchema)
@blp.response(201, AreaSchema)
def new(body: dict[str, Any]) -> Area:
    """Create an area"""
    _check_parent(body["kind"], body.get("parent_id"))
    area = Area(**body)
    db.session.add(area)
    db.session.commit()
    return area


@blp.get("/<uuid:area_id>")
@login_required()
@blp.response(200, AreaSchema)
def get(area_id: uuid.UUID) -> Area:
    """One area"""
    area = db.session.get(Area, area_id)
    if area is None:
        raise NotFound("No area with that id.")
    return area


@blp.patch("/<uuid:area_id>")
@login_required("admin")
@blp.arguments(AreaUpdate)
@blp.response(200, AreaSchema)
def update(body: dict[str, Any], area_id: uuid.UUID) -> Area:
    """Rename an area"""
    area = db.session.get(Area, area_id)
    if area is None:
        raise NotFound("No area with that id.")
    for key, value in body.items():
        setattr(area, key, value)
    db.session.commit()
    return area
