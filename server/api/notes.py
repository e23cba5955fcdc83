"""Notes on a person or household: append only; a correction is a new note pointing back."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from marshmallow import fields

from .. import scoping
from ..extensions import db
from ..models import Note
from ..records import notes, rest_actor
from ..schemas.common import PageQuery
from ..schemas.visits import NoteCreate, NotePage, NoteSchema
from ..security import login_required, me
from .paging import page

blp = Blueprint("notes", __name__, url_prefix="/api/notes", description="Notes")


class NoteQuery(PageQuery):
    household_id = fields.UUID()
    person_id = fields.UUID()


@blp.get("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(NoteQuery, location="query")
@blp.response(200, NotePage)
def all_notes(args: dict[str, Any]) -> dict[str, Any]:
    """Notes in your scope, newest first"""
    query = scoping.notes(me())
    for key in ("household_id", "person_id"):
        if key in args:
            query = query.where(getattr(Note, key) == args[key])
    return page(query, args, Note.created_at.desc(), Note.id)


@blp.post("")
@login_required("admin", "supervisor", "helper")
@blp.arguments(NoteCreate)
@blp.response(201, NoteSchema)
def new(body: dict[str, Any]) -> Note:
    """Add a note (or a correction of an earlier note)"""
    note = notes.create(rest_actor(), body)
    db.session.commit()
    return note


@blp.get("/<uuid:note_id>")
@login_required("admin", "supervisor", "helper")
@blp.response(200, NoteSchema)
def get(note_id: uuid.UUID) -> Note:
    """One note"""
    note: Note = scoping.get_one(scoping.notes(me()), Note, note_id)
    return note
