"""Attachments of a file or a visit: the rows, their resumable upload (tus 1.0), the download.

Every route finds the attachment through `records.visible` first, so one out of the caller's
scope is a 404 like a missing one, whatever else is wrong with the request. The upload lives at
`/api/attachments/<id>/upload` and speaks tus 1.0 (core + creation): `POST` (creation: answers
201 with `Location`, idempotent), `HEAD` (or `GET`, the same as JSON) for `Upload-Offset`, and
`PATCH` with `Upload-Offset` and `Content-Type: application/offset+octet-stream` to append.
A tus client pointed at that URL works unchanged; `Tus-Resumable` is checked when sent.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from flask import Response, request, stream_with_context, url_for
from flask_smorest import Blueprint

from ..attachments import records, settings, tus
from ..attachments.storage import storage
from ..errors import ApiError, Conflict
from ..extensions import db
from ..models.attachments import Attachment
from ..records import rest_actor
from ..schemas.attachments import (
    AttachmentCreate,
    AttachmentPage,
    AttachmentQuery,
    AttachmentSchema,
    UploadState,
)
from ..security import login_required, me
from .paging import page

blp = Blueprint("attachments", __name__, url_prefix="/api/attachments",
                description="Attachments: CVs, photos, signed forms; resumable uploads (tus 1.0)")

EVERYONE = ("admin", "supervisor", "helper", "client")
OCTETS = "application/offset+octet-stream"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp",
              "application/pdf": "pdf"}


@blp.after_request
def tus_headers(response: Response) -> Response:
    """Every answer of the upload speaks tus; OPTIONS says what this server supports."""
    if request.path.endswith("/upload"):
        response.headers["Tus-Resumable"] = tus.TUS_VERSION
        response.headers["Cache-Control"] = "no-store"
        if request.method == "OPTIONS":
            response.headers["Tus-Version"] = tus.TUS_VERSION
            response.headers["Tus-Extension"] = "creation"
            response.headers["Tus-Max-Size"] = str(settings.max_bytes())
    return response


@blp.get("")
@login_required(*EVERYONE)
@blp.arguments(AttachmentQuery, location="query")
@blp.response(200, AttachmentPage)
def all_attachments(args: dict[str, Any]) -> dict[str, Any]:
    """Attachments in your scope, newest first"""
    query = records.visible(me())
    for key in ("person_id", "household_id", "visit_id", "kind"):
        if key in args:
            query = query.where(getattr(Attachment, key) == args[key])
    return page(query, args, Attachment.created_at.desc(), Attachment.id)


@blp.post("")
@login_required(*EVERYONE)
@blp.arguments(AttachmentCreate)
@blp.response(201, AttachmentSchema)
def new(body: dict[str, Any]) -> Attachment:
    """Announce an attachment (its bytes follow by the upload)"""
    body.pop("cv_version", None)
    row = records.create(rest_actor(), body)
    db.session.commit()
    return row


@blp.get("/<uuid:attachment_id>")
@login_required(*EVERYONE)
@blp.response(200, AttachmentSchema)
def get(attachment_id: uuid.UUID) -> Attachment:
    """One attachment's row"""
    return records.get_visible(me(), attachment_id)


@blp.get("/<uuid:attachment_id>/content")
@login_required(*EVERYONE)
@blp.response(200, content_type="application/octet-stream", description="The file's bytes")
def content(attachment_id: uuid.UUID) -> Response:
    """Download the file (only once it is uploaded whole)"""
    row = records.get_visible(me(), attachment_id)
    if row.uploaded_at is None:
        raise Conflict("The file has not been uploaded yet.", code="not_uploaded")
    try:
        chunks = storage().stream(str(row.id))
    except FileNotFoundError as exc:
        raise ApiError("The file is missing from the storage.", code="not_found",
                       status=404) from exc
    fallback = f"attachment-{str(row.id)[:8]}.{EXTENSIONS.get(row.content_type, 'bin')}"
    title = (row.title or "").strip() or fallback
    if not title.lower().endswith("." + EXTENSIONS.get(row.content_type, "bin")):
        title = f"{title}.{EXTENSIONS.get(row.content_type, 'bin')}"
    response = Response(stream_with_context(chunks), mimetype=row.content_type)
    response.headers["Content-Length"] = str(row.size)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(title, safe='')}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Even opened in a tab, the file runs nothing and loads nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, max-age=0"
    response.headers["ETag"] = f'"{row.sha256}"'
    return response


def _tus_version() -> None:
    sent = request.headers.get("Tus-Resumable")
    if sent is not None and sent != tus.TUS_VERSION:
        raise ApiError(f"This server speaks tus {tus.TUS_VERSION}.", code="tus_version",
                       status=412)


def _state(row: Attachment, status: int) -> Response:
    done = tus.offset(row)
    response = Response(
        UploadState().dumps({"offset": done, "length": row.size,
                             "complete": row.uploaded_at is not None}),
        status=status, mimetype="application/json")
    response.headers["Upload-Offset"] = str(done)
    response.headers["Upload-Length"] = str(row.size)
    return response


@blp.post("/<uuid:attachment_id>/upload")
@login_required(*EVERYONE)
@blp.response(201, UploadState, description="tus creation: the upload's URL in `Location`")
def create_upload(attachment_id: uuid.UUID) -> Response:
    """Start (or find again) the upload of an attachment's bytes"""
    row = records.get_visible(me(), attachment_id)
    _tus_version()
    length = request.headers.get("Upload-Length")
    if length is not None and length.strip() != str(row.size):
        raise ApiError("Upload-Length must be the size the attachment announced.",
                       code="validation_error", status=400,
                       fields={"Upload-Length": [str(row.size)]})
    response = _state(row, 201)
    response.headers["Location"] = url_for("attachments.upload_state",
                                           attachment_id=attachment_id)
    return response


@blp.get("/<uuid:attachment_id>/upload")
@login_required(*EVERYONE)
@blp.response(200, UploadState, description="Also HEAD: `Upload-Offset` and `Upload-Length`")
def upload_state(attachment_id: uuid.UUID) -> Response:
    """How many bytes of the file the server holds"""
    row = records.get_visible(me(), attachment_id)
    _tus_version()
    return _state(row, 200)


@blp.patch("/<uuid:attachment_id>/upload")
@login_required(*EVERYONE)
@blp.response(204, description="Appended; the new `Upload-Offset` in the headers")
def append(attachment_id: uuid.UUID) -> Response:
    """Append bytes at `Upload-Offset` (the last byte checks the whole file)"""
    row = records.get_visible(me(), attachment_id)
    if row.author_id is not None and row.author_id != me().id:
        # Only the phone that made the row sends its bytes: others who may see it cannot make
        # the author's upload fail and restart.
        raise ApiError("Only the author of this attachment uploads its file.", code="forbidden",
                       status=403)
    _tus_version()
    if request.mimetype != OCTETS:
        raise ApiError(f"Send the bytes as {OCTETS}.", code="unsupported_type", status=415)
    try:
        at = int(request.headers.get("Upload-Offset", ""))
    except ValueError as exc:
        raise ApiError("Upload-Offset must be a whole number.", code="bad_request",
                       status=400, fields={"Upload-Offset": ["required"]}) from exc
    done = tus.append(row, at, request.stream)  # 409 with the server's offset on a mismatch
    db.session.commit()
    response = Response(status=204)
    response.headers["Upload-Offset"] = str(done)
    return response
