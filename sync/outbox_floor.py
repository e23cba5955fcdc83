"""The push envelope's ``floor``: a device's acked seq may jump a gap it will never fill.

A phone sets aside an op the server keeps failing on (it may later be discarded, or resent as a
new op with a new seq), so that op's seq may never be answered. ``acked_seq`` counts only
consecutive answered seqs, so without a floor it would stop at that gap for ever, and the phone
could no longer tell from ``acked_seq`` that the server forgot something (a restore, a crash
losing commits). The phone therefore sends ``floor`` = the lowest seq it still waits an answer
for; every seq below it is answered, set aside for the helper or given up.

Rules (sync/PROTOCOL.md 6.1), pure so the JavaScript port
(``pwa/js/sync/floor.js``) computes the same:

- a floor that is not an integer in ``1..seq_max`` is ignored (an envelope field never fails
  the batch);
- the response's ``acked_seq`` is computed *before* this request's floor is applied, so a
  server that lost ops shows the regression to the phone before the floor could hide it;
- then ``acked = max(acked, floor - 1)``, advanced over the answered seqs above it; a floor never
  lowers ``acked``.
"""

from __future__ import annotations

from collections.abc import Mapping, Set


def floor_of(body: Mapping[str, object], seq_max: int) -> int | None:
    """The envelope's floor, or None when absent or not an integer in ``1..seq_max``."""
    floor = body.get("floor")
    if isinstance(floor, int) and not isinstance(floor, bool) and 1 <= floor <= seq_max:
        return floor
    return None


def raise_floor(acked: int, answered: Set[int], floor: int | None) -> tuple[int, frozenset[int]]:
    """``(acked, answered seqs above it)`` once the device says it waits nothing below ``floor``."""
    if floor is not None:
        acked = max(acked, floor - 1)
    while acked + 1 in answered:
        acked += 1
    return acked, frozenset(s for s in answered if s > acked)
