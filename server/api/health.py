"""The health check: is the app up, and can its database write?

A database that answers reads but refuses writes (a read-only replica after a failover, a
`default_transaction_read_only` setting, a read-only SQLite file) is as useless to phones as
one that is down: every push would fail. So the check makes a write the database must accept
or refuse (an UPDATE of no row, on its own connection, rolled back) and answers 503 with
`Retry-After` in the one error shape otherwise (used by Docker's HEALTHCHECK and load
balancers). A full disk is not seen by a write of nothing; the writes of real requests then
answer 503 through server/errors.py.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import database_unavailable, unavailable_response
from ..extensions import db

blp = Blueprint("health", __name__, url_prefix="/api", description="Health")

#: A write every schema can run and no data changes by: the areas table always exists.
PROBE = text("UPDATE area SET name = name WHERE 1 = 0")


class HealthOut(Schema):
    status = fields.String(metadata={"enum": ["ok"]})
    database = fields.String(metadata={"enum": ["ok"]})


def database_problem() -> str | None:
    """`None` if the database can write, else what is wrong (`read_only`, `unreachable`)."""
    try:
        with db.engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(PROBE)
            finally:
                transaction.rollback()
    except SQLAlchemyError as exc:
        message = str(getattr(exc, "orig", exc)).lower()
        if "read-only" in message or "readonly" in message or "read only" in message:
            return "read_only"
        return "unreachable" if database_unavailable(exc) else "error"
    return None


@blp.get("/health")
@blp.doc(security=[])
@blp.response(200, HealthOut)
@blp.alt_response(503, description="The database cannot write (the one error shape)")
def health() -> dict[str, Any] | tuple[Response, int]:
    """Liveness, and whether the database can write"""
    problem = database_problem()
    if problem is not None:
        return unavailable_response({"database": [problem]})
    return {"status": "ok", "database": "ok"}
