"""A file's history and the audit search, over REST; and the `read` rows of opened files.

`GET /api/history/<entity>/<id>` (person, household, visit) answers to whoever may open that
file; `GET /api/audit` to admins and supervisors. Both page the log newest first.

Opening a person's, household's or visit's file over REST (`GET /api/persons/<id>`, ...), or
its history (which shows old values, ID numbers included), is logged by an `after_app_request`
hook here rather than in those views: which reads the law asks for is one list (`READ_LOGGED`),
and a read that failed (404, 401, 403) logs nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, request
from flask_jwt_extended import get_current_user
from flask_smorest import Blueprint

from .. import history
from ..extensions import db
from ..schemas.history import AuditQuery, HistoryPage, HistoryQuery
from ..security import device_id, login_required, me
from .paging import page

blp = Blueprint("history", __name__, url_prefix="/api", description="File history and audit")

#: Endpoints whose successful GET is a read of someone's file: endpoint -> (entity, id argument);
#: no entity: the route's `entity` argument names it.
READ_LOGGED: dict[str, tuple[str | None, str]] = {
    "persons.get": ("person", "person_id"),
    "households.get": ("household", "household_id"),
    "visits.get": ("visit", "visit_id"),
    "history.file_history": (None, "entity_id"),
}


def _paged(query: Any, args: dict[str, Any]) -> dict[str, Any]:
    found = page(query, args, *history.ORDER)
    found["items"] = history.entries(list(found["items"]))
    return found


@blp.get("/history/<string:entity>/<uuid:entity_id>")
@login_required("admin", "supervisor", "helper")
@blp.arguments(HistoryQuery, location="query")
@blp.response(200, HistoryPage)
def file_history(args: dict[str, Any], entity: str, entity_id: uuid.UUID) -> dict[str, Any]:
    """Who changed or read a person's, household's or visit's file, newest first"""
    history.open_file(me(), entity, entity_id)
    return _paged(history.file_rows(entity, entity_id), args)


@blp.get("/audit")
@login_required("admin", "supervisor")
@blp.arguments(AuditQuery, location="query")
@blp.response(200, HistoryPage)
def audit_search(args: dict[str, Any]) -> dict[str, Any]:
    """Search the audit log: by user, entity, field and office days (a supervisor: their
    sub-district's files and accounts)"""
    return _paged(history.search(me(), args), args)


@blp.after_app_request
def _log_read(response: Response) -> Response:
    target = READ_LOGGED.get(request.endpoint or "")
    if target is None or request.method != "GET" or response.status_code != 200:
        return response
    entity, argument = target
    args = request.view_args or {}
    entity = entity or args.get("entity")
    ident = args.get(argument)
    user = get_current_user()
    if entity and isinstance(ident, uuid.UUID) and user is not None and history.note_read(
        user, entity, ident, device_id()
    ):
        db.session.commit()
    return response
