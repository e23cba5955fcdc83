"""A helper offline photographs a signed contract during a visit; back in range, the ops go
first, then the photo; the phone never holds the photo's bytes in the clear."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

#: Draws a "signed contract" on a canvas in the page and returns it as JPEG bytes (base64).
DRAW_JPEG = """([w, h, q, noise]) => {
  const c = document.createElement('canvas'); c.width = w; c.height = h;
  const g = c.getContext('2d');
  if (noise) {
    const img = g.createImageData(w, h);
    let x = 12345;
    for (let i = 0; i < img.data.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; img.data[i] = (i % 4 === 3) ? 255 : x & 255; }
    g.putImageData(img, 0, 0);
  } else {
    g.fillStyle = '#fff'; g.fillRect(0, 0, w, h); g.fillStyle = '#000'; g.font = '48px serif';
    g.fillText('劳动合同 — signed', 40, 120); g.fillRect(40, h - 200, 400, 4);
  }
  return c.toDataURL('image/jpeg', q).split(',')[1];
}"""

#: Every value of the user's upload stores, raw, as the browser keeps them: does any hold a
#: JPEG's first bytes or its base64 ('/9j/')?
PLAIN_IN_IDB = """async (name) => {
  const db = await new Promise((ok, no) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
  const found = []; let values = 0;
  const look = (v, where) => {
    if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
      const b = new Uint8Array(v); values++;
      for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd8 && b[i + 2] === 0xff) { found.push(where + ' bytes'); break; }
      if (new TextDecoder('latin1').decode(b).includes('/9j/')) found.push(where + ' base64');
    } else if (typeof v === 'string') { if (v.includes('/9j/')) found.push(where + ' string'); }
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) look(x, where + '.' + k);
  };
  for (const store of ['uploads', 'upload_chunks', 'outbox', 'records', 'drafts']) {
    if (!db.objectStoreNames.contains(store)) continue;
    const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
    all.forEach((row, i) => look(row, store + '[' + i + ']'));
  }
  const chunks = await new Promise((ok) => { const r = db.transaction('upload_chunks').objectStore('upload_chunks').count(); r.onsuccess = () => ok(r.result); });
  db.close();
  return { found, values, chunks };
}"""


def jpeg_in_page(page: Any, width: int, height: int, quality: float, noise: bool = False) -> bytes:
    return base64.b64decode(page.evaluate(DRAW_JPEG, [width, height, quality, noise]))


def attachments(server: LiveServer) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from server.extensions import db
    from server.models.attachments import Attachment

    def read() -> list[dict[str, Any]]:
        rows = db.session.scalars(select(Attachment)).all()
        return [{"id": str(r.id), "kind": r.kind, "visit_id": r.visit_id, "size": r.size,
                 "sha256": r.sha256, "uploaded_at": r.uploaded_at} for r in rows]

    return list(server.query(read))


def stored_file(root: Path, att_id: str) -> bytes:
    return (root / att_id[:2] / att_id).read_bytes()


def test_an_offline_contract_photo_goes_up_after_the_visit(server_factory: Any, phone: Any,
                                                           tmp_path: Path) -> None:
    files = tmp_path / "files"
    server = server_factory(ATTACHMENT_DIR=str(files), ATTACHMENT_STAGING_DIR=str(tmp_path / "up"))
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    person = server.ids["person:李杰"]
    contract = jpeg_in_page(page, 1200, 900, 0.9)  # already small: kept as it is

    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.method} {r.url.split('/api/')[-1]}")
            if "/api/sync/push" in r.url or "/upload" in r.url else None)

    context.set_offline(True)
    steps.go(page, f"#/visit/new?person={person}")
    page.wait_for_selector("form.visit-form")
    notes = steps.unique("Went with him to sign the contract")
    page.fill("#notes", notes)
    page.select_option("[data-test=visit-photo-kind]", "contract")
    page.set_input_files("[data-test=visit-photo-camera]", files=[
        {"name": "contract.jpg", "mimeType": "image/jpeg", "buffer": contract}])
    page.wait_for_selector("[data-test=visit-photo-count]:has-text('1')")
    page.click("[data-test=save-visit]")
    page.wait_for_selector(f"text={notes}")

    # The file section shows the photo from the phone's own copy, waiting to be sent.
    steps.go(page, f"#/person/{person}")
    item = page.wait_for_selector("[data-test=attachment-list] [data-test=attachment][data-kind=contract]")
    item.wait_for_selector("[data-test=attachment-thumb]")
    assert item.query_selector("[data-test=attachment-state]").get_attribute("data-state") == "pending"

    user_db = f"doorstep-user-{server.ids['helper1']}"
    kept = page.evaluate(PLAIN_IN_IDB, user_db)
    assert kept["chunks"] >= 1 and kept["values"] >= 2, kept
    assert kept["found"] == [], kept
    assert attachments(server) == []

    context.set_offline(False)
    page.wait_for_selector("[data-test=attachment][data-kind=contract] [data-test=attachment-state][data-state=done]",
                           timeout=30_000)
    [row] = attachments(server)
    assert row["kind"] == "contract" and row["visit_id"] is not None and row["uploaded_at"] is not None
    assert row["sha256"] == hashlib.sha256(contract).hexdigest() == hashlib.sha256(
        stored_file(files, row["id"])).hexdigest()
    first_push = next(i for i, s in enumerate(sent) if s.startswith("POST sync/push"))
    first_upload = next(i for i, s in enumerate(sent) if "/upload" in s)
    assert first_push < first_upload, sent
    # Once on the server the bytes leave the phone; the thumbnail stays for the file section.
    after = page.evaluate(PLAIN_IN_IDB, user_db)
    assert after["chunks"] == 0 and after["found"] == [], after
    # Opened now, the full photo comes from the server.
    page.click("[data-test=attachment-list] [data-test=attachment] a")
    page.wait_for_selector("[data-test=attachment-image]")
