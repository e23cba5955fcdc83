"""The one way a datetime goes on the wire: naive UTC → ISO 8601 with `Z`.

Seconds, plus milliseconds when there are some, so nothing a phone stored is rounded away and a
whole-second time reads the same everywhere. REST responses (`schemas.common.UTCDateTime`) and
sync pulls (`sync_store.mapping.to_wire`) both write datetimes with this function.
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(value: datetime) -> str:
    """`2026-11-20T09:00:00Z`, or `2026-11-20T09:00:00.250Z` (aware values are converted)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    spec = "milliseconds" if value.microsecond >= 1000 else "seconds"
    return value.isoformat(timespec=spec) + "Z"
