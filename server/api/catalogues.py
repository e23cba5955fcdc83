"""The small shared catalogues: training courses and policies (helpers read; admins write)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from ..extensions import db
from ..models import Policy, TrainingCourse
from ..schemas.common import text
from ..security import login_required

blp = Blueprint("catalogues", __name__, url_prefix="/api", description="Trainings and policies")


class TrainingSchema(Schema):
    id = fields.UUID(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=160))
    provider = text(160, allow_none=True)
    field = text(80, allow_none=True)
    starts_on = fields.Date(allow_none=True)
    duration_days = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=3650))
    free = fields.Boolean(load_default=True)
    description = text(10000, allow_none=True)


class PolicySchema(Schema):
    id = fields.UUID(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=160))
    summary = text(10000, load_default="")
    audience = text(120, allow_none=True)


@blp.get("/trainings")
@login_required()
@blp.response(200, TrainingSchema(many=True))
def all_trainings() -> list[TrainingCourse]:
    """Training courses"""
    return list(db.session.scalars(select(TrainingCourse).order_by(TrainingCourse.title)))


@blp.post("/trainings")
@login_required("admin", "supervisor")
@blp.arguments(TrainingSchema)
@blp.response(201, TrainingSchema)
def new_training(body: dict[str, Any]) -> TrainingCourse:
    """Add a training course"""
    course = TrainingCourse(**body)
    db.session.add(course)
    db.session.commit()
    return course


@blp.get("/policies")
@login_required()
@blp.response(200, PolicySchema(many=True))
def all_policies() -> list[Policy]:
    """Employment policies (subsidies, "three exemptions and one subsidy"...)"""
    return list(db.session.scalars(select(Policy).order_by(Policy.title)))


@blp.post("/policies")
@login_required("admin", "supervisor")
@blp.arguments(PolicySchema)
@blp.response(201, PolicySchema)
def new_policy(body: dict[str, Any]) -> Policy:
    """Add a policy"""
    policy = Policy(**body)
    db.session.add(policy)
    db.session.commit()
    return policy
