"""Demo CVs (issue 12.4): disadvantaged graduates' CVs in one to three versions, as small PDFs.

The "3-3-3-3" target counts CV revisions, so a graduate from a disadvantaged family in the demo
has had their CV revised once, twice or three times by their helper (graduate1 twice, so the
profile shows versions and the board's count is not a round number). Each version is a real
one-page PDF in the attachment storage (disk under the instance folder by default), so the
file's "Files and CV" section downloads it. Only this feature's random stream is drawn on.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
import uuid
from datetime import datetime, time, timedelta
from pathlib import Path

from ...attachments.storage import storage
from ...extensions import db
from ...models import Person
from ...models.attachments import Attachment
from ..context import DEVICE, Demo

ORDER = 45


def cv_pdf(name: str, version: int, revised: str) -> bytes:
    """A one-page PDF saying whose CV this is and which version (ASCII: the base fonts)."""
    lines = [f"Curriculum vitae - version {version}", f"File {name}", f"Revised with the helper on {revised}"]
    text = " ".join(f"({line}) Tj 0 -28 Td" for line in lines)
    stream = f"BT /F1 20 Tf 72 740 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _versions(person: Person, demo: Demo, rng: random.Random) -> int:
    if person is demo.graduate1:
        return 2
    if person.disadvantaged and person.graduation_date is not None:
        return rng.choice((1, 2, 2, 3))
    return 0


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-attachments")
    store = storage()
    rows: list[Attachment] = []
    with tempfile.TemporaryDirectory() as scratch:
        for person in demo.persons:
            count = _versions(person, demo, rng)
            days_ago = rng.randint(40, 120)
            for version in range(1, count + 1):
                day = demo.today - timedelta(days=days_ago)
                at = min(datetime.combine(day, time(rng.randint(1, 9), rng.randint(0, 59))),
                         demo.now - timedelta(minutes=5))
                ident = uuid.UUID(int=rng.getrandbits(128), version=4)
                data = cv_pdf(str(person.id)[:8], version, day.isoformat())
                staged = Path(scratch) / str(ident)
                staged.write_bytes(data)
                store.put(str(ident), staged, "application/pdf")
                rows.append(Attachment(
                    id=ident, person_id=person.id, kind="cv", title=f"简历 v{version}",
                    content_type="application/pdf", size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), cv_version=version, uploaded_at=at,
                    author_id=person.helper_id, device_id=DEVICE, created_at=at, updated_at=at,
                    updated_by_id=person.helper_id, updated_device=DEVICE, stamps={}))
                days_ago -= rng.randint(7, 25)
    db.session.add_all(rows)
