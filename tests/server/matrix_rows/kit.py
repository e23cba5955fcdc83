"""What a row of the role × endpoint matrix is (`tests/server/api/test_matrix.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

STAFF = ("admin", "supervisor", "helper", "other_helper")
SIGNED_IN = (*STAFF, "client")
EVERYONE = ("anonymous", *SIGNED_IN)

Call = Callable[[dict[str, str], str, str], tuple[str, Any]]


@dataclass(frozen=True)
class Endpoint:
    method: str
    rule: str
    #: Status on an in-scope target, by role; roles not named are refused (401/403).
    ok: dict[str, int | tuple[int, ...]]
    #: (scene, target id, role) -> (url, json body)
    call: Call
    #: The kind of row the id in the path or body names (id-guessing runs on it).
    target: str | None = None
    #: A list: the out-of-scope row of this kind must not appear in it.
    lists: str | None = None
    #: Authenticate with a refresh token instead of an access token.
    refresh: bool = False
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.method} {self.rule}")


def allow(roles: tuple[str, ...], status: int | tuple[int, ...] = 200) -> dict[str, Any]:
    return dict.fromkeys(roles, status)


def at(url: str) -> Call:
    """A call with no body; `{t}` in `url` is the target id, `{name}` a scene id."""
    return lambda s, t, role: (url.format(t=t, **s), None)


