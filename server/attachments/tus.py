"""The resumable upload of an attachment's bytes: tus 1.0 core and creation, checked at the end.

Why tus: a phone on a poor signal loses connections mid-file; tus asks the server how far it
got (`HEAD` → `Upload-Offset`) and sends only the rest (`PATCH` with `Upload-Offset`), and it is
a written protocol with clients in every language. The upload of an attachment lives at
`/api/attachments/<id>/upload`; its length is the row's `size`, announced with the sync op.

The bytes are staged in one file per attachment on local disk (`settings.staging_root`); what a
PATCH brought is kept even when its connection breaks half-way, so the next one resumes from the
last byte written. When the last byte arrives the whole file is checked: it must hash to the
row's `sha256` (else it is thrown away and the upload starts again: 460, tus's checksum code)
and begin like the type it claims (a `.jpg` that is really HTML is refused: 415). Then it
moves to the storage (`storage.py`) and the row gets `uploaded_at`.

This module knows no Flask request: the view hands it an offset and a stream.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..clock import stamp_fields
from ..errors import ApiError, Conflict
from ..models import utcnow
from ..models.attachments import Attachment
from . import settings
from .storage import storage

TUS_VERSION = "1.0.0"
#: Read from the request this many bytes at a time.
READ = 64 * 1024
#: How each allowed type starts (its "magic number").
MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF-",),
}


class OffsetMismatch(Conflict):
    """The PATCH does not start where the server's copy ends (tus: 409)."""

    code = "offset_mismatch"

    def __init__(self, offset: int) -> None:
        super().__init__(f"The upload is at byte {offset}.", fields={"offset": [str(offset)]})
        self.offset = offset


class ChecksumMismatch(ApiError):
    """The whole file does not hash to the announced sha256 (tus checksum extension: 460)."""

    status = 460
    code = "checksum_mismatch"


class WrongType(ApiError):
    status = 415
    code = "unsupported_type"


class Busy(ApiError):
    """Another request is appending to this upload right now (tus: 423)."""

    status = 423
    code = "upload_busy"


def staged(row: Attachment) -> Path:
    return settings.staging_root() / f"{row.id}.part"


def offset(row: Attachment) -> int:
    """How many bytes the server holds (the whole size once finished)."""
    if row.uploaded_at is not None:
        return row.size
    path = staged(row)
    return path.stat().st_size if path.exists() else 0


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[IO[bytes]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Busy("This file is being uploaded by another request.") from exc
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def append(row: Attachment, at: int, stream: IO[bytes]) -> int:
    """Write what `stream` brings at byte `at`; the new offset. Finishes on the last byte.

    Bytes beyond the announced size are refused (413) before anything is written past it.
    A stream that breaks half-way keeps what it brought (the caller sees the error).
    """
    if row.uploaded_at is not None:
        raise OffsetMismatch(row.size)
    path = staged(row)
    with _exclusive(path) as handle:
        current = handle.tell()
        if at != current:
            raise OffsetMismatch(current)
        try:
            while block := stream.read(READ):
                if current + len(block) > row.size:
                    raise ApiError("The upload is longer than the file announced.",
                                   code="too_large", status=413)
                handle.write(block)
                current += len(block)
        finally:
            handle.flush()
        if current == row.size:
            finish(row)  # under the lock: two requests at the last byte finish once
    return current


def finish(row: Attachment) -> None:
    """The last byte is in: check the whole file, store it, mark the row uploaded."""
    path = staged(row)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(16)
        digest.update(head)
        while block := handle.read(READ):
            digest.update(block)
    if digest.hexdigest() != row.sha256:
        path.unlink(missing_ok=True)
        raise ChecksumMismatch("The file does not match its checksum; send it again.")
    if not head.startswith(MAGIC[row.content_type]) or (
            row.content_type == "image/webp" and head[8:12] != b"WEBP"):
        path.unlink(missing_ok=True)
        raise WrongType("The file is not what its type says.")
    storage().put(str(row.id), path, row.content_type)
    row.uploaded_at = utcnow()
    stamp_fields(row, ["uploaded_at"])
