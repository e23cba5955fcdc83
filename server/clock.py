"""The server's hybrid logical clock: stamps for writes made outside a device's op (REST, CLI).

REST edits stamp the fields they change exactly as a device's operation would, so a phone's
concurrent offline edit is judged against them by the same merge rules (sync/PROTOCOL.md).

The clock is a real HLC, not the wall clock: before it stamps a field it *observes* the stamp
that field already carries, so a write made after seeing another always gets the larger stamp
and wins over it, whichever path made the first one. This matters because the server accepts a
phone's stamp up to `max_skew_ms` ahead of its own time: without the observation a supervisor's
correction made just after a fast phone's edit would carry the smaller stamp, the next replay
of the field's history would put the phone's value back, and the correction would be gone
(issue 9, item C). Observing the row's own stamps (rather than only what this process saw)
keeps that true across workers and hosts: the stored stamps are the shared state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from sync.errors import InvalidStamp
from sync.hlc import Clock, parse_stamp

_clock = Clock("server")
_lock = threading.Lock()


def now_ms() -> int:
    return int(time.time() * 1000)


def server_stamp(after: Iterable[str | None] = ()) -> str:
    """A fresh stamp, larger than any this process has made or seen, and than each of `after`."""
    with _lock:
        local = now_ms()
        for text in after:
            if not text:
                continue
            try:
                _clock.receive(parse_stamp(text), local)
            except InvalidStamp:
                continue  # a malformed stored stamp orders nothing
        return _clock.now(local).encode()


def stamp_fields(obj: object, names: list[str] | tuple[str, ...], stamp: str | None = None) -> str:
    """Record that `names` of a syncable row were written now; returns the stamp used.

    Without an explicit `stamp` the new one is made after every stamp those fields carry, so
    this write wins over the values it replaces (see the module docstring).
    """
    stamps = dict(getattr(obj, "stamps", None) or {})
    stamp = stamp or server_stamp(stamps.get(name) for name in names)
    for name in names:
        stamps[name] = stamp
    obj.stamps = stamps  # type: ignore[attr-defined]  # reassign so the JSON column is dirty
    return stamp
