"""The attachment settings: from the app's config when set there, else the environment.

| variable | default | meaning |
| --- | --- | --- |
| `ATTACHMENT_MAX_BYTES` | 10 MiB | largest file; a bigger one is refused when its row is made |
| `ATTACHMENT_DIR` | `<instance>/attachments` | where finished files live on disk |
| `ATTACHMENT_S3_BUCKET` | unset | when set, finished files go to this bucket instead |
| `ATTACHMENT_S3_ENDPOINT` | unset | an S3-compatible endpoint (MinIO...); AWS when unset |
| `ATTACHMENT_S3_PREFIX` | `attachments/` | key prefix in the bucket |
| `ATTACHMENT_S3_REGION` | `AWS_DEFAULT_REGION`, else `us-east-1` | the bucket's region |
| `ATTACHMENT_STAGING_DIR` | `<instance>/uploads` | partial uploads (local disk, whatever the storage) |

Credentials for S3 come from boto3's usual chain (environment, instance role), never from here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import current_app

#: Photos from the phone's camera (downscaled to JPEG), scans and forms as PDF.
ALLOWED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "application/pdf"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _setting(name: str, default: Any = None) -> Any:
    value = current_app.config.get(name)
    if value is None:
        value = os.environ.get(name, "").strip() or default
    return value


def max_bytes() -> int:
    return int(_setting("ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def disk_root() -> Path:
    return Path(_setting("ATTACHMENT_DIR", str(Path(current_app.instance_path) / "attachments")))


def staging_root() -> Path:
    """Partial uploads (always on local disk: an append is a write at the end of a file)."""
    return Path(_setting("ATTACHMENT_STAGING_DIR", str(Path(current_app.instance_path) / "uploads")))


def s3() -> dict[str, str] | None:
    """The bucket settings when S3 is configured, else None."""
    bucket = _setting("ATTACHMENT_S3_BUCKET")
    if not bucket:
        return None
    return {
        "bucket": str(bucket),
        "endpoint": str(_setting("ATTACHMENT_S3_ENDPOINT", "") or ""),
        "prefix": str(_setting("ATTACHMENT_S3_PREFIX", "attachments/")),
        "region": str(_setting("ATTACHMENT_S3_REGION", "") or os.environ.get("AWS_DEFAULT_REGION", "")
                      or "us-east-1"),
    }
