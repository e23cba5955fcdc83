"""Jobs from a CSV file: a supervisor uploads what was collected at a fair or from a broker.

The foundation's importer (`server.csv_import`) checks every row and writes all or nothing; a
file with errors answers 422 in the one error shape, every error as `line N, column X: message`.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..csv_import import import_jobs
from ..errors import ApiError, Unprocessable
from ..security import device_id, login_required, me

blp = Blueprint("job_imports", __name__, url_prefix="/api/jobs", description="Jobs")

#: A bigger file is certainly not a list of vacancies typed by people.
MAX_BYTES = 5 * 1024 * 1024


class JobImportIn(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "CSV, UTF-8 (with or without BOM)"})


class JobImportOut(Schema):
    kind = fields.String()
    ok = fields.Boolean()
    rows = fields.Integer()
    created = fields.Dict(keys=fields.String(), values=fields.Integer())
    errors = fields.List(fields.Dict())


@blp.post("/import")
@login_required("admin", "supervisor")
@blp.arguments(JobImportIn, location="files")
@blp.response(201, JobImportOut)
def import_csv(files: dict[str, Any]) -> dict[str, Any]:
    """Import jobs from CSV: every row is checked, then all are added or none (columns as for
    `flask import jobs`)"""
    data = files["file"].read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApiError("The file is larger than 5 MB.", code="file_too_large", status=413)
    result = import_jobs(data, by=me(), device=device_id())
    if not result.ok:
        raise Unprocessable(result.summary() + ".", code="import_rejected",
                            fields={"file": [str(e) for e in sorted(result.errors)]})
    return result.to_dict()
