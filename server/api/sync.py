"""Sync: phones push their operations and pull the changes in their scope (sync/PROTOCOL.md).

A push body is read through the request guard's parse (server/request_guard.py), which cuts
subtrees nested too deep for the JSON parser, so one hostile op is rejected alone by the core.

A phone reported lost (server/devices.py) may still push: its ops are applied as anyone's, under
its own client id, and the answer says `wipe: true`; its pulls are refused (`device_wiped`).
"""

from __future__ import annotations

import gzip
import time
from typing import Any

import flask
from flask import Response, request
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser, is_json_request

from sync.bounds import op_id_of

from .. import devices
from ..clock import now_ms
from ..extensions import db
from ..request_guard import parsed_push_body
from ..schemas.devices import PushWipeOut
from ..schemas.sync import PullOut, PullQuery, PushIn
from ..security import login_required, me
from ..sync_store import service


class _PushParser(FlaskParser):
    """Reads the JSON body the guard already parsed (and made safe to parse) once."""

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            return super()._raw_load_json(req)
        return parsed_push_body()


class _SyncBlueprint(Blueprint):  # type: ignore[misc]  # flask-smorest is untyped
    ARGUMENTS_PARSER = _PushParser()


blp = _SyncBlueprint("sync", __name__, url_prefix="/api/sync", description="Offline sync")

#: Smaller bodies are not worth a gzip header.
GZIP_MIN_BYTES = 1024


@blp.post("/push")
@login_required()
@blp.arguments(PushIn)
@blp.response(200, PushWipeOut)
@blp.alt_response(413, description="Body or batch too large (the one error shape)")
@blp.alt_response(426, description="Unsupported protocol version (the one error shape)")
def push(body: dict[str, Any]) -> dict[str, Any]:
    """Push operations; one result per op, rejected ones quarantined, never blocking the rest"""
    answer = service.push(me(), _storable_op_ids(body), now_ms())
    if devices.saw_client(body.get("client_id")):
        db.session.commit()
    if devices.wipe_ordered():
        return {**answer, "wipe": True}
    return answer


def _storable_op_ids(body: dict[str, Any]) -> dict[str, Any]:
    """Ops whose op_id no database can look up (NUL, a lone surrogate, over 64 characters)
    carry none: the core answers them without one, as it does for a missing op_id."""
    ops = [
        {**op, "op_id": None}
        if isinstance(op, dict) and "op_id" in op and op_id_of(op) is None else op
        for op in body["ops"]
    ]
    return {**body, "ops": ops}


@blp.get("/pull")
@login_required()
@blp.arguments(PullQuery, location="query")
@blp.response(200, PullOut)
def pull(args: dict[str, Any]) -> dict[str, Any]:
    """Pull the changes in your scope after a cursor (upserts and removals), one page"""
    return service.pull(me(), args.get("client_id"), args.get("cursor"), args.get("limit"), now_ms())


@blp.before_request
def _start_timer() -> None:
    request.environ["doorstep.sync_started"] = time.perf_counter()


@blp.after_request
def _time_and_compress(response: Response) -> Response:
    started = request.environ.get("doorstep.sync_started")
    if started is not None:
        took = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={took:.1f}"
    accepts = request.accept_encodings["gzip"] > 0
    if (
        accepts
        and response.status_code == 200
        and not response.direct_passthrough
        and "Content-Encoding" not in response.headers
    ):
        data = response.get_data()
        if len(data) >= GZIP_MIN_BYTES:
            response.set_data(gzip.compress(data, compresslevel=5))
            response.headers["Content-Encoding"] = "gzip"
            response.headers.add("Vary", "Accept-Encoding")
    return response
