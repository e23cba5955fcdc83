"""Serves the built PWA (pwa/dist) at `/` and the API docs page (the health check: api/health.py).

index.html and sw.js must never be cached by the browser's HTTP cache (the service worker owns
caching); other files are content-addressed or revisioned by the build.

The docs page is Swagger UI from the swagger-ui-bundle package (works offline), started by a
script file rather than flask-smorest's inline one, so it runs under a CSP without inline
script. It is there only when `API_DOCS_ENABLED` (off in production unless set).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, current_app, send_from_directory
from swagger_ui_bundle import swagger_ui_path
from werkzeug.exceptions import MethodNotAllowed

from .headers import DOCS_CSP

DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Doorstep API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/doorstep-docs.js"></script>
</body>
</html>
"""
DOCS_SCRIPT = """window.ui = SwaggerUIBundle({url: '/api/openapi.json', dom_id: '#swagger-ui'});
"""

NO_CACHE = {"index.html", "sw.js", "manifest.webmanifest"}


def _send(path: str) -> Response:
    dist = Path(current_app.config["PWA_DIST"])
    target = (dist / path).resolve()
    if not str(target).startswith(str(dist.resolve())) or not target.is_file():
        abort(404)
    response = send_from_directory(dist, path, max_age=0 if path in NO_CACHE else 3600)
    if path in NO_CACHE:
        response.headers["Cache-Control"] = "no-cache"
    if path == "sw.js":
        response.headers["Service-Worker-Allowed"] = "/"
    return response


def register(app: Flask) -> None:
    if app.config["API_DOCS_ENABLED"]:
        _register_docs(app)

    @app.get("/")
    def index() -> Response:
        dist = Path(current_app.config["PWA_DIST"])
        if not (dist / "index.html").is_file():
            return Response(
                "The phone app is not built yet: run `npm ci && npm run build` (make demo does).",
                status=503,
                mimetype="text/plain",
            )
        return _send("index.html")

    @app.get("/<path:path>")
    def asset(path: str) -> Response:
        if path.startswith("api/"):
            # This GET rule matches every path, so an API route that takes only other methods
            # would answer 404 here: tell the caller it exists, but not for GET (405).
            others = set(current_app.url_map.bind("").allowed_methods("/" + path))
            others -= {"GET", "HEAD", "OPTIONS"}
            if others:
                raise MethodNotAllowed(valid_methods=sorted(others))
            abort(404)
        return _send(path)


def _register_docs(app: Flask) -> None:
    @app.get("/api/docs")
    def docs() -> Response:
        response = Response(DOCS_PAGE, mimetype="text/html")
        response.headers["Content-Security-Policy"] = DOCS_CSP
        return response

    @app.get("/api/docs/assets/<path:path>")
    def swagger_assets(path: str) -> Response:
        if path == "doorstep-docs.js":
            response = Response(DOCS_SCRIPT, mimetype="text/javascript")
            response.cache_control.max_age = 86400
            return response
        return send_from_directory(swagger_ui_path, path, max_age=86400)
