"""A few bytes that look like what phones send, and the calls a phone makes to send them."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from flask.testing import FlaskClient

TUS = {"Tus-Resumable": "1.0.0"}


def jpeg(size: int, seed: int = 7) -> bytes:
    """`size` bytes starting like a JPEG (the server checks the first bytes and the hash)."""
    body = bytes((i * 31 + seed) % 251 for i in range(size - 3))
    return b"\xff\xd8\xff" + body


def announce(client: FlaskClient, headers: dict[str, str], data: bytes, **fields: Any) -> Any:
    body = {"id": str(uuid.uuid4()), "kind": "photo", "title": "签字的劳动合同",
            "content_type": "image/jpeg", "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), **fields}
    return client.post("/api/attachments", json=body, headers=headers)


def patch(client: FlaskClient, headers: dict[str, str], att_id: str, offset: int,
          chunk: bytes) -> Any:
    return client.patch(f"/api/attachments/{att_id}/upload", data=chunk, headers={
        **headers, **TUS, "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream"})


def upload(client: FlaskClient, headers: dict[str, str], att_id: str, data: bytes,
           chunk: int = 64 * 1024) -> Any:
    """Send `data` in chunks from the server's offset; the last answer."""
    offset = int(client.head(f"/api/attachments/{att_id}/upload",
                             headers={**headers, **TUS}).headers["Upload-Offset"])
    resp = None
    while offset < len(data):
        resp = patch(client, headers, att_id, offset, data[offset:offset + chunk])
        if resp.status_code != 204:
            return resp
        offset = int(resp.headers["Upload-Offset"])
    return resp
