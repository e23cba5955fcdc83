"""The matrix's rows, one module per feature, found rather than listed.

A feature adds `tests/server/matrix_rows/<feature>.py` with:

- `ROWS: list[Endpoint]` (from `kit`), one per route it adds;
- optionally `TARGETS: dict[kind, (own, foreign)]`: for a new kind of target, the scene key of a
  row in each role's scope (`own[role]`) and of one outside it (`foreign[role]`), as `OWN` and
  `FOREIGN` in test_matrix.py;
- optionally `scene(s: dict[str, str]) -> None`: adds that feature's rows to the scene (in an
  app context, before the commit) and their ids to `s`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any


def _modules() -> Iterator[ModuleType]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name != "kit":
            yield importlib.import_module(f"{__name__}.{info.name}")


def extra_endpoints() -> list[Any]:
    return [row for module in _modules() for row in getattr(module, "ROWS", [])]


def extra_targets() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    out: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for module in _modules():
        out.update(getattr(module, "TARGETS", {}))
    return out


def extra_scenes() -> list[Callable[[dict[str, str]], None]]:
    return [module.scene for module in _modules() if hasattr(module, "scene")]
