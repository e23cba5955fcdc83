"""A background task as the API shows it: state, progress, message, result, file."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..models.background import TASK_STATES


class TaskOut(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"description": "import_persons, import_jobs, export or period_report"})
    state = fields.String(validate=validate.OneOf(TASK_STATES))
    done = fields.Integer(metadata={"description": "Steps (rows) done so far"})
    total = fields.Integer(metadata={"description": "Steps in all; 0 while not known yet"})
    message = fields.String(metadata={"description": "Where the task is, in the asker's language"})
    result = fields.Dict(allow_none=True, metadata={"description": "An import's line report; an export's row count"})
    error = fields.String(allow_none=True, metadata={"description": "Why it failed, in the asker's language"})
    error_code = fields.String(allow_none=True)
    file_name = fields.String(allow_none=True)
    has_file = fields.Boolean(metadata={"description": "GET /api/tasks/<id>/file downloads it"})
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


class TaskList(Schema):
    items = fields.List(fields.Nested(TaskOut))
