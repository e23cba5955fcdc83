"""Schemathesis over the whole OpenAPI document: every phase, stateful links, many examples.

Not a test (it takes minutes): `make test` keeps a small bounded run in
tests/server/api/test_openapi_fuzz.py. This script seeds the standard world into a fresh
database (SQLite in a temp dir, or `DATABASE_URL` for an empty PostgreSQL database you own),
serves the app on a free local port, and runs `schemathesis run` once per role (admin, helper,
client) with the examples, coverage, fuzzing and stateful phases. Stateful links are inferred
by schemathesis from the document (`Location` headers and dependency analysis: an id a
response returns feeds the operations that take it). Every answer must be documented, in the
one error shape, and never a 5xx.

    PYTHONPATH=. .venv/bin/python bench/fuzz_api.py                 # 200 examples / operation
    PYTHONPATH=. .venv/bin/python bench/fuzz_api.py --examples 50 --roles helper
    PYTHONPATH=. .venv/bin/python bench/fuzz_api.py --phases fuzzing,stateful

Exit status 0 when every role ran without a failure. Reports (JUnit, NDJSON) go to
`--report-dir` (default: a temp dir, printed at the end).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from flask_jwt_extended import create_access_token
from sqlalchemy import select
from werkzeug.serving import make_server

from server import create_app
from server.extensions import db
from server.models import User
from tests.factories import make_world

ROLE_USER = {"admin": "admin", "supervisor": "supervisor1", "helper": "helper1",
             "client": "graduate1"}
#: Off on purpose (as in tests/server/api/test_openapi_fuzz.py): schema-valid data can break a
#: business rule (a 422 by design), and unknown query parameters are ignored, not refused.
EXCLUDED_CHECKS = "positive_data_acceptance,negative_data_rejection"
#: The coverage phase also sends undocumented methods and expects 405; Flask answers OPTIONS
#: (and HEAD for a GET) itself, with a correct `Allow`, so those two are not sent.
CONFIG_TOML = """
[phases.coverage]
unexpected-methods = ["get", "put", "post", "delete", "patch", "trace"]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_app(workdir: Path):  # type: ignore[no-untyped-def]
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'fuzz.sqlite'}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    app = create_app({
        "DOORSTEP_ENV": "test", "TESTING": False, "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "fuzz-secret-key-that-is-long-enough-0123456789",
        "JWT_SECRET_KEY": "fuzz-jwt-secret-key-that-is-long-enough-0123456789",
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(hours=12), "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        db.drop_all()
        db.create_all()
        make_world()
        tokens = {role: create_access_token(identity=str(db.session.scalar(
            select(User.id).where(User.username == name)))) for role, name in ROLE_USER.items()}
    return app, tokens


def run_role(base: str, role: str, token: str, args: argparse.Namespace, reports: Path) -> int:
    config = reports / "schemathesis.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG_TOML)
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(config),
        "run", f"{base}/api/openapi.json",
        "--url", base,
        "--header", f"Authorization: Bearer {token}",
        "--header", "Accept-Encoding: identity",
        "--max-examples", str(args.examples),
        "--phases", args.phases,
        "--exclude-checks", EXCLUDED_CHECKS,
        "--seed", str(args.seed),
        "--workers", "1",
        "--report", "junit,ndjson",
        "--report-dir", str(reports / role),
    ]
    shown = ["Authorization: Bearer …" if part.startswith("Authorization:") else part for part in command[5:]]
    print(f"\n=== {role}: {' '.join(shown)}", flush=True)
    return subprocess.call(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per operation")
    parser.add_argument("--roles", default="admin,helper,client",
                        help=f"comma-separated, from {','.join(ROLE_USER)}")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--report-dir", type=Path, default=None)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="doorstep-fuzz-"))
    reports = args.report_dir or workdir / "reports"
    app, tokens = build_app(workdir)
    port = free_port()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request drowns the report
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    failed = []
    try:
        for role in args.roles.split(","):
            if run_role(base, role, tokens[role], args, reports) != 0:
                failed.append(role)
    finally:
        server.shutdown()
    print(f"\nreports in {reports}; failing roles: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
