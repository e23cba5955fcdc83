"""The sign-in throttle: growing delays after failed logins and activations.

Counted twice, per account and per address, in storage every worker and host shares: the
database (default) or Redis (`RATELIMIT_STORAGE_URI=redis://...`). The first failures are free
(`LOGIN_FREE_FAILURES` per account, `LOGIN_ADDRESS_FREE_FAILURES` per address: many phones
may share a carrier's address); after that each failure makes the key wait 1 s, 2 s, 4 s...
up to `LOGIN_MAX_DELAY_SECONDS`. While a key waits, the door answers 429 with Retry-After
without looking at the password, so waiting is the only way on. It is a delay, never a lockout:
the real user can always try again within the cap, and quiet time forgets the failures.
A success forgets the account's failures, not the address's (an attacker with one good account
must not reset their address between guesses at others).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from flask import Flask, current_app
from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.exceptions import TooManyRequests

if TYPE_CHECKING:
    from .models import ThrottleRecord


def delay_after(failures: int, free: int, cap: int) -> int:
    """Seconds to wait after `failures` failures: none while free, then doubling, capped."""
    if failures < free:
        return 0
    return min(cap, int(2 ** min(failures - free, 62)))


def memory(cap: int) -> timedelta:
    """How long a key keeps its failures after the last one: well past the longest delay."""
    return timedelta(seconds=max(3600, 4 * cap))


def _utcnow() -> datetime:
    from .models import utcnow

    return utcnow()


class Store(Protocol):
    def blocked_until(self, keys: list[str]) -> datetime | None: ...
    def fail(self, key: str, free: int, cap: int) -> None: ...
    def forget(self, key: str) -> None: ...
    def reset(self) -> None: ...


class DatabaseStore:
    """Counters in `login_throttle`, written with the request's session and committed at once
    (the failed request itself rolls back)."""

    def __init__(self) -> None:
        # Imported here: server/extensions.py creates the throttle before the models exist.
        from .extensions import db
        from .models import ThrottleRecord

        self.db = db
        self.record: type[ThrottleRecord] = ThrottleRecord

    def blocked_until(self, keys: list[str]) -> datetime | None:
        record = self.record
        query = select(record.blocked_until).where(record.key.in_(keys))
        times = [t for t in self.db.session.scalars(query) if t is not None]
        return max(times, default=None)

    def fail(self, key: str, free: int, cap: int) -> None:
        now = _utcnow()
        forgotten = self.record.last_failure_at < now - memory(cap)
        table = self.record.__table__
        dialect = postgresql if self.db.engine.dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(table).values(key=key, failures=1, last_failure_at=now)
        upsert = upsert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((forgotten, 1), else_=table.c.failures + 1),
                "last_failure_at": now,
            },
        ).returning(table.c.failures)
        failures = int(self.db.session.execute(upsert).scalar_one())
        wait = delay_after(failures, free, cap)
        self.db.session.execute(
            table.update()
            .where(table.c.key == key)
            .values(blocked_until=now + timedelta(seconds=wait) if wait else None)
        )
        self.db.session.execute(delete(self.record).where(forgotten))
        self.db.session.commit()

    def forget(self, key: str) -> None:
        self.db.session.execute(delete(self.record).where(self.record.key == key))

    def reset(self) -> None:
        self.db.session.execute(delete(self.record))
        self.db.session.commit()


class LoginThrottle:
    """The throttle the sign-in views call; created unbound in server/extensions.py."""

    def init_app(self, app: Flask) -> None:
        uri = str(app.config["RATELIMIT_STORAGE_URI"])
        store: Store
        if uri.startswith(("redis://", "rediss://")):
            from .throttle_redis import RedisStore

            store = RedisStore(uri)
        else:
            store = DatabaseStore()
        app.extensions["doorstep_throttle"] = store

    @property
    def store(self) -> Store:
        store: Store = current_app.extensions["doorstep_throttle"]
        return store

    @staticmethod
    def _keys(account: str, address: str) -> dict[str, int]:
        cfg = current_app.config
        return {
            f"account:{account.strip().lower()[:64]}": int(cfg["LOGIN_FREE_FAILURES"]),
            f"address:{address}": int(cfg["LOGIN_ADDRESS_FREE_FAILURES"]),
        }

    def check(self, account: str, address: str) -> None:
        """Raise 429 (with Retry-After) while the account or the address must wait."""
        if not current_app.config["RATELIMIT_ENABLED"]:
            return
        until = self.store.blocked_until(list(self._keys(account, address)))
        wait = (until - _utcnow()).total_seconds() if until else 0
        if wait > 0:
            seconds = math.ceil(wait)
            raise TooManyRequests(
                f"Too many failed attempts. Try again in {seconds} seconds.", retry_after=seconds
            )

    def failed(self, account: str, address: str) -> None:
        if not current_app.config["RATELIMIT_ENABLED"]:
            return
        cap = int(current_app.config["LOGIN_MAX_DELAY_SECONDS"])
        for key, free in self._keys(account, address).items():
            self.store.fail(key, free, cap)

    def succeeded(self, account: str) -> None:
        if current_app.config["RATELIMIT_ENABLED"]:
            self.store.forget(next(iter(self._keys(account, ""))))

    def reset(self) -> None:
        """Forget every counter (tests)."""
        self.store.reset()
