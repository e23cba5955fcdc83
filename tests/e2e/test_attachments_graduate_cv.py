"""A graduate uploads their own CV from their profile, twice: two versions, numbered by the
server; their home says which version is the latest; the helper's file lists both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from server.demo_data.features.attachments import cv_pdf
from tests.e2e import steps
from tests.e2e.test_attachments_offline import attachments


def test_a_graduate_revises_their_cv_and_the_helper_sees_both_versions(
        server_factory: Any, phone: Any, tmp_path: Path) -> None:
    server = server_factory(ATTACHMENT_DIR=str(tmp_path / "files"),
                            ATTACHMENT_STAGING_DIR=str(tmp_path / "up"))
    grad = phone().new_page()
    steps.log_in(grad, server, "graduate1")
    grad.wait_for_selector("[data-test=home-cv]", timeout=30_000)
    steps.wait_synced(grad)
    assert "No CV yet" in grad.inner_text("[data-test=home-cv]")

    for version in (1, 2):
        steps.go(grad, "#/profile")
        grad.wait_for_selector("[data-test=my-cv]")
        grad.set_input_files("[data-test=cv-file]", files=[
            {"name": f"cv-{version}.pdf", "mimeType": "application/pdf",
             "buffer": cv_pdf("graduate1", version, "2026-12-01")}])
        grad.wait_for_selector(f"[data-test=cv-list] [data-test=attachment]:nth-child({version})")
        grad.wait_for_selector(f"[data-test=cv-list] >> text=CV version {version}")
        steps.wait_synced(grad)

    grad.wait_for_function("""() => [...document.querySelectorAll('[data-test=cv-list] [data-test=attachment-state]')]
        .every((s) => s.dataset.state === 'done')""", timeout=30_000)
    rows = sorted(attachments(server), key=lambda r: r["size"])
    assert [r["kind"] for r in rows] == ["cv", "cv"] and all(r["uploaded_at"] for r in rows)
    steps.go(grad, "#/mine")
    grad.wait_for_selector("[data-test=home-cv] >> text=CV version 2")

    helper = phone().new_page()
    steps.signed_in(helper, server, "helper1")
    steps.go(helper, f"#/person/{server.ids['person:李杰']}")
    helper.wait_for_selector("[data-test=cv-list] >> text=CV version 2")
    assert helper.locator("[data-test=cv-list] [data-test=attachment]").count() == 2
    # Opening a version the helper's phone never held fetches it from the server.
    helper.click("[data-test=cv-list] >> text=CV version 1")
    helper.wait_for_selector("[data-test=attachment-download]")
