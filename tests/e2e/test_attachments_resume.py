"""A 5 MB photo on a slow link, cut mid-way, resumes from the server's offset, not from zero."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from tests.e2e import steps
from tests.e2e.test_attachments_offline import attachments, jpeg_in_page, stored_file


def test_a_cut_upload_resumes_where_the_server_got_to(server_factory: Any, phone: Any,
                                                       tmp_path: Path) -> None:
    files = tmp_path / "files"
    server = server_factory(ATTACHMENT_DIR=str(files), ATTACHMENT_STAGING_DIR=str(tmp_path / "up"))
    context = phone()
    page = context.new_page()
    steps.signed_in(page, server, "helper1")
    person = server.ids["person:李杰"]
    # A photo of 1600 px of noise at full quality: over 5 MB, kept as it is (within 1600 px).
    photo = jpeg_in_page(page, 1600, 1600, 1.0, noise=True)
    assert len(photo) >= 5 * 1024 * 1024, len(photo)

    answers: list[tuple[str, int, int | None]] = []  # (method, status, the server's Upload-Offset)

    def answered(response: Any) -> None:
        if "/upload" in response.url:
            offset = response.headers.get("upload-offset")
            answers.append((response.request.method, response.status,
                            int(offset) if offset is not None else None))

    page.on("response", answered)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    link = {"latency": 40, "downloadThroughput": 1_000_000, "uploadThroughput": 600_000}
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **link})  # ~10 s for 5 MB

    steps.go(page, f"#/person/{person}")
    page.click("[data-test=attach-open]")
    page.select_option("[data-test=attach-kind]", "photo")
    page.set_input_files("[data-test=attach-file]", files=[
        {"name": "workplace.jpg", "mimeType": "image/jpeg", "buffer": photo}])

    # Once the server holds over a megabyte, the signal goes for a while.
    deadline = time.monotonic() + 60
    while not any(m == "PATCH" and s == 204 and (o or 0) >= 1_000_000 for m, s, o in answers):
        assert time.monotonic() < deadline, answers
        page.wait_for_timeout(100)
    # The page's own emulation is the one in force, so the cut goes through it too.
    context.set_offline(True)
    cdp.send("Network.emulateNetworkConditions", {"offline": True, **link})
    cut_at = len(answers)
    held = max(o or 0 for m, s, o in answers if s in (201, 204))
    page.wait_for_timeout(2_500)
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **link})
    context.set_offline(False)

    page.wait_for_selector("[data-test=attachment][data-kind=photo] [data-test=attachment-state][data-state=done]",
                           timeout=90_000)
    after = answers[cut_at:]
    created_again = [o for m, s, o in after if m == "POST" and s == 201]
    assert created_again and created_again[0] is not None and created_again[0] >= held > 0, answers
    assert all((o or 0) > 0 for m, s, o in after), answers  # never from zero
    [row] = attachments(server)
    assert row["size"] == len(photo) and row["uploaded_at"] is not None
    assert hashlib.sha256(stored_file(files, row["id"])).digest() == hashlib.sha256(photo).digest()
