"""Where a finished attachment's bytes live: a folder on disk, or an S3-compatible bucket.

Both keep one object per attachment, named by its id (never by anything a person typed), and
are written once, when an upload is complete and verified (`tus.finish`); nothing here knows
about partial uploads, which are always staged on local disk. The backend is chosen by
`settings.s3()`: S3 when `ATTACHMENT_S3_BUCKET` is set, disk otherwise.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from flask import current_app

from . import settings

#: Bytes per read when streaming a file out.
CHUNK = 64 * 1024


class Storage(Protocol):
    """A place for finished files."""

    def put(self, key: str, source: Path, content_type: str) -> None:
        """Store the file at `source` (moved or copied) under `key`."""
        ...

    def stream(self, key: str) -> Iterator[bytes]:
        """The stored bytes, in chunks (FileNotFoundError: nothing under `key`)."""
        ...


class DiskStorage:
    """Files under a folder (the instance folder's `attachments/` by default)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def put(self, key: str, source: Path, content_type: str) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), target)

    def stream(self, key: str) -> Iterator[bytes]:
        handle = self._path(key).open("rb")  # raises before the response starts

        def chunks() -> Iterator[bytes]:
            with handle:
                while block := handle.read(CHUNK):
                    yield block

        return chunks()


class S3Storage:
    """Objects in a bucket of S3 or an S3-compatible service (boto3)."""

    def __init__(self, bucket: str, prefix: str, client: Any) -> None:
        self.bucket, self.prefix, self.client = bucket, prefix, client

    def put(self, key: str, source: Path, content_type: str) -> None:
        # upload_file switches to a multipart upload for big files by itself.
        self.client.upload_file(str(source), self.bucket, self.prefix + key,
                                ExtraArgs={"ContentType": content_type})
        source.unlink(missing_ok=True)

    def stream(self, key: str) -> Iterator[bytes]:
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"]
        except self.client.exceptions.NoSuchKey as exc:
            raise FileNotFoundError(key) from exc
        return iter(lambda: body.read(CHUNK), b"")


def storage() -> Storage:
    """The app's storage (made once per app)."""
    cached: Storage | None = current_app.extensions.get("attachment_storage")
    if cached is not None:
        return cached
    made: Storage
    bucket = settings.s3()
    if bucket is None:
        made = DiskStorage(settings.disk_root())
    else:
        import boto3  # only installations that store in S3 need it loaded

        client = boto3.client("s3", endpoint_url=bucket["endpoint"] or None,
                              region_name=bucket["region"])
        made = S3Storage(bucket["bucket"], bucket["prefix"], client)
    current_app.extensions["attachment_storage"] = made
    return made
