"""Device sessions: refresh rotates, a copied refresh token ends its device, logout ends on the
server, a password change ends the other devices, and deactivation ends every one for good."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select, update

from server.extensions import db
from server.models import AuthSession, utcnow
from tests.server.callers import assert_error


def login(client, username="helper1", password="doorstep-demo", device="phone-a"):
    resp = client.post(
        "/api/auth/login",
        json={"username": username, "password": password},
        headers={"X-Device-Id": device},
    )
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def refresh(client, token):
    return client.post("/api/auth/refresh", headers=bearer(token))


def me(client, token):
    return client.get("/api/auth/me", headers=bearer(token))


def past_the_grace(app) -> None:
    with app.app_context():
        db.session.execute(
            update(AuthSession).values(rotated_at=utcnow() - timedelta(minutes=10))
        )
        db.session.commit()


def test_each_refresh_token_is_exchanged_once(client, app, world):
    first = login(client)
    second = refresh(client, first["refresh_token"]).get_json()
    third = refresh(client, second["refresh_token"]).get_json()
    assert me(client, third["access_token"]).status_code == 200
    assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3


def test_a_copied_refresh_token_ends_the_device_session(client, app, world):
    """Attack tried: a refresh token copied off a phone is used after the phone refreshed.
    Now: the copy is refused, and the phone's own newer tokens die with it."""
    stolen = login(client)
    phone = refresh(client, stolen["refresh_token"]).get_json()
    past_the_grace(app)
    assert_error(refresh(client, stolen["refresh_token"]), 401, "refresh_reused")
    assert_error(refresh(client, phone["refresh_token"]), 401, "revoked_token")
    assert_error(me(client, phone["access_token"]), 401, "revoked_token")
    with app.app_context():
        session = db.session.scalar(select(AuthSession))
        assert (session.device_id, session.revoked_reason) == ("phone-a", "reuse")


def test_a_retry_after_a_lost_answer_keeps_the_session(client, app, world):
    """The phone's refresh answer was lost on a poor signal; it sends the same token again
    within the grace and gets a working pair, and the family does not fork."""
    tokens = login(client)
    refresh(client, tokens["refresh_token"])  # the answer never arrives
    retried = refresh(client, tokens["refresh_token"])
    assert retried.status_code == 200, retried.get_json()
    latest = refresh(client, retried.get_json()["refresh_token"])
    assert latest.status_code == 200, latest.get_json()


