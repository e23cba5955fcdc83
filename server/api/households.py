"""Households: the unit of a visit. Helpers see theirs; supervisors their sub-district."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import or_, select

from .. import scoping
from ..assignment import reassign
from ..extensions import db
from ..models import Household, Person
from ..records import households, rest_actor
from ..schemas.places import (
    AssignmentIn,
    HouseholdCreate,
    HouseholdPage,
    HouseholdQuery,
    HouseholdSchema,
    HouseholdUpdate,
)
from ..security import login_required, me
from .paging import like_any, page

blp = Blueprint("households", __name__, url_prefix="/api/households", description="Households")


@blp.get("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(HouseholdQuery, location="query")
@blp.response(200, HouseholdPage)
def all_households(args: dict[str, Any]) -> dict[str, Any]:
    """List households in your scope (search by address or member name)"""
    query = scoping.households(me())
    if "committee_id" in args:
        query = query.where(Household.committee_id == args["committee_id"])
    if "helper_id" in args:
        hid = args["helper_id"]
        query = query.where(
            or_(Household.primary_helper_id == hid, Household.partner_helper_id == hid)
        )
    if "zero_employment" in args:
        query = query.where(Household.zero_employment == args["zero_employment"])
    by_address = like_any(args.get("q"), Household.address)
    by_member = like_any(args.get("q"), Person.name, Person.phone)
    if by_address is not None and by_member is not None:
        members = select(Person.household_id).where(by_member)
        query = query.where(or_(by_address, Household.id.in_(members)))
    return page(query, args, Household.address)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(HouseholdCreate)
@blp.response(201, HouseholdSchema)
def new(body: dict[str, Any]) -> Household:
    """Register a household (a helper registers it to themselves)"""
    household = households.create(rest_actor(), body)
    db.session.commit()
    return household


@blp.get("/<uuid:household_id>")
@login_required()
@blp.response(200, HouseholdSchema)
def get(household_id: uuid.UUID) -> Household:
    """One household with its members"""
    household: Household = scoping.get_one(scoping.households(me()), Household, household_id)
    return household


@blp.patch("/<uuid:household_id>")
@login_required("admin", "supervisor", "helper")
@blp.arguments(HouseholdUpdate)
@blp.response(200, HouseholdSchema)
def update(body: dict[str, Any], household_id: uuid.UUID) -> Household:
    """Change a household's address, committee or zero-employment flag"""
    household: Household = scoping.get_one(scoping.households(me()), Household, household_id)
    households.update(rest_actor(), household, body)
    db.session.commit()
    return household


@blp.post("/assign")
@login_required("admin", "supervisor")
@blp.arguments(AssignmentIn)
@blp.response(200, HouseholdSchema(many=True))
def assign(body: dict[str, Any]) -> list[Household]:
    """Assign or reassign households to a helper (and partner), singly or in bulk"""
    return reassign(body["household_ids"], body["primary_helper_id"], body.get("partner_helper_id"))
