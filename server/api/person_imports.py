"""Persons and their households from the office's ledger (.xlsx or CSV, GBK included).

The same importer as `flask import persons` (`server.csv_import.import_persons`): every row
checked with the API's schemas, then all written through the domain functions or none, and a
422 with the line report when any row is bad. A supervisor imports into their sub-district.
With `Prefer: respond-async` or `?async=1` (or a large file) it answers 202 with a task to poll.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint

from ..csv_import import import_persons
from ..schemas.tasks import TaskOut
from ..security import login_required
from .job_imports import ImportIn, ImportOut, ImportQuery, run_import

blp = Blueprint("person_imports", __name__, url_prefix="/api/persons", description="Persons")


@blp.post("/import")
@login_required("admin", "supervisor")
@blp.arguments(ImportIn, location="files")
@blp.arguments(ImportQuery, location="query")
@blp.response(201, ImportOut)
@blp.alt_response(202, schema=TaskOut, description="Running as a background task")
def import_file(files: dict[str, Any], args: dict[str, Any]) -> dict[str, Any] | Response:
    """Import persons (and new households) from .xlsx or CSV: every row is checked, then all
    are added or none (columns as for `flask import persons`)"""
    return run_import(import_persons, "import_persons", files, args)
