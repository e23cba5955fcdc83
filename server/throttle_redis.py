"""The sign-in throttle's counters in Redis, for installations with several app hosts.

Same fields and rules as the database store (server/throttle.py): one hash per key with the
failure count and the time (ms) until which the key waits. A failure is one Lua script, so
hosts counting the same key at once never lose a failure; the key expires after the quiet
time that forgets its failures. Redis unreachable is a 503 with Retry-After: the doors stay
shut rather than open without a count (an outage must not be a window for guessing).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime

import redis
from werkzeug.exceptions import ServiceUnavailable

from .models import utcnow
from .throttle import memory

PREFIX = "doorstep:throttle:"

# KEYS[1] the key; ARGV now_ms, free, cap_s, memory_ms. Returns the failure count.
_FAIL = """
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local free, cap = tonumber(ARGV[2]), tonumber(ARGV[3])
local wait = 0
if failures >= free then wait = math.min(cap, 2 ^ math.min(failures - free, 62)) end
redis.call('HSET', KEYS[1], 'blocked_until', tonumber(ARGV[1]) + wait * 1000)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return failures
"""


def _ms(moment: datetime) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp() * 1000)


@contextlib.contextmanager
def _reachable() -> Iterator[None]:
    try:
        yield
    except redis.RedisError as exc:
        raise ServiceUnavailable(
            "Signing in is unavailable for a moment; try again shortly.", retry_after=5
        ) from exc


class RedisStore:
    def __init__(self, uri: str) -> None:
        self.client = redis.Redis.from_url(uri, socket_timeout=2, socket_connect_timeout=2)
        self._fail = self.client.register_script(_FAIL)

    def blocked_until(self, keys: list[str]) -> datetime | None:
        with _reachable(), self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.hget(PREFIX + key, "blocked_until")
            values = [int(float(v)) for v in pipe.execute() if v is not None]
        if not values:
            return None
        return datetime.fromtimestamp(max(values) / 1000, UTC).replace(tzinfo=None)

    def fail(self, key: str, free: int, cap: int) -> None:
        forget_ms = int(memory(cap).total_seconds() * 1000)
        with _reachable():
            self._fail(keys=[PREFIX + key], args=[_ms(utcnow()), free, cap, forget_ms])

    def forget(self, key: str) -> None:
        with _reachable():
            self.client.delete(PREFIX + key)

    def reset(self) -> None:
        keys = list(self.client.scan_iter(match=PREFIX + "*", count=500))
        if keys:
            self.client.delete(*keys)
