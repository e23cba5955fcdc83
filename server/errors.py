"""One JSON shape for every error: `{"error": {"code", "message", "fields"}}`.

Views raise `ApiError` (or call `flask_smorest.abort` / `flask.abort`); this module turns
HTTP errors, validation errors, JWT errors, rate limits and database integrity errors into the
same body, so clients have one parser. Nothing here writes: a failed request rolls back.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import DataError, IntegrityError
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
    return {"unprocessable_entity": "validation_error"}.get(name, name)


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

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> tuple[Response, int]:
        db.session.rollback()
        return error_response(exc.status, exc.code, exc.message, exc.fields)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> tuple[Response, int] | Response:
        db.session.rollback()
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
        db.session.rollback()
        return error_response(409, "conflict", "The change conflicts with existing data.")

    @app.errorhandler(DataError)
    def _data(exc: DataError) -> tuple[Response, int]:
        # What the schemas let through but the database refuses (PostgreSQL: a NUL character in
        # text, a number out of a column's range) is the client's data, not a server fault.
        db.session.rollback()
        return error_response(422, "invalid_data", "The database cannot store some of this data.")

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Response, int]:
        db.session.rollback()
        app.logger.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on the server.")

    # flask-jwt-extended: every token problem is a 401 in our shape (its default for some is 422).
    def _unauthorized(message: str, code: str = "unauthorized") -> tuple[Response, int]:
        return error_response(401, code, message)

    jwt.unauthorized_loader(lambda reason: _unauthorized(reason, "missing_token"))
    jwt.invalid_token_loader(lambda reason: _unauthorized(reason, "invalid_token"))
    jwt.expired_token_loader(
        lambda header, payload: _unauthorized("Token has expired", "token_expired")
    )
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
