"""Merge decisions: the replay of a field's history in stamp order.

The value, the conflict rounds and the superseded flags of a ``lww_review`` or
``state_machine`` field are a function of the *set* of writes it received, never of their
arrival order: the replay sorts the history (origin first, then by stamp and op id) and walks
it once (PROTOCOL.md section 5). Plain ``lww`` fields need no history: :func:`lww_wins`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Write kinds that create the value a history starts from.
ORIGIN_KINDS = frozenset({"origin", "insert"})


@dataclass(frozen=True)
class FieldWrite:
    """One accepted write to one field, as kept in the field history."""

    #: ``origin`` (data the server had before any op), ``insert``, ``set``, ``transition``
    #: or ``resolve``.
    kind: str
    #: The op that wrote it; ``None`` for an origin.
    op_id: str | None
    client_id: str
    #: Wire stamp (after clamping).
    hlc: str
    #: The value written (the ``to`` of a transition, the chosen value of a resolve).
    value: Any
    #: ``from`` of a transition.
    source: Any = None
    #: The base stamp the author saw (protocol 2 ``set``).
    base: str | None = None
    #: Whether the op carried a base at all (protocol 1 ops do not).
    has_base: bool = False
    #: For a resolve: the conflict it closes, the raw choice and the comment.
    conflict_id: str | None = None
    choice: Any = None
    comment: str | None = None

    @property
    def key(self) -> str:
        """Identity inside a history: the op id, or the stamp of an origin."""
        return self.op_id if self.op_id is not None else f"origin:{self.hlc}"

    @property
    def node(self) -> str:
        """The node inside the stamp."""
        return self.hlc.split(":", 2)[2]


@dataclass
class Round:
    """One conflict round of a field: the candidates between two resolves."""

    #: 1 + the number of resolves before it in the replay.
    index: int
    candidates: list[FieldWrite] = field(default_factory=list)
    resolution: FieldWrite | None = None

    def add(self, write: FieldWrite) -> None:
        """Add a candidate once."""
        if all(c.key != write.key for c in self.candidates):
            self.candidates.append(write)


@dataclass
class Outcome:
    """Everything the replay decided for one field."""

    value: Any = None
    hlc: str | None = None
    rounds: list[Round] = field(default_factory=list)
    #: Keys of writes whose effect was overridden by a concurrent write.
    superseded: set[str] = field(default_factory=set)
    #: Keys of writes that met an identical concurrent write.
    merged: set[str] = field(default_factory=set)
    #: Value before each write (key → value), for status events.
    before: dict[str, Any] = field(default_factory=dict)
    #: The writes in replay order.
    order: list[FieldWrite] = field(default_factory=list)

    def round_of(self, key: str) -> Round | None:
        """The round in which the write ``key`` is a candidate."""
        for conflict_round in self.rounds:
            if any(c.key == key for c in conflict_round.candidates):
                return conflict_round
        return None


def lww_wins(stamp: str, current: str | None) -> bool:
    """Whether a write stamped ``stamp`` replaces a value stamped ``current``."""
    return current is None or stamp > current


def replay_order(writes: Iterable[FieldWrite]) -> list[FieldWrite]:
    """Origins first, then by (stamp, op id)."""
    return sorted(writes, key=lambda w: (w.kind not in ORIGIN_KINDS, w.hlc, w.op_id or ""))


def _chained(write: FieldWrite, holder: FieldWrite | None, cur: Any, wins: bool, cls: str) -> bool:
    if cls == "state_machine":
        return wins and write.source == cur
    if holder is None:
        return True
    if not write.has_base:
        return holder.node == write.node
    return write.base == holder.hlc


def _same_effect(write: FieldWrite, holder: FieldWrite, cls: str) -> bool:
    if cls == "state_machine":
        return bool(write.source == holder.source and write.value == holder.value)
    return bool(write.value == holder.value)


def replay(writes: Iterable[FieldWrite], cls: str) -> Outcome:
    """Walk the history of one field (class ``lww_review`` or ``state_machine``)."""
    out = Outcome(order=replay_order(writes))
    holder: FieldWrite | None = None
    current_round = Round(1)
    for write in out.order:
        out.before[write.key] = out.value
        wins = lww_wins(write.hlc, out.hlc)
        if write.kind in ORIGIN_KINDS:
            pass
        elif write.kind == "resolve":
            if current_round.candidates:
                current_round.resolution = write
            current_round = Round(current_round.index + 1)
        elif not _chained(write, holder, out.value, wins, cls) and holder is not None:
            if _same_effect(write, holder, cls):
                out.merged.add(write.key)
            else:
                if not current_round.candidates:
                    out.rounds.append(current_round)
                current_round.add(holder)
                current_round.add(write)
                out.superseded.add(holder.key if wins else write.key)
        if wins:
            out.value, out.hlc, holder = write.value, write.hlc, write
    return out
