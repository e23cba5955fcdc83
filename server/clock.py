"""The server's hybrid logical clock: stamps for writes made through the REST API.

REST edits stamp the fields they change exactly as a device's operation would, so a phone's
concurrent offline edit is judged against them by the same merge rules (sync/PROTOCOL.md).
"""

from __future__ import annotations

import threading
import time

from sync.hlc import Clock

_clock = Clock("server")
_lock = threading.Lock()


def now_ms() -> int:
    return int(time.time() * 1000)


def server_stamp() -> str:
    """A fresh stamp, larger than any this process has made or seen."""
    with _lock:
        return _clock.now(now_ms()).encode()


def stamp_fields(obj: object, names: list[str] | tuple[str, ...], stamp: str | None = None) -> str:
    """Record that `names` of a syncable row were written now; returns the stamp used."""
    stamp = stamp or server_stamp()
    stamps = dict(getattr(obj, "stamps", None) or {})
    for name in names:
        stamps[name] = stamp
    obj.stamps = stamps  # type: ignore[attr-defined]  # reassign so the JSON column is dirty
    return stamp
