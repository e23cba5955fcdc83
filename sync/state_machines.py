"""State machines of ``state_machine`` fields: which values exist and which moves are legal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync.errors import RegistryError


@dataclass(frozen=True)
class Machine:
    """One machine from ``registry.json`` ``machines``."""

    #: Machine name, e.g. ``employment_status``.
    name: str
    #: Every known state.
    states: frozenset[str]
    #: Legal moves; ignored when ``any_move`` is true.
    transitions: Mapping[str, frozenset[str]]
    #: Any move between two different known states is legal.
    any_move: bool = False
    #: States an insert may start in; empty means any known state.
    initial: frozenset[str] = frozenset()
    #: Entity that records every transition (``status_event``), if any.
    history: str | None = None

    def is_state(self, value: object) -> bool:
        """Whether ``value`` is a known state of this machine."""
        return isinstance(value, str) and value in self.states

    def is_initial(self, value: object) -> bool:
        """Whether an insert may start in ``value``."""
        return self.is_state(value) and (not self.initial or value in self.initial)

    def is_legal(self, source: str, target: str) -> bool:
        """Whether the move ``source → target`` is allowed (both must be known states)."""
        if not (self.is_state(source) and self.is_state(target)) or source == target:
            return False
        if self.any_move:
            return True
        return target in self.transitions.get(source, frozenset())


def machine_from_json(name: str, raw: Mapping[str, Any]) -> Machine:
    """Build a :class:`Machine` from its registry entry, checking it is self-consistent."""
    states = frozenset(raw.get("states", []))
    moves = {src: frozenset(targets) for src, targets in dict(raw.get("transitions", {})).items()}
    for src, targets in moves.items():
        unknown = ({src} | targets) - states
        if unknown:
            raise RegistryError(f"machine {name}: unknown states {sorted(unknown)}")
    history = raw.get("history")
    return Machine(
        name=name,
        states=states,
        transitions=moves,
        any_move=bool(raw.get("any", False)),
        initial=frozenset(raw.get("initial", [])),
        history=history if isinstance(history, str) else None,
    )
