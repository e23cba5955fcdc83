"""The domain functions every change to a file goes through, one module per concept.

REST views, the sync mapping (`server/sync_store/mapping.py`), quarantine re-applies, CSV
imports and the CLI call these with an `Actor` (`server/policy.py`), and they check the one
policy: the role's fields, the target's scope and the scope of every row the change names.
Visits and status changes are in `server/case_file.py`.

`rest_actor()` is the caller of the current request; its `DbLookup` reads the session, where a
sync batch's actor reads the batch's prefetched rows instead.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from flask import current_app

from ..extensions import db
from ..models import Household, Job, Note, Person, Recommendation, User, Visit
from ..models.outcomes import Placement
from ..policy import Actor
from ..security import device_id, me

#: Entity names as the checks use them -> models.
MODELS: dict[str, Any] = {
    "household": Household, "person": Person, "visit": Visit, "note": Note,
    "recommendation": Recommendation, "job": Job, "placement": Placement,
}


def _key(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class DbLookup:
    """`policy.Lookup` over the session (REST, imports: a handful of rows per request)."""

    def household_facts(self, household_id: str) -> Any:
        key = _key(household_id)
        return db.session.get(Household, key) if key else None

    def household_of_person(self, person_id: str) -> uuid.UUID | None:
        key = _key(person_id)
        person = db.session.get(Person, key) if key else None
        return person.household_id if person is not None else None

    def row(self, entity: str, entity_id: str, lock: bool = False) -> Any:
        key = _key(entity_id)
        return db.session.get(MODELS[entity], key) if key else None

    def taken(self, entity: str, entity_id: str) -> bool:
        return self.row(entity, entity_id) is not None


def actor_for(user: User, device: str = "web") -> Actor:
    """An actor writing now (no offline stamp, so no grace window)."""
    return Actor(user=user, lookup=DbLookup(), device=device,
                 grace=grace_window())


def rest_actor() -> Actor:
    """The caller of the current request."""
    return actor_for(me(), device_id())


def grace_window() -> timedelta:
    return timedelta(days=int(current_app.config["SYNC_GRACE_DAYS"]))
