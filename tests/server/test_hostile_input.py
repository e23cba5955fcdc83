"""No input can jam a phone or break a screen (issue 8, section 5): each attack, and its answer.

REST: a clear 4xx in the one error shape, the same on SQLite and PostgreSQL. Sync: every op of
a batch gets its own result whatever is wrong with it, and the ops behind a bad one apply.
"""

from __future__ import annotations

import io
import json
import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models.sync import QuarantinedOp
from sync.hlc import Clock
from sync.registry import load_registry
from tests.server.callers import assert_error

LIMITS = load_registry().limits


def post_raw(client, path, text, headers=None):
    return client.post(path, data=text, content_type="application/json", headers=headers or {})


# -- REST ----------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["\\ud800", "a\\u0000", "\\udfff\\ud800"])
def test_a_lone_surrogate_or_nul_at_login_is_400_not_500(client, username):
    resp = post_raw(client, "/api/auth/login", f'{{"username": "{username}", "password": "x"}}')
    assert assert_error(resp, 400, "invalid_text")["fields"] == {
        "username": ["holds a character that cannot be stored"]
    }


def test_a_30_mb_body_is_refused_before_it_is_read_or_anyone_signs_in(client):
    resp = post_raw(client, "/api/auth/login", '{"username": "' + "a" * 30_000_000 + '"}')
    assert_error(resp, 413, "too_large")


def test_a_body_without_a_length_stops_at_the_limit(client):
    body = io.BytesIO(b'{"username": "' + b"a" * 4_000_000 + b'"}')
    resp = client.post("/api/auth/login", input_stream=body, content_type="application/json",
                       headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})  # as gunicorn says
    assert_error(resp, 413, "too_large")


def test_deeply_nested_rest_json_is_400(client, as_role, world):
    body = '{"household_id": "' + world.h1 + '", "text": ' + "[" * 5000 + "]" * 5000 + "}"
    assert_error(post_raw(client, "/api/notes", body, as_role("helper")), 400, "too_deep")
    body = '{"household_id": "' + world.h1 + '", "text": ' + "[" * 20 + "]" * 20 + "}"
    assert_error(post_raw(client, "/api/notes", body, as_role("helper")), 400, "too_deep")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_is_not_json(client, as_role, world, constant):
    body = f'{{"household_id": "{world.h1}", "channel": "phone", "lat": {constant}}}'
    assert_error(post_raw(client, "/api/visits", body, as_role("helper")), 400, "bad_request")


def test_nul_in_a_query_string_is_400(client, as_role, world):
    resp = client.get("/api/persons?q=a%00b", headers=as_role("helper"))
    assert assert_error(resp, 400, "invalid_text")["fields"] == {
        "q": ["holds a character that cannot be stored"]
    }


def test_a_note_longer_than_the_published_limit_is_422(client, as_role, world):
    longest = LIMITS.text["note"]["text"]
    resp = client.post("/api/notes", headers=as_role("helper"),
                       json={"household_id": world.h1, "text": "字" * (longest + 1)})
    assert "text" in assert_error(resp, 422)["fields"]
    resp = client.post("/api/notes", headers=as_role("helper"),
                       json={"household_id": world.h1, "text": "🙂" * longest})
    assert resp.status_code == 201, resp.get_json()


