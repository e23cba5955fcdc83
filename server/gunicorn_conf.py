"""gunicorn settings shared by production (boot.sh), the demo and the benchmarks.

    gunicorn -c python:server.gunicorn_conf "server:create_app()"

The one setting that is not a command-line flag: Python's cyclic garbage collector. A sync push
builds and drops hundreds of ORM objects per batch; with the default thresholds (a young
collection every 700 allocations) the collector ran through the worker's whole long-lived
heap often enough to cost about 8 % of push time (bench/sync_bench.py). Each worker freezes
what it inherited at fork (never garbage) and collects young objects less often; memory stays
bounded because a request's objects die with it either way.
"""

from __future__ import annotations

import gc
from typing import Any

#: A young collection every 50,000 net allocations instead of 700; older generations as usual.
GC_THRESHOLDS = (50_000, 20, 100)


def post_fork(server: Any, worker: Any) -> None:
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
