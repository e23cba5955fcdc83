"""`flask worker`: run the background tasks (imports, exports) queued in Redis by RQ.

Needed only when a queue is configured (`TASKS_REDIS_URL`, else `REDIS_URL`); without one,
tasks run inline in the request that starts them and no worker is needed. Run as many as the
machine allows, each a plain process beside the web server, sharing its instance folder (the
tasks' files live there) and its database: `flask --app server worker`. `--burst` works the
queue empty and exits (tests, cron).
"""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext
from redis import Redis
from rq import Queue, Worker

from ..background import runner
from ..background.tasks import QUEUE, queue_url


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued tasks, then exit.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run queued background tasks (RQ on TASKS_REDIS_URL / REDIS_URL)."""
    url = queue_url()
    if url is None:
        raise click.ClickException("No TASKS_REDIS_URL or REDIS_URL: tasks run inline, no worker is needed.")
    runner.WORKER_PID = os.getpid()
    redis = Redis.from_url(url)  # no socket timeout: a worker blocks on the queue by design
    Worker([Queue(QUEUE, connection=redis)], connection=redis).work(burst=burst)


commands = [worker]
