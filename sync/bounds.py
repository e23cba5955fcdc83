"""Bounds on one op: seq, depth, size, storable text and text lengths (PROTOCOL.md 3.1).

A phone that sends something no database can hold, or so much of it that the server keeps
megabytes in quarantine, must get that op refused on its own: the rest of the batch goes on.
The bounds live in ``registry.json`` (``limits``) so the phone shows them before saving, and are
measured identically here and in ``pwa/js/sync/bounds.js``: text in code points, an op in UTF-8
bytes of its compact JSON, depth with the op object itself at depth 1.

"Storable text" is text both databases keep unchanged: PostgreSQL refuses NUL, and a lone
surrogate (``"\\ud800"`` in JSON) has no UTF-8 form. Refusing both everywhere makes SQLite and
PostgreSQL accept exactly the same text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync.errors import OpRejected
from sync.registry import Limits

#: A character no database keeps as sent. In Python a valid surrogate pair from JSON is already
#: one code point, so any surrogate left in a string is a lone one.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: How deep :func:`shape_of` walks before it stops counting (well above any limit).
DEPTH_CAP = 64
#: What the quarantine keeps of an op it cannot store whole.
PREVIEW_CHARS = 2000


def storable(text: str) -> bool:
    """Whether ``text`` holds neither NUL nor a lone surrogate."""
    return _UNSTORABLE.search(text) is None


def text_length(text: str) -> int:
    """Length in code points: an emoji counts one, as a person counts it."""
    return len(text)


@dataclass(frozen=True)
class Shape:
    """What bounds need to know of a raw op, found in one walk."""

    #: Nesting depth (the op object is 1); ``DEPTH_CAP + 1`` means "deeper than we look".
    depth: int
    #: The field (``data`` key, else top-level key) holding the first unstorable text.
    bad_text: str | None
    #: The field holding the first NaN or infinity (only Python's JSON parser makes those).
    not_finite: str | None
    #: UTF-8 bytes of the compact JSON; -1 when not measured (too deep, bad text, not finite).
    size: int


def _field_of(path: tuple[str, ...]) -> str:
    if len(path) >= 2 and path[0] == "data":
        return path[1]
    return path[0] if path else "op"


def shape_of(raw: object, *, measure: bool = True) -> Shape:
    """Walk ``raw`` once, without recursion (a hostile op may be nested thousands deep);
    ``measure=False`` skips the size (-1)."""
    depth, bad, infinite = 0, None, None
    stack: list[tuple[object, int, tuple[str, ...]]] = [(raw, 1, ())]
    while stack:
        value, level, path = stack.pop()
        if isinstance(value, str):
            if bad is None and not storable(value):
                bad = _field_of(path)
            continue
        if isinstance(value, float):
            if infinite is None and not math.isfinite(value):
                infinite = _field_of(path)
            continue
        if isinstance(value, Mapping):
            items: list[tuple[object, object]] = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            continue
        depth = max(depth, level)
        if level > DEPTH_CAP:
            return Shape(DEPTH_CAP + 1, bad, infinite, -1)
        for key, child in items:
            name = key if isinstance(key, str) else str(key)
            if isinstance(key, str) and bad is None and not storable(key):
                bad = _field_of((*path, name)) if path else "op"
            stack.append((child, level + 1, (*path, name)))
    if bad is not None or infinite is not None or not measure:
        return Shape(depth, bad, infinite, -1)
    encoded = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    return Shape(depth, bad, infinite, len(encoded.encode("utf-8")))


def check_bounds(seq: int, shape: Shape, limits: Limits) -> None:
    """Rule 2a: the op's seq, depth, text and size, before anything reads its values."""
    if seq > limits.seq_max:
        raise OpRejected(
            "invalid_op", "seq is too large", {"seq": [f"must be at most {limits.seq_max}"]}
        )
    if shape.depth > limits.op_depth_max:
        raise OpRejected("too_deep", f"the op is nested deeper than {limits.op_depth_max} levels")
    if shape.bad_text is not None:
        raise OpRejected(
            "invalid_text",
            "a text holds a NUL character or a broken (lone surrogate) character",
            {shape.bad_text: ["holds a character that cannot be stored"]},
        )
    if shape.not_finite is not None:
        raise OpRejected("invalid_op", "numbers must be finite", {shape.not_finite: ["not finite"]})
    if shape.size > limits.op_bytes_max:
        raise OpRejected(
            "too_large", f"the op is {shape.size} bytes; at most {limits.op_bytes_max}"
        )


def check_text_lengths(entity: str, data: Mapping[str, Any], limits: Limits) -> None:
    """Each bounded text field of ``entity`` (each item of a list of texts) within its length."""
    for name, value in data.items():
        longest = limits.text_max(entity, name)
        if longest is None:
            continue
        items = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and text_length(v) > longest for v in items):
            raise OpRejected(
                "too_long",
                f"{name} is longer than {longest} characters",
                {name: [f"at most {longest} characters"]},
            )


def op_id_of(raw: object) -> str | None:
    """The op_id to answer with and store a result under: a short storable string, else none."""
    op_id = raw.get("op_id") if isinstance(raw, Mapping) else None
    if isinstance(op_id, str) and 0 < len(op_id) <= 64 and storable(op_id):
        return op_id
    return None


def seq_of(raw: object, limits: Limits) -> int | None:
    """The seq to count towards ``acked_seq``: an integer in 1..seq_max, else none."""
    seq = raw.get("seq") if isinstance(raw, Mapping) else None
    if isinstance(seq, int) and not isinstance(seq, bool) and 1 <= seq <= limits.seq_max:
        return seq
    return None


def quarantine_copy(raw: object, limits: Limits) -> object:
    """What the quarantine keeps of a rejected op: the op itself when it can be stored whole,
    else its identity and a bounded, escaped preview marked ``truncated`` (never re-applied:
    it has no ``data``)."""
    shape = shape_of(raw)
    whole = (
        shape.depth <= limits.op_depth_max
        and 0 <= shape.size <= limits.op_bytes_max
        and isinstance(raw, Mapping)
    )
    if whole:
        return raw
    fields = raw if isinstance(raw, Mapping) else {}
    kept: dict[str, Any] = {"truncated": True, "bytes": shape.size if shape.size >= 0 else None}
    for key in ("op_id", "client_id", "entity", "entity_id", "kind"):
        value = fields.get(key)
        if isinstance(value, str) and len(value) <= 64 and storable(value):
            kept[key] = value
    kept["seq"] = seq_of(raw, limits)
    preview = "(nested too deep to show)"
    if shape.depth <= DEPTH_CAP:
        # ASCII escapes turn NUL and lone surrogates into plain text, NaN stays readable.
        preview = json.dumps(raw, ensure_ascii=True, separators=(",", ":"))[:PREVIEW_CHARS]
    kept["preview"] = preview
    return kept
