"""Security headers on every response, and what the browser may keep.

- A Content-Security-Policy without inline script: the phone app is ES modules from this
  origin only, styles from its stylesheet; nothing may frame it (`frame-ancestors 'none'`).
  The API docs page (server/web.py) has its own policy: Swagger UI sets inline styles, never
  inline script.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (addresses in a URL
  must not leave the app), and a Permissions-Policy that allows only what a view uses (the
  visit form's location).
- `Cache-Control: no-store` on every API answer: residents' files never sit in a shared or
  disk cache (the phone keeps its own copy in IndexedDB, on purpose and encrypted by the OS).
- HSTS when `TLS_IN_FRONT` says the app is only reached over HTTPS.
"""

from __future__ import annotations

from flask import Flask, Response, request

APP_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
#: Swagger UI writes style attributes and shows icons as data: URLs; its script is a file.
DOCS_CSP = APP_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"
HSTS = "max-age=31536000"
#: Under /api but not API answers: the docs page's static files may be cached.
CACHEABLE_API_PREFIX = "/api/docs/assets/"


def register(app: Flask) -> None:
    tls = bool(app.config["TLS_IN_FRONT"])

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", APP_CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Permissions-Policy"] = PERMISSIONS
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if tls:
            headers["Strict-Transport-Security"] = HSTS
        path = request.path
        if path.startswith("/api/") and not path.startswith(CACHEABLE_API_PREFIX):
            headers["Cache-Control"] = "no-store"
        return response
