"""Outcomes recorded by staff: the walk through the recommendation machine to a chosen state.

A helper records what happened to a person without the app ("she applied", "hired") even when
the recommendation is still ``recommended``. The machine (``sync/registry.json``
``recommendation_state``) has no shortcut from ``recommended`` to ``applied``: rather than
widen it, the helper's move is the shortest legal walk, each step recorded (a transition op on
the phone, a history entry on the server), so the funnel counts the same moves whoever
recorded them. Ties between walks of one length go to the machine's listed order.
PROTOCOL.md, "Outcomes by staff". Pure: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence


def walk(transitions: Mapping[str, Sequence[str]], source: str, target: str) -> list[str] | None:
    """The states after ``source`` up to ``target`` on the shortest legal walk.

    ``[]`` when already there, None when ``target`` cannot be reached (a terminal state).
    """
    if source == target:
        return []
    came_from: dict[str, str] = {source: source}
    queue: deque[str] = deque([source])
    while queue:
        state = queue.popleft()
        for nxt in transitions.get(state, ()):
            if nxt in came_from:
                continue
            came_from[nxt] = state
            if nxt == target:
                path = [nxt]
                while came_from[path[-1]] != source:
                    path.append(came_from[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return None
