"""Jobs from a spreadsheet: a supervisor uploads what was collected at a fair or from a broker.

The importer (`server.csv_import`) reads .xlsx or CSV (UTF-8 or GB18030/GBK, headers as codes
or labels), checks every row and writes all or nothing; a file with errors answers 422 in the
one error shape, every error as `line N, column X: message` (in Chinese with `lang=zh`).
`run_import` is shared with the persons upload (`person_imports.py`): a client that sends
`Prefer: respond-async` or `?async=1` (the PWA), or a file over 256 KB, gets 202 and a background task to
poll (`/api/tasks/<id>`) instead of a request held for the whole import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from .. import background
from ..csv_import import ImportResult, import_jobs
from ..errors import ApiError, Unprocessable
from ..schemas.tasks import TaskOut
from ..security import device_id, login_required, me
from .tasks import accepted, wants_async

blp = Blueprint("job_imports", __name__, url_prefix="/api/jobs", description="Jobs")

#: A bigger file is certainly not a list typed by people.
MAX_BYTES = 5 * 1024 * 1024


class ImportIn(Schema):
    file = fields.Raw(required=True, metadata={
        "type": "string", "format": "binary",
        "description": ".xlsx, or CSV in UTF-8 (with or without BOM) or GB18030/GBK"})


class ImportQuery(Schema):
    lang = fields.String(validate=validate.OneOf(("zh", "en")), metadata={
        "description": "Language of the line report (default: English, as the command line)"})


class ImportOut(Schema):
    kind = fields.String()
    ok = fields.Boolean()
    rows = fields.Integer()
    created = fields.Dict(keys=fields.String(), values=fields.Integer())
    errors = fields.List(fields.Dict())


def run_import(importer: Callable[..., ImportResult], kind: str, files: dict[str, Any],
               args: dict[str, Any]) -> dict[str, Any] | Response:
    """Read the upload (at most MAX_BYTES), import it as the caller: at once (422 with the line
    report) or as a background task (202)."""
    upload = files["file"]
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApiError("The file is larger than 5 MB.", code="file_too_large", status=413)
    filename = getattr(upload, "filename", None)
    lang = args.get("lang")
    if wants_async(len(data)):
        suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else "csv"
        suffix = suffix if suffix in ("csv", "xlsx") else "bin"  # the caller's name never makes a path
        task = background.start(kind, owner=me(), device=device_id(), lang=lang,
                                params={"filename": filename}, upload=data, upload_name=f"input.{suffix[:8]}")
        return accepted(task)
    result = importer(data, by=me(), device=device_id(), filename=filename)
    if not result.ok:
        raise Unprocessable(result.summary(lang) + ("。" if lang == "zh" else "."), code="import_rejected",
                            fields={"file": [e.text(lang) for e in sorted(result.errors)]})
    return result.to_dict(lang)


@blp.post("/import")
@login_required("admin", "supervisor")
@blp.arguments(ImportIn, location="files")
@blp.arguments(ImportQuery, location="query")
@blp.response(201, ImportOut)
@blp.alt_response(202, schema=TaskOut, description="Running as a background task")
def import_csv(files: dict[str, Any], args: dict[str, Any]) -> dict[str, Any] | Response:
    """Import jobs from .xlsx or CSV: every row is checked, then all are added or none
    (columns as for `flask import jobs`)"""
    return run_import(import_jobs, "import_jobs", files, args)
