"""Hybrid logical clock stamps: the wire format, comparison, the client clock and the server clamp.

A stamp is ``"{wall_ms:015d}:{counter:05d}:{node}"``. The fixed widths make string order equal
tuple order ``(wall, counter, node)``, so stamps from the database can be compared as strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.errors import InvalidStamp

#: Largest counter the five digit field can hold.
MAX_COUNTER = 99_999
#: Largest wall time the fifteen digit field can hold.
MAX_WALL = 10**15 - 1

_STAMP = re.compile(r"([0-9]{15}):([0-9]{5}):([^:\n]+)")


@dataclass(frozen=True, order=True)
class Stamp:
    """One HLC stamp; ordering is the tuple order (wall, counter, node)."""

    wall: int
    counter: int
    node: str

    def __post_init__(self) -> None:
        if not 0 <= self.wall <= MAX_WALL or not 0 <= self.counter <= MAX_COUNTER:
            raise InvalidStamp(f"stamp out of range: {self.wall}:{self.counter}")
        if not self.node or ":" in self.node:
            raise InvalidStamp("stamp node must be a non-empty string without ':'")

    def encode(self) -> str:
        """The wire string."""
        return f"{self.wall:015d}:{self.counter:05d}:{self.node}"

    def __str__(self) -> str:
        return self.encode()


def parse_stamp(text: object) -> Stamp:
    """Parse a wire string, raising :class:`InvalidStamp` for anything else."""
    if not isinstance(text, str):
        raise InvalidStamp("stamp must be a string")
    match = _STAMP.fullmatch(text)
    if match is None:
        raise InvalidStamp(f"not an HLC stamp: {text!r}")
    return Stamp(int(match.group(1)), int(match.group(2)), match.group(3))


class Clock:
    """The HLC of one node, corrected by the offset to the server's clock.

    ``physical`` is passed in (ms) rather than read, so the clock is deterministic in tests.
    """

    def __init__(self, node: str, offset_ms: int = 0) -> None:
        #: This node's id (a client_id, or ``server``).
        self.node = node
        #: ``server_time - local_time`` as last observed.
        self.offset_ms = offset_ms
        self._wall = 0
        self._counter = 0

    def observe_server_time(self, server_time_ms: int, local_ms: int) -> None:
        """Remember the offset to the server's clock and merge its time."""
        self.offset_ms = server_time_ms - local_ms
        self.receive(Stamp(server_time_ms, 0, "server"), local_ms)

    def now(self, local_ms: int) -> Stamp:
        """A new stamp for a local event, larger than every stamp seen so far."""
        physical = local_ms + self.offset_ms
        if physical > self._wall:
            self._wall, self._counter = physical, 0
        else:
            self._counter += 1
        return Stamp(self._wall, self._counter, self.node)

    def receive(self, remote: Stamp, local_ms: int) -> None:
        """Merge a received stamp so that later local stamps are causally after it."""
        physical = local_ms + self.offset_ms
        wall = max(self._wall, physical, remote.wall)
        if wall == self._wall and wall == remote.wall:
            counter = max(self._counter, remote.counter) + 1
        elif wall == self._wall:
            counter = self._counter + 1
        elif wall == remote.wall:
            counter = remote.counter + 1
        else:
            counter = 0
        self._wall, self._counter = wall, counter


@dataclass(frozen=True)
class Clamped:
    """The stamp the server merges with, and how far ahead the original was."""

    stamp: Stamp
    clamped: bool
    skew_ms: int


def clamp(stamp: Stamp, now_ms: int, seq: int, max_skew_ms: int) -> Clamped:
    """Replace a stamp more than ``max_skew_ms`` ahead of ``now_ms`` by ``(now, seq, node)``.

    The op's ``seq`` becomes the counter so that a device's clamped writes keep their causal
    (seq) order within one millisecond.
    """
    skew = stamp.wall - now_ms
    if skew <= max_skew_ms:
        return Clamped(stamp, False, 0)
    return Clamped(Stamp(now_ms, min(seq, MAX_COUNTER), stamp.node), True, skew)
