"""Demo data: a district's employment service as the seeds describe it, for trying the product.

`seed_demo(seed, scale)` fills an empty database (see `generator`); the vocabularies it draws
from are in `places`, `work` and `texts`.
"""

from __future__ import annotations

from .generator import DemoRefused, seed_demo

__all__ = ["DemoRefused", "seed_demo"]
