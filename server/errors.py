"""One JSON shape for every error: `{"error": {"code", "message", "fields"}}`.

Views raise `ApiError` (or call `flask_smorest.abort` / `flask.abort`); this module turns
HTTP errors, validation errors, JWT errors, rate limits and database integrity errors into the
same body, so clients have one parser. Nothing here writes: a failed request rolls back.

A database that cannot answer or cannot write (down, restarting, read only, out of disk or
connections, or aborting us as a deadlock) is a 503 `unavailable` with `Retry-After`: phones
treat it as "offline, retrying", never as a fault of their data. Anything else unexpected is a
500 without details; the traceback goes to the log only.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from .extensions import api, db, jwt
from .schemas.common import ErrorSchema

# The OpenAPI document describes every error response with our shape, not flask-smorest's own.
# Set on the instance before `api.init_app` (create_app imports this module first).
api.ERROR_SCHEMA = ErrorSchema


class ApiError(Exception):
    """Base of every error the API raises on purpose."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.status = status or self.status
        self.fields = fields or {}


class NotFound(ApiError):
    status = 404
    code = "not_found"


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class Conflict(ApiError):
    status = 409
    code = "conflict"


class Unprocessable(ApiError):
    status = 422
    code = "validation_error"


def error_response(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message, "fields": fields or {}}}), status


def _code_for(exc: HTTPException) -> str:
    name = (exc.name or "error").lower().replace(" ", "_").replace("'", "")
    return {"unprocessable_entity": "validation_error", "request_entity_too_large": "too_large"}.get(
        name, name
    )


#: PostgreSQL SQLSTATEs (or their two-character classes) that mean "the database cannot serve
#: us now", not "this request is wrong": connection (08), contention (40), insufficient
#: resources such as a full disk (53), operator intervention such as a restart (57), a
#: read-only transaction or standby (25006), a lock timeout (55P03).
UNAVAILABLE_STATES = ("08", "40", "53", "57", "25006", "55P03")
#: The same for SQLite, which has only messages.
UNAVAILABLE_SQLITE = ("readonly", "read-only", "disk is full", "locked", "unable to open",
                      "disk i/o error")


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database is away or cannot write, rather than a bug or bad data."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        text = str(orig).lower()
        return any(part in text for part in UNAVAILABLE_SQLITE)
    state = getattr(orig, "sqlstate", None)
    if state is None:
        # psycopg's own failures to connect or keep a connection carry no SQLSTATE.
        return type(orig).__name__ == "OperationalError"
    return any(state.startswith(prefix) for prefix in UNAVAILABLE_STATES)


def unavailable_response(fields: dict[str, Any] | None = None) -> tuple[Response, int]:
    """503 `unavailable` with `Retry-After`: phones wait and retry, as when offline."""
    from .limits import retry_after_seconds

    resp, status = error_response(
        503, "unavailable", "The database is not available right now; try again shortly.", fields
    )
    resp.headers["Retry-After"] = str(retry_after_seconds())
    return resp, status


def _rollback() -> None:
    """Undo the request's writes; a database that is gone cannot roll back, and need not."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.close()


def _fields_from(exc: HTTPException) -> dict[str, Any]:
    """webargs puts validation messages under data["messages"][location]; flatten them."""
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") or {}
    fields: dict[str, Any] = {}
    if isinstance(messages, dict):
        for location, errs in messages.items():
            if isinstance(errs, dict):
                fields.update(errs)
            else:
                fields[location] = errs
    return fields


def register(app: Flask) -> None:
    """Install the handlers; must run after `api.init_app` so ours replace smorest's."""

    from . import request_guard

    request_guard.register(app)

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> tuple[Response, int]:
        _rollback()
        return error_response(exc.status, exc.code, exc.message, exc.fields)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> tuple[Response, int] | Response:
        _rollback()
        status = exc.code or 500
        fields = _fields_from(exc)
        message = exc.description or exc.name
        data = getattr(exc, "data", None) or {}
        if data.get("message"):
            message = data["message"]
        if status == 422 and fields:
            message = "Some fields are not valid."
        resp, code = error_response(status, _code_for(exc), str(message), fields)
        # Keep headers the exception carries (Retry-After on 429, Allow on 405...).
        if exc.response is None:
            for key, value in exc.get_headers() or []:
                if key.lower() != "content-type":
                    resp.headers[key] = value
        return resp, code

    @app.errorhandler(IntegrityError)
    def _integrity(exc: IntegrityError) -> tuple[Response, int]:
        _rollback()
        if getattr(exc.orig, "sqlstate", None) == "23503" or "FOREIGN KEY" in str(exc.orig):
            return error_response(
                422, "unknown_reference", "The change refers to a record that does not exist."
            )
        return error_response(409, "conflict", "The change conflicts with existing data.")

    @app.errorhandler(DataError)
    def _data(exc: DataError) -> tuple[Response, int]:
        # What the schemas let through but the database refuses (PostgreSQL: a NUL character in
        # text, a number out of a column's range) is the client's data, not a server fault.
        _rollback()
        return error_response(422, "invalid_data", "The database cannot store some of this data.")

    @app.errorhandler(SQLAlchemyError)
    def _database(exc: SQLAlchemyError) -> tuple[Response, int]:
        _rollback()
        if database_unavailable(exc):
            app.logger.warning("database unavailable: %s", exc.__class__.__name__)
            return unavailable_response()
        app.logger.exception("unhandled database error")
        return error_response(500, "internal_error", "Something went wrong on the server.")

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Response, int]:
        _rollback()
        if database_unavailable(getattr(exc, "__cause__", None) or exc):
            return unavailable_response()
        app.logger.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on the server.")

    # flask-jwt-extended: every token problem is a 401 in our shape (its default for some is 422).
    def _unauthorized(message: str, code: str = "unauthorized") -> tuple[Response, int]:
        return error_response(401, code, message)

    jwt.unauthorized_loader(lambda reason: _unauthorized(reason, "missing_token"))
    jwt.invalid_token_loader(lambda reason: _unauthorized(reason, "invalid_token"))
    def _expired(header: dict[str, Any], payload: dict[str, Any]) -> tuple[Response, int]:
        from .devices import wipe_pending  # devices imports this module

        if wipe_pending(payload):
            return _unauthorized(
                "This phone was reported lost: it must hand over and wipe.", "device_wiped"
            )
        return _unauthorized("Token has expired", "token_expired")

    jwt.expired_token_loader(_expired)
    jwt.revoked_token_loader(
        lambda header, payload: _unauthorized("Token has been revoked", "revoked_token")
    )
    jwt.needs_fresh_token_loader(
        lambda header, payload: _unauthorized("Fresh token required", "fresh_token_required")
    )
    jwt.user_lookup_error_loader(
        lambda header, payload: _unauthorized("User not found or inactive", "invalid_user")
    )
    jwt.token_verification_failed_loader(
        lambda header, payload: _unauthorized("Token verification failed", "invalid_token")
    )
