"""Every API request bounded and its text storable, before parsing, login or any view.

Runs first for every `/api/` request, so that what no view expects never reaches one:

- a body over `MAX_CONTENT_LENGTH` (server/limits.py) is refused with 413 before it is read
  (and a body without a length stops being read at the limit);
- a JSON body that is not JSON (NaN and Infinity included: JavaScript never sends them, and
  they cannot be stored as JSON) is a 400; one nested deeper than `JSON_DEPTH_MAX` is a 400;
- a NUL character or a lone surrogate in any string or key of a JSON body, the query string
  or the path is a 400 `invalid_text`: PostgreSQL cannot store NUL and a lone surrogate has no
  UTF-8 form, and refusing both everywhere makes SQLite and PostgreSQL accept the same text.

A sync push is the exception for what is inside its ops: each op is checked by the sync core
on its own (sync/bounds.py), so one bad op never fails the batch. Its body is parsed here once,
deep subtrees cut to `null` so that the parser cannot overflow (the op then fails alone as
`too_deep`), and handed to the push view through `parsed_push_body`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request

from sync.bounds import DEPTH_CAP, shape_of, storable

from .errors import ApiError
from .limits import max_body_bytes

#: Deepest JSON a REST body may be (a visit with status changes is 3 levels).
JSON_DEPTH_MAX = 16
#: The endpoint whose ops are checked one by one by the sync core instead.
PUSH_ENDPOINT = "sync.push"
#: A push keeps this many levels (envelope, ops list, op, then the core's cap) before cutting.
PUSH_KEEP_LEVELS = DEPTH_CAP + 3
#: A JSON string, or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class TooLarge(ApiError):
    status = 413
    code = "too_large"


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _bad_json(message: str = "The body is not valid JSON.") -> ApiError:
    return ApiError(message, code="bad_request", status=400)


def _cut_deep(text: str, keep: int) -> str:
    """``text`` with every array or object deeper than ``keep`` levels replaced by ``null``."""
    out: list[str] = []
    depth, last, cut_from = 0, 0, -1
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        if token in "[{":
            depth += 1
            if depth == keep + 1 and cut_from < 0:
                cut_from = match.start()
        else:
            if depth == keep + 1 and cut_from >= 0:
                out += [text[last:cut_from], "null"]
                last, cut_from = match.end(), -1
            depth -= 1
    out.append(text[last:])
    return "".join(out)


def _load(data: bytes, push: bool) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad_json("The body is not UTF-8.") from exc
    # A push may carry NaN inside one op: the core refuses that op alone (not finite).
    constant = None if push else _not_json
    try:
        try:
            return json.loads(text, parse_constant=constant)
        except RecursionError:
            if not push:
                raise ApiError(
                    f"The body is nested deeper than {JSON_DEPTH_MAX} levels.",
                    code="too_deep", status=400,
                ) from None
            return json.loads(_cut_deep(text, PUSH_KEEP_LEVELS), parse_constant=constant)
    except ValueError as exc:
        raise _bad_json() from exc


def _check_text(values: Mapping[str, Any], where: str) -> None:
    for key, value in values.items():
        texts = value if isinstance(value, list) else [value]
        if not storable(str(key)) or any(isinstance(t, str) and not storable(t) for t in texts):
            raise _invalid_text(str(key) if storable(str(key)) else where)


def _invalid_text(field: str) -> ApiError:
    return ApiError(
        "Some text holds a NUL character or a broken (lone surrogate) character.",
        code="invalid_text", status=400,
        fields={field: ["holds a character that cannot be stored"]},
    )


def _check_body(body: Any) -> None:
    shape = shape_of(body, measure=False)
    if shape.depth > JSON_DEPTH_MAX:
        raise ApiError(
            f"The body is nested deeper than {JSON_DEPTH_MAX} levels.", code="too_deep", status=400
        )
    if shape.bad_text is not None:
        raise _invalid_text(shape.bad_text)


def parsed_push_body() -> Any:
    """The push body as the guard parsed it (deep parts cut), for the push view's parser."""
    if "push_body" not in g:
        g.push_body = _load(request.get_data(cache=True), push=True)
    return g.push_body


def guard() -> None:
    """The checks above, for the current request."""
    if not request.path.startswith("/api/"):
        return
    limit = max_body_bytes()
    request.max_content_length = limit  # a body without Content-Length stops at the limit
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(f"The request body is larger than {limit} bytes.")
    _check_text(request.args.to_dict(flat=False), "query")
    _check_text(request.view_args or {}, "path")
    if not request.is_json:
        return
    data = request.get_data(cache=True)
    if not data:
        return
    if request.content_length is None and len(data) >= limit:
        # A body without a length is read up to the limit, silently cut there.
        raise TooLarge(f"The request body is larger than {limit} bytes.")
    if request.endpoint == PUSH_ENDPOINT:
        parsed = parsed_push_body()
        envelope = parsed if isinstance(parsed, Mapping) else {}
        _check_body({k: v for k, v in envelope.items() if k != "ops"})
        return
    _check_body(_load(data, push=False))


def register(app: Flask) -> None:
    app.before_request(guard)
