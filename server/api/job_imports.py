"""Jobs from a spreadsheet: a supervisor uploads what was collected at a fair or from a broker.

The importer (`server.csv_import`) reads .xlsx or CSV (UTF-8 or GB18030/GBK, headers as codes
or labels), checks every row and writes all or nothing; a file with errors answers 422 in the
one error shape, every error as `line N, column X: message`. `run_import` is shared with the
persons upload (`person_imports.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..csv_import import ImportResult, import_jobs
from ..errors import ApiError, Unprocessable
from ..security import device_id, login_required, me

blp = Blueprint("job_imports", __name__, url_prefix="/api/jobs", description="Jobs")

#: A bigger file is certainly not a list typed by people.
MAX_BYTES = 5 * 1024 * 1024


class ImportIn(Schema):
    file = fields.Raw(required=True, metadata={
        "type": "string", "format": "binary",
        "description": ".xlsx, or CSV in UTF-8 (with or without BOM) or GB18030/GBK"})


class ImportOut(Schema):
    kind = fields.String()
    ok = fields.Boolean()
    rows = fields.Integer()
    created = fields.Dict(keys=fields.String(), values=fields.Integer())
    errors = fields.List(fields.Dict())


def run_import(importer: Callable[..., ImportResult], files: dict[str, Any]) -> dict[str, Any]:
    """Read the upload (at most MAX_BYTES), import it as the caller, 422 with the line report."""
    upload = files["file"]
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApiError("The file is larger than 5 MB.", code="file_too_large", status=413)
    result = importer(data, by=me(), device=device_id(), filename=getattr(upload, "filename", None))
    if not result.ok:
        raise Unprocessable(result.summary() + ".", code="import_rejected",
                            fields={"file": [str(e) for e in sorted(result.errors)]})
    return result.to_dict()


@blp.post("/import")
@login_required("admin", "supervisor")
@blp.arguments(ImportIn, location="files")
@blp.response(201, ImportOut)
def import_csv(files: dict[str, Any]) -> dict[str, Any]:
    """Import jobs from .xlsx or CSV: every row is checked, then all are added or none
    (columns as for `flask import jobs`)"""
    return run_import(import_jobs, files)
