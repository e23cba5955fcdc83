"""Doorstep's pure sync core: clocks, operations, merge rules and the push/pull engine.

No web framework and no database here: the server and the PWA are adapters around it. The
rules are written in ``sync/PROTOCOL.md`` and pinned by ``sync/vectors/*.json``.
"""

from __future__ import annotations

from sync.cursor import Cursor, decode_cursor, encode_cursor
from sync.engine import Engine, check_protocol
from sync.errors import (
    BadCursor,
    InvalidRequest,
    InvalidStamp,
    OpRejected,
    RegistryError,
    SyncError,
    UnsupportedProtocol,
)
from sync.hlc import Clock, Stamp, clamp, parse_stamp
from sync.memory import MemoryStorage
from sync.merge import FieldWrite
from sync.pull import pull
from sync.registry import Registry, load_registry
from sync.storage import Change, Record, Scope, Storage

__all__ = [
    "BadCursor",
    "Change",
    "Clock",
    "Cursor",
    "Engine",
    "FieldWrite",
    "InvalidRequest",
    "InvalidStamp",
    "MemoryStorage",
    "OpRejected",
    "Record",
    "Registry",
    "RegistryError",
    "Scope",
    "Stamp",
    "Storage",
    "SyncError",
    "UnsupportedProtocol",
    "check_protocol",
    "clamp",
    "decode_cursor",
    "encode_cursor",
    "load_registry",
    "parse_stamp",
    "pull",
]
