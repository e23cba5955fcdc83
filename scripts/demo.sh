#!/usr/bin/env bash
# README's first command (`make demo`): from a fresh clone to the server running on SQLite with
# demo data, its URL and the demo logins printed.
#
#   scripts/demo.sh            # keep the demo database if it already has data
#   scripts/demo.sh --reset    # rebuild the demo data from scratch (any args go to `flask demo`)
#   PORT=8080 scripts/demo.sh  # another port (default 5000)
#
# Re-runnable: the bootstrap skips what is installed, `flask db upgrade` is a no-op on an
# up-to-date schema, and `flask demo` seeds only an empty database unless given --reset.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/bootstrap.sh"

export PATH="$ROOT/.venv/bin:$PATH"
export FLASK_APP=server
export DOORSTEP_ENV=demo
mkdir -p "$ROOT/instance"
# The app's own default file, spelled out so it is printed; absolute (four slashes) so it does
# not depend on the working directory.
export DATABASE_URL="${DATABASE_URL:-sqlite:///$ROOT/instance/doorstep.sqlite}"
PORT="${PORT:-5000}"

echo "==> database: $DATABASE_URL"
flask db upgrade
flask demo "$@"

echo
echo "==> Doorstep is running at http://127.0.0.1:$PORT/   (API docs: http://127.0.0.1:$PORT/api/docs)"
echo "    Ctrl-C stops it; run 'make demo' again to restart with the same data."
echo
# exec so that Ctrl-C and signals reach gunicorn directly. Two workers: enough for the PWA and a
# second browser tab on a 2-core machine. Bound to loopback: a demo is not a deployment.
exec gunicorn -c python:server.gunicorn_conf --bind "127.0.0.1:$PORT" --workers 2 --access-logfile - "server:create_app()"
