"""Serves the built PWA (pwa/dist) at `/`, and the health check.

index.html and sw.js must never be cached by the browser's HTTP cache (the service worker owns
caching); other files are content-addressed or revisioned by the build.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, current_app, jsonify, send_from_directory
from sqlalchemy import text
from swagger_ui_bundle import swagger_ui_path

from .extensions import db

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
    @app.get("/api/health")
    def health() -> tuple[Response, int]:
        """Liveness and database check (used by Docker's HEALTHCHECK)."""
        try:
            db.session.execute(text("SELECT 1"))
        except Exception as exc:  # any database failure means unhealthy
            return jsonify({"status": "error", "database": str(exc.__class__.__name__)}), 503
        return jsonify({"status": "ok", "database": "ok"}), 200

    @app.get("/api/docs/assets/<path:path>")
    def swagger_assets(path: str) -> Response:
        return send_from_directory(swagger_ui_path, path, max_age=86400)

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
            abort(404)
        return _send(path)