def test_the_openapi_document_publishes_text_lengths(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["NoteCreate"]["properties"]["text"]["maxLength"] == LIMITS.text["note"]["text"]


# -- sync ----------------------------------------------------------------------------------


class Phone:
    """Just enough of a phone to send hand-made (hostile) ops."""

    def __init__(self, client, headers):
        self.client, self.headers = client, headers
        self.client_id = f"dev-{uuid.uuid4()}"
        self.clock = Clock(self.client_id)
        self.seq = 0

    def op(self, entity, entity_id, kind, data, **overrides):
        self.seq += 1
        import time

        op = {"op_id": str(uuid.uuid4()), "client_id": self.client_id, "seq": self.seq,
              "hlc": self.clock.now(int(time.time() * 1000)).encode(), "entity": entity,
              "entity_id": entity_id, "kind": kind, "data": data}
        op.update(overrides)
        return op

    def note(self, household_id, text="fine", **overrides):
        data = {"household_id": household_id, "text": text}
        return self.op("note", str(uuid.uuid4()), "insert", data, **overrides)

    def push_text(self, ops_text):
        body = f'{{"protocol": 2, "client_id": "{self.client_id}", "ops": [{ops_text}]}}'
        return post_raw(self.client, "/api/sync/push", body, self.headers)

    def push(self, ops):
        return self.push_text(", ".join(json.dumps(op) for op in ops))


@pytest.fixture
def phone(client, as_role, world):
    return Phone(client, as_role("helper"))


def results(resp):
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return [r.get("code", r["status"]) for r in resp.get_json()["results"]]


def test_bad_seqs_fail_alone(phone, world):
    ops = [phone.note(world.h1), phone.note(world.h1, seq=2**31), phone.note(world.h1, seq=2**63 + 1),
           phone.note(world.h1, seq=2**53 + 1), phone.note(world.h1, seq=2)]
    assert results(phone.push(ops)) == ["applied", "invalid_op", "invalid_op", "invalid_op", "applied"]


def test_unstorable_text_in_an_op_fails_alone(phone, world):
    ops = [phone.note(world.h1, "a\x00b"), phone.note(world.h1, "\ud800"), phone.note(world.h1)]
    assert results(phone.push(ops)) == ["invalid_text", "invalid_text", "applied"]


def test_an_op_nested_past_what_the_parser_can_read_fails_alone(phone, world):
    deep = json.dumps(phone.note(world.h1))[:-1] + ', "junk": ' + "[" * 50_000 + "]" * 50_000 + "}"
    good = json.dumps(phone.note(world.h1))
    assert results(phone.push_text(deep + ", " + good)) == ["too_deep", "applied"]


def test_ops_that_are_not_objects_fail_alone(phone, world):
    ops_text = '5, "x", null, [1], ' + json.dumps(phone.note(world.h1))
    assert results(phone.push_text(ops_text)) == ["invalid_op"] * 4 + ["applied"]


def test_nan_in_an_op_fails_alone(phone, world):
    bad = json.dumps(phone.note(world.h1))[:-1] + ', "junk": NaN}'
    assert results(phone.push_text(bad + ", " + json.dumps(phone.note(world.h1)))) == [
        "invalid_op", "applied"]


def test_an_op_id_no_database_can_look_up_is_answered_without_one(phone, world):
    ops = [phone.note(world.h1, op_id="x" * 65), phone.note(world.h1, op_id="\ud800"),
           phone.note(world.h1, op_id="a\x00")]
    resp = phone.push(ops)
    assert results(resp) == ["invalid_op"] * 3
    assert [r["op_id"] for r in resp.get_json()["results"]] == [None] * 3


def test_a_big_op_is_refused_and_quarantined_truncated(app, phone, world):
    big = phone.note(world.h1, "ok", junk="x" * 1_500_000)
    assert results(phone.push([big, phone.note(world.h1)])) == ["too_large", "applied"]
    with app.app_context():
        [row] = db.session.scalars(select(QuarantinedOp).where(QuarantinedOp.code == "too_large"))
        assert row.raw["truncated"] is True and row.raw["op_id"] == big["op_id"]
        assert "data" not in row.raw and len(json.dumps(row.raw)) < 5000


def test_too_many_ops_in_one_push_is_413(phone, world):
    ops = [phone.note(world.h1) for _ in range(LIMITS.batch_ops_max + 1)]
    assert_error(phone.push(ops), 413, "too_large")


def test_a_text_over_its_limit_is_too_long_and_the_rest_applies(phone, world):
    ops = [phone.note(world.h1, "x" * (LIMITS.text["note"]["text"] + 1)), phone.note(world.h1)]
    assert results(phone.push(ops)) == ["too_long", "applied"]
