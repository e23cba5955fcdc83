"""The pull page: cursor in, consistent page of changes out (PROTOCOL.md section 8).

The storage adapter runs the scoped query inside one transaction; this module owns the cursor,
the limit, ``has_more`` and ``reset``.
"""

from __future__ import annotations

from typing import Any

from sync.cursor import Cursor, decode_cursor, encode_cursor
from sync.errors import BadCursor
from sync.storage import Storage

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000


def page_limit(raw: object) -> int:
    """The page size from a query parameter: default 200, clamped to 1..1000."""
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool):
        return DEFAULT_LIMIT
    return max(1, min(MAX_LIMIT, raw))


def start_position(token: str | None, epoch: str) -> tuple[int, bool]:
    """``(position, reset)`` for a cursor token: garbled or foreign cursors restart at 0."""
    if not token:
        return 0, False
    try:
        cursor = decode_cursor(token)
    except BadCursor:
        return 0, True
    if cursor.epoch != epoch:
        return 0, True
    return cursor.position, False


def pull(
    storage: Storage,
    client_id: str,
    token: str | None,
    limit: object,
    now_ms: int,
    protocol: int = 2,
) -> dict[str, Any]:
    """Handle ``GET /api/sync/pull`` and return its body."""
    epoch = storage.epoch()
    position, reset = start_position(token, epoch)
    size = page_limit(limit)
    changes = list(storage.changes_since(client_id, position, size + 1))
    page = changes[:size]
    last = page[-1].position if page else position
    has_more = len(changes) > size
    if not has_more:
        # Nothing else in scope up to the end of the log: the cursor moves past other scopes'
        # changes too, so the next pull starts there instead of scanning them again.
        last = max(last, storage.log_end())
    return {
        "protocol": protocol,
        "server_time": now_ms,
        "cursor": encode_cursor(Cursor(epoch, last)),
        "has_more": has_more,
        # Changes still to come after this page, so a first sync can show "N of M".
        "remaining": storage.count_since(client_id, last) if has_more else 0,
        "acked_seq": storage.acked_seq(client_id),
        "reset": reset,
        "changes": [change.to_wire() for change in page],
    }
