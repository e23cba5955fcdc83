"""Attachments (issue 12.4): rows, the tus upload and the download, for every role.

The scene gives a person of each of the three households a form, uploaded whole (a tiny PDF
on disk, in a folder of its own), so its download answers 200.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from pathlib import Path
from typing import Any

from flask import current_app

from server.attachments.storage import storage
from server.extensions import db
from server.models import utcnow
from server.models.attachments import Attachment
from tests.server.matrix_rows.kit import SIGNED_IN, Endpoint, allow, at

PDF = b"%PDF-1.4\n% a signed form\n"

OWN = {"admin": "a_grad", "supervisor": "a_grad", "helper": "a_grad",
       "other_helper": "a_zhao", "client": "a_grad"}
FOREIGN = {"supervisor": "a_zhao", "helper": "a_chen", "other_helper": "a_grad",
           "client": "a_chen"}
TARGETS = {"attachment": (OWN, FOREIGN)}


def new_cv(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    person = s["zhao"] if role == "other_helper" else s["grad"]
    return "/api/attachments", {
        "person_id": person, "kind": "cv", "title": "简历", "content_type": "application/pdf",
        "size": 100, "sha256": "0" * 64,
    }


ROWS = [
    Endpoint("GET", "/api/attachments", allow(SIGNED_IN), at("/api/attachments"),
             lists="attachment"),
    Endpoint("POST", "/api/attachments", allow(SIGNED_IN, 201), new_cv),
    Endpoint("GET", "/api/attachments/<uuid:attachment_id>", allow(SIGNED_IN),
             at("/api/attachments/{t}"), "attachment"),
    Endpoint("GET", "/api/attachments/<uuid:attachment_id>/content", allow(SIGNED_IN),
             at("/api/attachments/{t}/content"), "attachment"),
    Endpoint("POST", "/api/attachments/<uuid:attachment_id>/upload", allow(SIGNED_IN, 201),
             at("/api/attachments/{t}/upload"), "attachment"),
    Endpoint("GET", "/api/attachments/<uuid:attachment_id>/upload", allow(SIGNED_IN),
             at("/api/attachments/{t}/upload"), "attachment"),
    # No bytes in the matrix's call: in scope, the answer is "send octets" (415).
    Endpoint("PATCH", "/api/attachments/<uuid:attachment_id>/upload", allow(SIGNED_IN, 415),
             at("/api/attachments/{t}/upload"), "attachment"),
]


def scene(s: dict[str, str]) -> None:
    current_app.config["ATTACHMENT_DIR"] = tempfile.mkdtemp(prefix="doorstep-att-")
    current_app.config["ATTACHMENT_STAGING_DIR"] = tempfile.mkdtemp(prefix="doorstep-up-")
    current_app.extensions.pop("attachment_storage", None)
    for key in ("grad", "chen", "zhao"):
        row = Attachment(id=uuid.uuid4(), person_id=uuid.UUID(s[key]), kind="form",
                         title="签字表", content_type="application/pdf", size=len(PDF),
                         sha256=hashlib.sha256(PDF).hexdigest(), stamps={})
        db.session.add(row)
        s[f"a_{key}"] = str(row.id)
        staged = Path(tempfile.mkdtemp()) / "form.pdf"
        staged.write_bytes(PDF)
        storage().put(str(row.id), staged, row.content_type)
        row.uploaded_at = utcnow()
    db.session.flush()
