"""Attachments' files go to folders of the test's own, never the project's instance folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask


@pytest.fixture(autouse=True)
def attachment_dirs(app: Flask, tmp_path: Path) -> Iterator[Path]:
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "files")
    app.config["ATTACHMENT_STAGING_DIR"] = str(tmp_path / "staging")
    app.extensions.pop("attachment_storage", None)
    yield tmp_path
