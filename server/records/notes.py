"""Notes on a household or one of its persons: append only; a correction is a new note.

Every row a note names is checked here, for REST and sync alike: its household is in the
actor's scope, its person is a member of that household, and the visit it belongs to and the
note it corrects are records of the same household.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..errors import Conflict
from ..extensions import db
from ..models import Note
from ..policy import Actor, check_fields


def create(actor: Actor, body: dict[str, Any], *, late: bool = False) -> Note:
    """A note from validated `NoteCreate` fields, attributed to the actor and their device."""
    check_fields(actor, "note", "create", body)
    household_id = body["household_id"]
    actor.require_household(household_id)
    if body.get("person_id"):
        actor.require_person(body["person_id"], household_id=household_id)
    actor.require_row_of("visit", body.get("visit_id"), "visit_id", household_id)
    actor.require_row_of("note", body.get("corrects_note_id"), "corrects_note_id", household_id)
    if body.get("id") and actor.lookup.taken("note", str(body["id"])):
        raise Conflict("A note with this id exists already.", code="id_exists")
    values = {**body, "id": body.get("id") or uuid.uuid4()}
    note = Note(**values, author_id=actor.id, device_id=actor.device, late=late)
    db.session.add(note)
    return note
