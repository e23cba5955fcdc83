"""Signing in: login, refresh, who-am-I, bad tokens, and invitations (sessions and the throttle
have their own files: test_sessions.py, test_throttle.py)."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token
from sqlalchemy import select, update

from server.extensions import db
from server.models import User, utcnow
from tests.server.callers import assert_error


def login(client, username="helper1", password="doorstep-demo"):
    return client.post("/api/auth/login", json={"username": username, "password": password})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_login_gives_tokens_and_the_user(client, world):
    resp = login(client)
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert {"access_token", "refresh_token", "user"} <= set(body)
    user = body["user"]
    assert {"id", "username", "display_name", "role", "area_id", "person_id", "locale"} <= set(user)
    assert (user["username"], user["role"], user["area_id"]) == (
        "helper1",
        "helper",
        world.subdistrict,
    )
    assert "password" not in user and "password_hash" not in user
    me = client.get("/api/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.get_json()["id"] == user["id"]
    assert me.get_json()["last_login_at"] is not None


@pytest.mark.parametrize(
    ("username", "password"),
    [("helper1", "wrong-password"), ("nobody", "doorstep-demo"), ("HELPER1", "doorstep-demo")],
)
def test_bad_credentials_are_one_401(client, world, username, password):
    err = assert_error(login(client, username, password), 401, "bad_credentials")
    assert err["message"] == "Wrong username or password."


@pytest.mark.parametrize(
    "body", [{}, {"username": "helper1"}, {"username": "", "password": "x"}, {"username": 3}]
)
def test_a_malformed_login_is_a_422_with_fields(client, world, body):
    err = assert_error(client.post("/api/auth/login", json=body), 422, "validation_error")
    assert err["fields"]


def test_a_client_sees_their_own_account(client, as_role, world):
    me = client.get("/api/auth/me", headers=as_role("client")).get_json()
    assert (me["role"], me["person_id"]) == ("client", world.graduate)


def test_refresh_gives_a_new_access_token(client, world):
    tokens = login(client).get_json()
    resp = client.post("/api/auth/refresh", headers=bearer(tokens["refresh_token"]))
    assert resp.status_code == 200, resp.get_json()
    access = resp.get_json()["access_token"]
    assert client.get("/api/auth/me", headers=bearer(access)).get_json()["username"] == "helper1"


def test_an_access_token_cannot_refresh_and_a_refresh_token_cannot_act(client, world):
    tokens = login(client).get_json()
    assert_error(client.post("/api/auth/refresh", headers=bearer(tokens["access_token"])), 401)
    assert_error(client.get("/api/households", headers=bearer(tokens["refresh_token"])), 401)


def _tokens(app, world) -> dict[str, str]:
    """Tokens that must all be refused with a 401 (never a 422)."""
    helper = world.users["helper1"]
    with app.app_context():
        expired = create_access_token(identity=helper, expires_delta=timedelta(seconds=-5))
        unknown = create_access_token(identity=str(uuid.uuid4()))
        not_a_uuid = create_access_token(identity="helper1")
    forged = pyjwt.encode(
        {"sub": helper, "type": "access", "fresh": False, "jti": "x"},
        "another-secret-that-is-long-enough-0123456789",
        algorithm="HS256",
    )
    return {
        "garbage": "garbage",
        "three dots": "a.b.c",
        "expired": expired,
        "unknown user": unknown,
        "sub not a uuid": not_a_uuid,
        "forged": forged,
    }


@pytest.mark.parametrize(
    "kind", ["garbage", "three dots", "expired", "unknown user", "sub not a uuid", "forged"]
)
@pytest.mark.parametrize("path", ["/api/auth/me", "/api/households", "/api/follow-ups/due"])
def test_bad_tokens_are_401_in_the_error_shape(client, app, world, kind, path):
    token = _tokens(app, world)[kind]
    assert_error(client.get(path, headers=bearer(token)), 401)


@pytest.mark.parametrize("header", ["Bearer", "Basic dXNlcjpwYXNz", "bearer", "Token abc"])
def test_a_malformed_authorization_header_is_401(client, world, header):
    assert_error(client.get("/api/auth/me", headers={"Authorization": header}), 401)


def test_an_expired_token_says_so(client, app, world):
    token = _tokens(app, world)["expired"]
    assert_error(client.get("/api/auth/me", headers=bearer(token)), 401, "token_expired")


def test_a_missing_token_is_401(client, world):
    assert_error(client.get("/api/persons"), 401, "missing_token")


def deactivate(client, as_role, username, world):
    resp = client.patch(
        f"/api/users/{world.users[username]}", headers=as_role("admin"), json={"is_active": False}
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["is_active"] is False


def test_an_inactive_user_cannot_log_in_refresh_or_act(client, app, as_role, world):
    tokens = login(client).get_json()
    deactivate(client, as_role, "helper1", world)
    assert_error(login(client), 401, "bad_credentials")
    assert_error(client.get("/api/auth/me", headers=bearer(tokens["access_token"])), 401)
    assert_error(client.post("/api/auth/refresh", headers=bearer(tokens["refresh_token"])), 401)


def test_refresh_gives_a_new_pair_and_the_user(client, world):
    tokens = login(client).get_json()
    body = client.post("/api/auth/refresh", headers=bearer(tokens["refresh_token"])).get_json()
    assert {"access_token", "refresh_token", "user"} <= set(body)
    assert body["refresh_token"] != tokens["refresh_token"]
    assert body["user"]["username"] == "helper1"


# --- invitations: a helper opens a client account; the client activates it once ----------------


def invite(client, headers, person_id, username="wangfang"):
    return client.post(
        "/api/users/clients", headers=headers, json={"person_id": person_id, "username": username}
    )


def activate(client, username, code, password="wang-fang-2026"):
    return client.post(
        "/api/auth/activate", json={"username": username, "code": code, "password": password}
    )


def test_a_helper_invites_a_client_who_activates_and_logs_in(client, as_role, world):
    resp = invite(client, as_role("helper"), world.persons["王芳"])
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    code, user = body["code"], body["user"]
    assert (user["role"], user["person_id"], user["activated"]) == (
        "client",
        world.persons["王芳"],
        False,
    )
    # 13 characters of Crockford base32 (65 bits), grouped for reading out on a call.
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}", code)
    assert body["expires_at"].endswith("Z")
    # The code is shown once: the account as read later does not carry it.
    shown = client.get(f"/api/users/{user['id']}", headers=as_role("admin")).get_json()
    assert "code" not in shown and shown["activated"] is False
    # Not yet activated: no password works.
    assert_error(login(client, "wangfang", "wang-fang-2026"), 401)

    # Read out on a call: case, dashes and spaces do not matter.
    resp = activate(client, "wangfang", code.lower().replace("-", " "))
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["user"]["person_id"] == world.persons["王芳"]
    assert login(client, "wangfang", "wang-fang-2026").status_code == 200
    own = client.get(
        f"/api/persons/{world.persons['王芳']}", headers=bearer(resp.get_json()["access_token"])
    )
    assert own.status_code == 200


def test_an_invitation_code_works_once(client, as_role, world):
    code = invite(client, as_role("helper"), world.persons["王芳"]).get_json()["code"]
    assert activate(client, "wangfang", code).status_code == 200
    assert_error(activate(client, "wangfang", code, "another-password"), 401, "bad_invitation")
    assert login(client, "wangfang", "wang-fang-2026").status_code == 200


def test_an_invitation_code_expires(client, app, as_role, world):
    code = invite(client, as_role("helper"), world.persons["王芳"]).get_json()["code"]
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.username == "wangfang")
            .values(invitation_expires_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    assert_error(activate(client, "wangfang", code), 401, "bad_invitation")


@pytest.mark.parametrize("username", ["wangfang", "graduate1", "helper1", "nobody"])
def test_a_wrong_code_is_refused_for_anyone(client, as_role, world, username):
    invite(client, as_role("helper"), world.persons["王芳"])
    assert_error(activate(client, username, "2345-6789-ABCDE"), 401, "bad_invitation")


def test_a_fresh_invitation_replaces_the_old_code(client, as_role, world):
    first = invite(client, as_role("helper"), world.persons["王芳"]).get_json()
    resp = client.post(f"/api/users/{first['user']['id']}/invitation", headers=as_role("helper"))
    assert resp.status_code == 200, resp.get_json()
    assert_error(activate(client, "wangfang", first["code"]), 401, "bad_invitation")
    assert activate(client, "wangfang", resp.get_json()["code"]).status_code == 200


def test_a_helper_cannot_invite_someone_outside_their_caseload(client, app, as_role, world):
    for person in (world.persons["Chen Mei"], world.persons["赵敏"], str(uuid.uuid4())):
        assert_error(invite(client, as_role("helper"), person), 404, "not_found")
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "wangfang")) is None


def test_a_person_has_at_most_one_account_and_usernames_are_unique(client, as_role, world):
    assert_error(invite(client, as_role("helper"), world.graduate, "lijie2"), 409)
    assert_error(invite(client, as_role("helper"), world.persons["王芳"], "helper2"), 409)


def test_a_client_cannot_invite(client, as_role, world):
    assert_error(invite(client, as_role("client"), world.graduate), 403, "forbidden")


# --- what re-invitation and activation may never do (issue 8, section 2) ------------------------


def test_an_activated_client_cannot_be_reinvited(client, as_role, world):
    """Attack tried: a helper re-invites an activated resident and activates the account with
    a password of their own. Now: 409, the resident's password still works."""
    for role in ("helper", "supervisor", "admin"):
        resp = client.post(f"/api/users/{world.users['graduate1']}/invitation", headers=as_role(role))
        assert_error(resp, 409, "already_activated")
    assert login(client, "graduate1").status_code == 200


