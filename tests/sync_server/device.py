"""A small Python phone for the sync tests: an outbox, an HLC clock, and a replica of its scope.

It speaks to the real Flask app through the test client exactly as the PWA does: ops are
stamped by `sync.hlc.Clock` corrected by the last `server_time`, pushes drop outbox entries up
to `acked_seq`, pulls apply pages to a *base* copy and a `reset` clears that copy, never the
outbox (sync/PROTOCOL.md 2.2, 6, 8.1).

It keeps the ops the server acknowledged (`kept`) and sends them again when the server shows
it went back in time (a restore: its `acked_seq` for this device falls below the phone's), so
a restore loses nothing a phone still holds and leaves no gap in the seqs that would jam the
outbox. This Python phone keeps them for ever; when the real phone may let go of them is the
phone side of issue 9 D.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from sync.hlc import Clock, parse_stamp

PROTOCOL = 2


class Device:
    """One installation of the app on one phone."""

    def __init__(
        self, client: FlaskClient, headers: dict[str, str], *, skew_ms: int = 0,
        client_id: str | None = None, clock: Callable[[], int] | None = None,
    ) -> None:
        self.client = client
        self.headers = headers
        self.client_id = client_id or f"dev-{uuid.uuid4()}"
        #: How far this phone's wall clock is off (ms).
        self.skew_ms = skew_ms
        #: True time in ms (the model test passes a simulated one).
        self.true_now = clock or (lambda: int(time.time() * 1000))
        self.clock = Clock(self.client_id)
        self.seq = 0
        self.outbox: list[dict[str, Any]] = []
        #: Acknowledged ops, sent again if the server forgets them.
        self.kept: list[dict[str, Any]] = []
        #: (entity, id) → {"data": ..., "stamps": ...}: exactly what the server sent.
        self.base: dict[tuple[str, str], dict[str, Any]] = {}
        self.cursor = ""
        self.acked_seq = 0
        self.resets = 0
        self.resends = 0

    def local_now(self) -> int:
        return self.true_now() + self.skew_ms

    # -- making ops --------------------------------------------------------------------------

    def op(self, entity: str, entity_id: str, kind: str, data: dict[str, Any],
           base: dict[str, str | None] | None = None) -> dict[str, Any]:
        self.seq += 1
        op: dict[str, Any] = {
            "op_id": str(uuid.uuid4()), "client_id": self.client_id, "seq": self.seq,
            "hlc": self.clock.now(self.local_now()).encode(), "entity": entity,
            "entity_id": entity_id, "kind": kind, "data": data,
        }
        if base is not None:
            op["base"] = base
        self.outbox.append(op)
        return op

    def insert(self, entity: str, data: dict[str, Any], entity_id: str | None = None) -> dict[str, Any]:
        return self.op(entity, entity_id or str(uuid.uuid4()), "insert", data)

    def set(self, entity: str, entity_id: str, data: dict[str, Any]) -> dict[str, Any]:
        stamps = self.base.get((entity, entity_id), {}).get("stamps", {})
        return self.op(entity, entity_id, "set", data, {k: stamps.get(k) for k in data})

    def transition(self, entity: str, entity_id: str, field: str, to: str) -> dict[str, Any]:
        source = self.view(entity, entity_id)[field]
        return self.op(entity, entity_id, "transition", {"field": field, "from": source, "to": to})

    def view(self, entity: str, entity_id: str) -> dict[str, Any]:
        """The record as the user sees it: base plus pending ops (PROTOCOL.md 8.1)."""
        data = dict(self.base.get((entity, entity_id), {}).get("data", {}))
        for op in self.outbox:
            if op["entity"] != entity or op["entity_id"] != entity_id:
                continue
            if op["kind"] in ("insert", "set"):
                data.update(op["data"])
            elif op["kind"] == "transition":
                data[op["data"]["field"]] = op["data"]["to"]
        return data

    # -- talking to the server ---------------------------------------------------------------

    def push_request(self, ops: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        body = {"protocol": PROTOCOL, "client_id": self.client_id,
                "ops": list(self.outbox if ops is None else ops)}
        resp = self.client.post("/api/sync/push", json=body, headers=self.headers)
        assert resp.status_code == 200, resp.get_json()
        return dict(resp.get_json())

    def receive_push(self, response: dict[str, Any]) -> None:
        """Take a push response: drop acknowledged ops, merge the server's time."""
        self.clock.observe_server_time(response["server_time"], self.local_now())
        self._server_acked(response["acked_seq"])

    def _server_acked(self, acked: int) -> None:
        if acked < self.acked_seq:  # the server went back in time: send again what it lost
            lost = [op for op in self.kept if op["seq"] > acked]
            self.kept = [op for op in self.kept if op["seq"] <= acked]
            self.outbox = sorted(lost + self.outbox, key=lambda op: op["seq"])
            self.acked_seq = acked
            self.resends += len(lost)
        self.acked_seq = max(self.acked_seq, acked)
        self.kept += [op for op in self.outbox if op["seq"] <= self.acked_seq]
        self.outbox = [op for op in self.outbox if op["seq"] > self.acked_seq]

    def push(self, ops: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        response = self.push_request(ops)
        self.receive_push(response)
        return response

    def pull_page(self, limit: int | None = None) -> dict[str, Any]:
        query: dict[str, Any] = {"cursor": self.cursor, "client_id": self.client_id}
        if limit is not None:
            query["limit"] = limit
        resp = self.client.get("/api/sync/pull", query_string=query, headers=self.headers)
        assert resp.status_code == 200, resp.get_json()
        return dict(resp.get_json())

    def apply_page(self, page: dict[str, Any]) -> None:
        self.clock.observe_server_time(page["server_time"], self.local_now())
        if page["reset"]:
            self.base.clear()
            self.resets += 1
            self._server_acked(page["acked_seq"])
        for change in page["changes"]:
            key = (change["entity"], change["id"])
            if change["op"] == "remove":
                self.base.pop(key, None)
            else:
                self.base[key] = {"data": change["data"], "stamps": change["stamps"]}
            for stamp in change["stamps"].values():
                self.clock.receive(parse_stamp(stamp), self.local_now())
        self.cursor = page["cursor"]

    def pull(self, limit: int | None = None) -> int:
        """Pull to the end; returns the number of pages."""
        pages = 0
        while True:
            page = self.pull_page(limit)
            self.apply_page(page)
            pages += 1
            if not page["has_more"]:
                return pages

    def sync(self) -> None:
        """What the app does when it comes back online: push everything, then pull."""
        while self.outbox:
            before = len(self.outbox)
            self.push()
            if len(self.outbox) == before:
                break
        self.pull()

    def records(self, entity: str) -> dict[str, dict[str, Any]]:
        return {eid: rec["data"] for (ent, eid), rec in self.base.items() if ent == entity}
