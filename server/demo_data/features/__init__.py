"""Each feature's part of the demo world, one module per feature, found rather than listed.

A module defines `ORDER: int` (features run in ascending order: employers before the events
that invite them) and `build(demo: Demo) -> None`, called after the core world (areas, staff,
files, jobs, catalogues, visits, recommendations) is flushed and before the commit. It adds
its rows with `db.session.add_all` and may flush; it draws only on `demo.rng` so a seed gives
the same world every time.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from ..context import Demo


def build_features(demo: Demo) -> None:
    modules: list[Any] = [importlib.import_module(f"{__name__}.{info.name}")
                          for info in pkgutil.iter_modules(__path__)]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 50), m.__name__)):
        module.build(demo)