def test_activation_never_reenables_a_deactivated_account(client, app, as_role, world):
    """Attack tried: re-invite a deactivated account and activate it. Now: the invitation is
    refused, and a code issued before the deactivation dies with it."""
    code = invite(client, as_role("helper"), world.persons["王芳"]).get_json()["code"]
    account = client.get("/api/users?q=wangfang", headers=as_role("admin")).get_json()["items"][0]
    resp = client.patch(
        f"/api/users/{account['id']}", headers=as_role("admin"), json={"is_active": False}
    )
    assert resp.status_code == 200, resp.get_json()
    assert_error(activate(client, "wangfang", code), 401, "bad_invitation")
    resp = client.post(f"/api/users/{account['id']}/invitation", headers=as_role("helper"))
    assert_error(resp, 409, "account_deactivated")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "wangfang"))
        assert (user.is_active, user.password_hash, user.invitation_hash) == (False, None, None)


def test_an_invitation_code_dies_after_a_few_wrong_tries(client, app, as_role, world):
    app.config["INVITATION_MAX_FAILURES"] = 3
    app.config["RATELIMIT_ENABLED"] = False  # the code's own limit, not the throttle's
    code = invite(client, as_role("helper"), world.persons["王芳"]).get_json()["code"]
    for _ in range(3):
        assert_error(activate(client, "wangfang", "2345-6789-ABCDE"), 401, "bad_invitation")
    assert_error(activate(client, "wangfang", code), 401, "bad_invitation")


def test_a_fresh_invitation_starts_a_fresh_count(client, app, as_role, world):
    app.config["INVITATION_MAX_FAILURES"] = 2
    app.config["RATELIMIT_ENABLED"] = False
    first = invite(client, as_role("helper"), world.persons["王芳"]).get_json()
    assert_error(activate(client, "wangfang", "2345-6789-ABCDE"), 401, "bad_invitation")
    again = client.post(f"/api/users/{first['user']['id']}/invitation", headers=as_role("helper"))
    assert_error(activate(client, "wangfang", "2345-6789-ABCDE"), 401, "bad_invitation")
    assert activate(client, "wangfang", again.get_json()["code"]).status_code == 200
