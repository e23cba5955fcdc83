"""Persons and their households from the office's ledger (.xlsx or CSV, GBK included).

The same importer as `flask import persons` (`server.csv_import.import_persons`): every row
checked with the API's schemas, then all written through the domain functions or none, and a
422 with the line report when any row is bad. A supervisor imports into their sub-district.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from ..csv_import import import_persons
from ..security import login_required
from .job_imports import ImportIn, ImportOut, run_import

blp = Blueprint("person_imports", __name__, url_prefix="/api/persons", description="Persons")


@blp.post("/import")
@login_required("admin", "supervisor")
@blp.arguments(ImportIn, location="files")
@blp.response(201, ImportOut)
def import_file(files: dict[str, Any]) -> dict[str, Any]:
    """Import persons (and new households) from .xlsx or CSV: every row is checked, then all
    are added or none (columns as for `flask import persons`)"""
    return run_import(import_persons, files)
