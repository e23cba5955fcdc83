"""Who looks after a person, and when they next meet: what a graduate sees on their home screen.

Clients cannot list staff accounts, so their helpers' names and work phones come from here,
scoped like the person's file (a client: only their own).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from .. import scoping
from ..business_time import business_today
from ..domain.follow_up import due_for
from ..extensions import db
from ..models import Household, Person, User
from ..security import login_required, me

blp = Blueprint("care_team", __name__, url_prefix="/api", description="Persons' files")


class CareHelper(Schema):
    id = fields.UUID()
    display_name = fields.String()
    phone = fields.String(allow_none=True)
    role = fields.String(metadata={"description": "responsible, primary or partner"})


class CareTeam(Schema):
    person_id = fields.UUID()
    helpers = fields.List(fields.Nested(CareHelper))
    next_follow_up = fields.Date(allow_none=True, metadata={
        "description": "The next visit the helper asked for (at the last contact or a later attempt)"})
    due_on = fields.Date(allow_none=True, metadata={
        "description": "When the next contact is due by the follow-up rule (none: not followed up)"})


@blp.get("/persons/<uuid:person_id>/care-team")
@login_required()
@blp.response(200, CareTeam)
def care_team(person_id: uuid.UUID) -> dict[str, Any]:
    """A person's helpers (name and work phone) and their next appointment"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, person_id)
    household = db.session.get(Household, person.household_id)
    roles: dict[Any, str] = {}
    for helper_id, role in ((person.helper_id, "responsible"),
                            (household.primary_helper_id if household else None, "primary"),
                            (household.partner_helper_id if household else None, "partner")):
        if helper_id is not None and helper_id not in roles:
            roles[helper_id] = role
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(list(roles))))}
    today = business_today()
    (due,) = due_for(select(Person).where(Person.id == person.id), [person], today)
    requested = due.reason.get("requested_on")
    return {
        "person_id": person.id,
        "helpers": [{"id": uid, "display_name": users[uid].display_name, "phone": users[uid].phone,
                     "role": role} for uid, role in roles.items() if uid in users],
        "next_follow_up": requested if requested and requested >= today else None,
        "due_on": due.due_on,
    }
