"""Doorstep's Flask application: `create_app()` is the only way to get one."""

from __future__ import annotations

import os
import time
from typing import Any

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import load_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides settings from the environment (tests pass their own)."""
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path, config))
    app.json.sort_keys = False  # type: ignore[attr-defined]
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        # Only then is X-Forwarded-For believed: anyone can send it to an app facing the internet.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    from . import audit, errors, models  # noqa: F401  (registers tables and the audit hook)
    from .extensions import api, db, jwt, limiter, migrate

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(__file__), "migrations"),
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        compare_type=True,
    )
    jwt.init_app(app)
    limiter.init_app(app)
    api.init_app(app)

    from . import api as api_package
    from . import cli, headers, web

    api_package.register(api)
    errors.register(app)
    web.register(app)
    headers.register(app)
    cli.register(app)

    @app.after_request
    def _server_time(response: Response) -> Response:
        # Phones correct their clocks by this (sync/PROTOCOL.md, "Clocks").
        response.headers["X-Server-Time"] = str(int(time.time() * 1000))
        return response

    return app
