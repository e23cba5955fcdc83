"""How much a request may carry, and how long a phone should wait when the database is away.

The protocol's bounds (seq, op depth and size, ops per push, text lengths, how far ahead dates
may be) are facts the phone shares, so they live in `sync/registry.json` (`limits`); the ones
here are deployment settings read from the app's config, defaulting to the registry's values.
"""

from __future__ import annotations

from flask import current_app

from sync.registry import Limits, load_registry

#: The protocol's bounds, shared with the phone.
LIMITS: Limits = load_registry().limits
#: Seconds a client is told to wait (`Retry-After`) when the database cannot answer or write.
DEFAULT_RETRY_AFTER = 5


def max_body_bytes() -> int:
    """Largest request body (`MAX_CONTENT_LENGTH`; default: the registry's push size)."""
    return int(current_app.config.get("MAX_CONTENT_LENGTH") or LIMITS.push_bytes_max)


def max_batch_ops() -> int:
    """Most ops one push may hold (`SYNC_MAX_BATCH_OPS`; default: the registry's)."""
    return int(current_app.config.get("SYNC_MAX_BATCH_OPS") or LIMITS.batch_ops_max)


def retry_after_seconds() -> int:
    """`Retry-After` of a 503 (`RETRY_AFTER_SECONDS`)."""
    return int(current_app.config.get("RETRY_AFTER_SECONDS") or DEFAULT_RETRY_AFTER)


def retention_ms() -> int:
    """How long phones keep answered ops (`SYNC_RETENTION_DAYS`), published in every sync
    response: a restore can go back at most that far (sync/PROTOCOL.md 6.1)."""
    return int(current_app.config.get("SYNC_RETENTION_DAYS") or 14) * 86_400_000
