#!/usr/bin/env bash
# The container's entry point (the Dockerfile's CMD): bring the schema up to date, then hand the
# process over to gunicorn so it receives the container's signals directly.
#
# The database may still be starting when the container does (compose, Kubernetes), so the
# migration is retried until it answers; a configuration error (say, no SECRET_KEY in production)
# is not something waiting fixes, so it is checked first and fails at once.
set -euo pipefail

python -c 'from server import create_app; create_app()' || {
    echo "boot: the configuration is refused (see above); not starting" >&2
    exit 1
}

attempts="${DB_WAIT_ATTEMPTS:-30}"
for ((i = 1; ; i++)); do
    if flask db upgrade; then
        break
    fi
    if ((i >= attempts)); then
        echo "boot: database upgrade failed $attempts times; giving up" >&2
        exit 1
    fi
    echo "boot: database not ready (attempt $i of $attempts); retrying in 2 s" >&2
    sleep 2
done

exec gunicorn -c python:server.gunicorn_conf --bind 0.0.0.0:8000 --workers "${WEB_CONCURRENCY:-2}" --access-logfile - \
    "server:create_app()"
