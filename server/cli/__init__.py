"""Command-line tools: `flask demo`, `flask create-user`, `flask import persons|jobs FILE.csv`,
`flask prune` (the sync and audit rows no phone can still need), `flask search-reindex`."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask


def register(app: Flask) -> None:
    """Each module in this package may define `commands`: a list of click commands/groups."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "commands", []):
            app.cli.add_command(command)
