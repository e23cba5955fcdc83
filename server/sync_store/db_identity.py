"""What names this life of the database, from facts a restore cannot bring back.

The sync epoch (PROTOCOL.md 8) must change whenever the server may have gone back in time, or
a phone's cursor would silently skip what was written again at positions it had passed. A row
in the database is not enough: a restore brings the row back. So the epoch also carries:

- PostgreSQL: the cluster's `system_identifier` (a new cluster, `initdb` or a logical restore
  into another one), the timeline of its last checkpoint (a point-in-time recovery or a
  promoted standby starts a new one), the database's oid (`CREATE DATABASE ... TEMPLATE`, a
  dropped and restored database), and, only when `synchronous_commit` is off, the postmaster's
  start time (a restart may have lost commits it had acknowledged);
- SQLite: the file's device and inode (a restore puts another file in its place).

It is read once per database connection (a restore or restart drops every connection) and
kept in the pool record, so the empty pull pays nothing for it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

_KEY = "doorstep_db_identity"

_PG_FACTS = text(
    "SELECT (SELECT system_identifier FROM pg_control_system()),"
    " (SELECT timeline_id FROM pg_control_checkpoint()),"
    " (SELECT oid FROM pg_database WHERE datname = current_database()),"
    " current_setting('synchronous_commit'), pg_postmaster_start_time()"
)


def _postgres_facts(conn: Any) -> list[str]:
    try:
        with conn.begin_nested():
            system, timeline, oid, sync_commit, started = conn.execute(_PG_FACTS).one()
    except DBAPIError:  # pg_control_* not granted: the oid and start time still tell a lot
        log.warning("pg_control_system() is not readable; the sync epoch uses less")
        with conn.begin_nested():
            oid, sync_commit, started = conn.execute(text(
                "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),"
                " current_setting('synchronous_commit'), pg_postmaster_start_time()")).one()
        system = timeline = ""
    facts = [str(system), str(timeline), str(oid)]
    if sync_commit == "off":
        facts.append(started.isoformat())
    return facts


def _sqlite_facts(conn: Any) -> list[str]:
    path = next((row[2] for row in conn.exec_driver_sql("PRAGMA database_list")
                 if row[1] == "main"), "")
    if not path:
        return ["memory", str(id(conn.connection.dbapi_connection))]
    found = os.stat(path)
    return [str(found.st_dev), str(found.st_ino)]


def identity(conn: Any) -> str:
    """A short fingerprint of this life of the database (see the module docstring)."""
    cached = conn.info.get(_KEY)
    if cached is None:
        facts = _postgres_facts(conn) if conn.dialect.name == "postgresql" else _sqlite_facts(conn)
        cached = conn.info[_KEY] = hashlib.sha256("/".join(facts).encode()).hexdigest()[:12]
    return str(cached)


def forget(conn: Any) -> None:
    """Read the facts again at the next use (tests that restore under a live connection)."""
    conn.info.pop(_KEY, None)
