"""Attachment bodies: what a caller announces (the row) and what it reads back.

The bytes are not here: they arrive by the resumable upload (`server/attachments/tus.py`). Kind,
type, size and checksum are checked by the domain (`server/attachments/records.py`) so that a
sync op is held to the same rules; the schema checks shapes and lengths.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .common import PageQuery, UTCDateTime, page_schema


class AttachmentCreate(Schema):
    id = fields.UUID()
    person_id = fields.UUID(allow_none=True)
    household_id = fields.UUID(allow_none=True)
    visit_id = fields.UUID(allow_none=True)
    kind = fields.String(required=True, validate=validate.Length(max=16))
    title = fields.String(load_default="", validate=validate.Length(max=160))
    content_type = fields.String(required=True, validate=validate.Length(max=64))
    size = fields.Integer(required=True, strict=True)
    sha256 = fields.String(required=True, validate=validate.Length(equal=64))
    #: The phone's guess; the server numbers CV versions itself (ignored).
    cv_version = fields.Integer(allow_none=True, load_only=True)


class AttachmentSchema(Schema):
    id = fields.UUID()
    person_id = fields.UUID(allow_none=True)
    household_id = fields.UUID(allow_none=True)
    visit_id = fields.UUID(allow_none=True)
    kind = fields.String()
    title = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    cv_version = fields.Integer(allow_none=True)
    uploaded_at = UTCDateTime(allow_none=True)
    author_id = fields.UUID(allow_none=True)
    device_id = fields.String(allow_none=True)
    created_at = UTCDateTime()


class AttachmentQuery(PageQuery):
    person_id = fields.UUID()
    household_id = fields.UUID()
    visit_id = fields.UUID()
    kind = fields.String(validate=validate.Length(max=16))


class UploadState(Schema):
    """Where an upload stands (also sent as tus headers: Upload-Offset, Upload-Length)."""

    offset = fields.Integer()
    length = fields.Integer()
    complete = fields.Boolean()


AttachmentPage = page_schema(AttachmentSchema, "AttachmentPage")
