"""SQLite waits longer for its write lock, and enforces foreign keys as PostgreSQL does.

SQLite lets one writer in at a time, and a push holds the write lock for its whole batch (its
first statement locks the device row). With two gunicorn workers the other writer must wait
for it rather than fail after the driver's default 5 s with "database is locked".

SQLite ignores foreign keys unless each connection asks for them: without the pragma a
person's `household_id` set to a random id was stored, and the file vanished from every scope.
Migrations turn it off for their own connection (batch mode drops and re-creates tables).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

#: How long a writer waits for another's batch, in ms.
BUSY_TIMEOUT_MS = 30_000


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection: Any, record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
