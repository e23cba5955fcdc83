"""The demo's CVs are real PDFs that say whose file and which version they are."""

from __future__ import annotations

import io

from pypdf import PdfReader

from server.demo_data.features.attachments import cv_pdf


def test_a_demo_cv_is_a_one_page_pdf_that_says_its_version():
    reader = PdfReader(io.BytesIO(cv_pdf("3f2a9c1d", 2, "2026-10-12")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "version 2" in text and "2026-10-12" in text
