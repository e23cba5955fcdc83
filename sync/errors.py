"""The one exception hierarchy of the sync core.

Every error the core raises derives from :class:`SyncError` and carries a machine ``code``, a
human ``message`` and optional per-field details, so the server's single error handler can turn
any of them into the project's JSON error shape without knowing the subclasses.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base class of every error raised by :mod:`sync`."""

    #: Machine code, snake_case, as sent in ``{"error": {"code": ...}}``.
    code: str = "sync_error"
    #: HTTP status the server adapter should answer with.
    http_status: int = 400

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        #: Human readable explanation (English; the PWA localises by code).
        self.message = message
        #: Per-field messages, for validation errors.
        self.fields: dict[str, list[str]] = dict(fields or {})


class UnsupportedProtocol(SyncError):
    """The client speaks a protocol version the server no longer (or not yet) accepts."""

    code = "unsupported_protocol"
    http_status = 426


class InvalidRequest(SyncError):
    """The push or pull envelope itself is malformed (not a single op)."""

    code = "invalid_request"


class RegistryError(SyncError):
    """``registry.json`` is inconsistent; a programming error, never a client's fault."""

    code = "registry_error"
    http_status = 500


class InvalidStamp(SyncError):
    """A string is not an HLC stamp in the wire format."""

    code = "invalid_stamp"


class BadCursor(SyncError):
    """A pull cursor cannot be decoded; the pull answers ``reset`` instead of failing."""

    code = "bad_cursor"


class OpRejected(SyncError):
    """One operation is rejected; the push goes on with the next one.

    ``code`` is set per instance (``invalid_op``, ``unknown_field``, ``out_of_scope``...).
    """

    def __init__(self, code: str, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message, fields)
        self.code = code
