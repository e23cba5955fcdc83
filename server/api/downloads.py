"""A file download as browsers and spreadsheets want it: the .xlsx type and a name in both
ASCII and the reader's language (RFC 6266's filename*)."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, name: str, label: str) -> Response:
    """An attachment named in ASCII, and in the reader's language for browsers that can."""
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(label)}"})
