"""How JSON columns are read back: orjson, with the standard library as the fallback.

A first pull decodes two JSON columns a row (field stamps, a recommendation's history, a job's
majors) for thousands of rows; the standard `json` module was a sixth of its server time.
orjson reads the same documents several times faster. It refuses a few things the standard
library accepts (a lone surrogate escape such as a stored "\\ud800"), and rows written before
the input bounds refused those must still load, so such a value falls back to `json.loads`.
Writing stays with the standard library: it is a smaller part of the cost, and its output is
what every stored row already looks like.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def loads(text: str | bytes) -> Any:
    """Decode one stored JSON value."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