def test_two_refreshes_of_one_token_at_once_both_work(app, world):
    """Two tabs of one phone refresh at the same moment: one rotates, the other is inside the
    grace; neither is taken for a thief, and both go on working."""
    tokens = login(app.test_client())
    start, answers = threading.Barrier(2), []

    def refresh_now() -> None:
        client = app.test_client()
        start.wait()
        answers.append(refresh(client, tokens["refresh_token"]))

    threads = [threading.Thread(target=refresh_now) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [a.status_code for a in answers] == [200, 200], [a.get_json() for a in answers]
    client = app.test_client()
    for answer in answers:
        assert refresh(client, answer.get_json()["refresh_token"]).status_code == 200


def test_reuse_ends_only_that_device(client, app, world):
    phone_a, phone_b = login(client, device="phone-a"), login(client, device="phone-b")
    refresh(client, phone_a["refresh_token"])
    past_the_grace(app)
    assert_error(refresh(client, phone_a["refresh_token"]), 401, "refresh_reused")
    assert me(client, phone_b["access_token"]).status_code == 200
    assert refresh(client, phone_b["refresh_token"]).status_code == 200


def test_logout_ends_the_session_on_the_server(client, world):
    tokens = login(client)
    assert client.post("/api/auth/logout", headers=bearer(tokens["access_token"])).status_code == 204
    assert_error(me(client, tokens["access_token"]), 401, "revoked_token")
    assert_error(refresh(client, tokens["refresh_token"]), 401, "revoked_token")


def test_logout_works_with_the_refresh_token_too(client, world):
    """The phone may hold only an expired access token when the helper logs out."""
    tokens = login(client)
    assert client.post("/api/auth/logout", headers=bearer(tokens["refresh_token"])).status_code == 204
    assert_error(refresh(client, tokens["refresh_token"]), 401, "revoked_token")


def test_logout_needs_a_token(client, world):
    assert_error(client.post("/api/auth/logout"), 401, "missing_token")


def change_password(client, tokens, user_id, **body):
    return client.patch(f"/api/users/{user_id}", headers=bearer(tokens["access_token"]), json=body)


def test_changing_your_password_needs_the_current_one(client, world):
    tokens = login(client)
    helper = world.users["helper1"]
    for body in ({"password": "a-new-password"}, {"password": "a-new-password", "current_password": "guess"}):
        err = assert_error(change_password(client, tokens, helper, **body), 422, "wrong_password")
        assert "current_password" in err["fields"]
    assert login(client)["user"]["username"] == "helper1"  # the old password still works


def test_changing_your_password_ends_your_other_sessions(client, world):
    here, there = login(client, device="phone-a"), login(client, device="phone-b")
    resp = change_password(
        client, here, world.users["helper1"], password="a-new-password", current_password="doorstep-demo"
    )
    assert resp.status_code == 200, resp.get_json()
    assert me(client, here["access_token"]).status_code == 200
    assert refresh(client, here["refresh_token"]).status_code == 200
    assert_error(me(client, there["access_token"]), 401, "revoked_token")
    assert_error(refresh(client, there["refresh_token"]), 401, "revoked_token")
    assert login(client, password="a-new-password")["user"]["username"] == "helper1"


def test_an_admin_reset_ends_every_session_of_the_account(client, world):
    helper, admin = login(client), login(client, "admin")
    resp = change_password(client, admin, world.users["helper1"], password="reset-by-admin")
    assert resp.status_code == 200, resp.get_json()
    assert_error(me(client, helper["access_token"]), 401, "revoked_token")
    assert_error(refresh(client, helper["refresh_token"]), 401, "revoked_token")


def test_deactivation_ends_every_session_for_good(client, world):
    """Reactivating the account later does not bring its old tokens back."""
    helper, admin = login(client), login(client, "admin")
    account = f"/api/users/{world.users['helper1']}"
    for active in (False, True):
        resp = client.patch(account, headers=bearer(admin["access_token"]), json={"is_active": active})
        assert resp.status_code == 200, resp.get_json()
    assert_error(me(client, helper["access_token"]), 401, "revoked_token")
    assert_error(refresh(client, helper["refresh_token"]), 401, "revoked_token")
    assert me(client, login(client)["access_token"]).status_code == 200


def test_a_refresh_token_from_before_sessions_is_exchanged_once(client, app, as_role, world):
    """Phones in the field hold refresh tokens of no family: the first use opens one, a second
    use of the same token is caught as reuse."""
    old = as_role("helper", refresh=True)["Authorization"].removeprefix("Bearer ")
    upgraded = refresh(client, old)
    assert upgraded.status_code == 200, upgraded.get_json()
    past_the_grace(app)
    assert_error(refresh(client, old), 401, "refresh_reused")
    assert_error(refresh(client, upgraded.get_json()["refresh_token"]), 401, "revoked_token")


def test_the_cli_ends_every_session_of_a_lost_phone(client, app, world):
    tokens = login(client)
    result = app.test_cli_runner().invoke(args=["end-sessions", "helper1"])
    assert result.exit_code == 0, result.output
    assert_error(me(client, tokens["access_token"]), 401, "revoked_token")
    assert app.test_cli_runner().invoke(args=["end-sessions", "nobody"]).exit_code != 0


def test_a_login_clears_the_accounts_expired_sessions(client, app, world):
    login(client, device="old-phone")
    with app.app_context():
        db.session.execute(update(AuthSession).values(expires_at=utcnow() - timedelta(days=1)))
        db.session.commit()
    login(client, device="new-phone")
    with app.app_context():
        assert [s.device_id for s in db.session.scalars(select(AuthSession))] == ["new-phone"]
