"""Take a snapshot of the test database and restore it under running phones, as an operator
would restore a backup: on SQLite another file is put in the database's place (`cp` to a
temporary name, then `mv`), on PostgreSQL the database is dropped and made again from the
snapshot (`CREATE DATABASE ... TEMPLATE`, a new oid, as `pg_restore` into a new database).
"""

from __future__ import annotations

import os
import shutil

import psycopg
from flask import Flask
from sqlalchemy.engine import make_url

from server.extensions import db


class Snapshot:
    """One snapshot of the app's database, restorable any number of times."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        with app.app_context():
            self.url = make_url(str(db.engine.url))
        self.taken = False

    def _dispose(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def _admin(self, statements: list[str]) -> None:
        url = self.url.set(drivername="postgresql", database="postgres")
        dsn = url.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    @property
    def _copy(self) -> str:
        return f"{self.url.database}_snap"

    def take(self) -> None:
        self._dispose()
        if self.url.get_backend_name() == "sqlite":
            shutil.copyfile(str(self.url.database), self._copy)
        else:
            self._admin([f'DROP DATABASE IF EXISTS "{self._copy}"',
                         f'CREATE DATABASE "{self._copy}" TEMPLATE "{self.url.database}"'])
        self.taken = True

    def restore(self) -> None:
        assert self.taken
        self._dispose()
        if self.url.get_backend_name() == "sqlite":
            path = str(self.url.database)
            shutil.copyfile(self._copy, path + ".restoring")
            os.replace(path + ".restoring", path)
        else:
            self._admin([f'DROP DATABASE "{self.url.database}" WITH (FORCE)',
                         f'CREATE DATABASE "{self.url.database}" TEMPLATE "{self._copy}"'])

    def drop(self) -> None:
        if not self.taken:
            return
        if self.url.get_backend_name() == "sqlite":
            if os.path.exists(self._copy):
                os.remove(self._copy)
        else:
            self._dispose()
            self._admin([f'DROP DATABASE IF EXISTS "{self._copy}"'])
        self.taken = False

