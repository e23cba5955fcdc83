"""The API's blueprints: one module per resource, each exposing `blp`.

Modules are discovered rather than listed so that adding a resource is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil

from flask_smorest import Api


def register(api: Api) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        blp = getattr(module, "blp", None)
        if blp is not None:
            api.register_blueprint(blp)
