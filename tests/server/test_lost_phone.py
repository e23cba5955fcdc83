"""The lost phone (issue 14 item 4): a supervisor ends its session with a wipe; on its next
contact the phone hands over the work it holds, is told to wipe at every turn, and once it has
said it is done the session is dead for good."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from server.extensions import db
from server.models import AuditLog, AuthSession, Note
from tests.server.api.test_sessions import bearer, login, me, refresh
from tests.server.callers import assert_error
from tests.sync_server.device import Device


def end(client, as_role, session_id, role="supervisor", **body):
    return client.post(f"/api/users/devices/{session_id}/end", json=body, headers=as_role(role))


def test_a_lost_phone_hands_over_its_work_then_wipes(client, app, world, as_role):
    signed_in = login(client, device="phone-lost")
    phone = Device(client, {**bearer(signed_in["access_token"]), "X-Device-Id": "phone-lost"})
    phone.pull()
    phone.insert("note", {"household_id": world.h1, "text": "typed on the bus, never synced"})

    told = end(client, as_role, signed_in["device"]["id"], wipe=True)
    assert told.status_code == 200, told.get_json()
    assert told.get_json()["state"] == "wiping"

    # Its pull is refused with the order to wipe; its push is taken, and says so too.
    assert_error(client.get("/api/sync/pull", headers=phone.headers), 401, "device_wiped")
    answer = phone.push_request()
    assert answer["wipe"] is True
    assert [r["status"] for r in answer["results"]] == ["applied"]
    # A refresh still works (a phone found days later has an expired access token)...
    again = refresh(client, signed_in["refresh_token"])
    assert again.status_code == 200 and again.get_json()["wipe"] is True
    # ...but nothing else does.
    assert_error(me(client, again.get_json()["access_token"]), 401, "device_wiped")

    # The phone says it is done: from now on the session is dead.
    assert client.post("/api/auth/logout", headers=bearer(again.get_json()["access_token"])).status_code == 204
    assert_error(refresh(client, again.get_json()["refresh_token"]), 401, "revoked_token")

    with app.app_context():
        note = db.session.scalar(select(Note).where(Note.text == "typed on the bus, never synced"))
        assert note is not None
        logged = db.session.scalar(select(AuditLog).where(AuditLog.entity_id == str(note.id)))
        session = db.session.get(AuthSession, uuid.UUID(signed_in["device"]["id"]))
        # The handed-over work says which phone it came from, like any other (by its sync
        # client id or its X-Device-Id: both are this session's, see AuthSession.client_id).
        assert logged.user_id == session.user_id
        assert logged.device_id in (phone.client_id, session.device_id)
        assert (session.revoked_reason, session.client_id) == ("wiped", phone.client_id)


def test_ending_without_a_wipe_stops_the_phone_at_once(client, world, as_role):
    signed_in = login(client)
    assert end(client, as_role, signed_in["device"]["id"], role="admin").get_json()["state"] == "ended"
    assert_error(me(client, signed_in["access_token"]), 401, "revoked_token")


def test_a_helper_cannot_end_devices_and_a_supervisor_only_their_helpers(client, world, as_role):
    mine = login(client, username="helper1")
    elsewhere = login(client, username="helper9")
    assert_error(end(client, as_role, mine["device"]["id"], role="helper"), 403, "forbidden")
    assert_error(end(client, as_role, elsewhere["device"]["id"]), 404, "not_found")
    assert me(client, elsewhere["access_token"]).status_code == 200


def test_a_lost_phone_found_after_its_tokens_expired_is_still_one_to_wipe(client, app, world, as_role):
    """For the expired-token answer (server/errors.py): the wipe order outlives the tokens."""
    from server.devices import wipe_pending

    signed_in = login(client)
    family = {"fam": signed_in["device"]["id"]}
    with app.app_context():
        assert wipe_pending(family) is False
    end(client, as_role, signed_in["device"]["id"], wipe=True)
    with app.app_context():
        assert wipe_pending(family) is True
        assert wipe_pending({"fam": "not-a-uuid"}) is False
    client.post("/api/auth/logout", headers=bearer(signed_in["refresh_token"]))
    with app.app_context():
        assert wipe_pending(family) is False  # handed over: dead, nothing more to say



def test_a_phone_told_to_wipe_cannot_stretch_its_hand_over_by_refreshing(client, app, world, as_role):
    """Whoever holds a lost phone cannot ignore `wipe: true` and refresh for ever to keep
    writing as the helper: the hand-over ends HANDOVER after the order, refreshed or not."""
    from datetime import timedelta

    from server.devices import HANDOVER
    from server.models import utcnow

    signed_in = login(client, device="phone-stolen")
    session_id = uuid.UUID(signed_in["device"]["id"])
    assert end(client, as_role, signed_in["device"]["id"], wipe=True).status_code == 200
    with app.app_context():
        frozen = db.session.get(AuthSession, session_id).expires_at
        assert frozen <= utcnow() + HANDOVER
    again = refresh(client, signed_in["refresh_token"])
    assert again.status_code == 200 and again.get_json()["wipe"] is True
    with app.app_context():
        session = db.session.get(AuthSession, session_id)
        assert session.expires_at == frozen  # not pushed another 30 days ahead
        session.expires_at = utcnow() - timedelta(seconds=1)  # the hand-over is over
        db.session.commit()
    phone = Device(client, {**bearer(again.get_json()["access_token"]), "X-Device-Id": "phone-stolen"})
    phone.insert("note", {"household_id": world.h1, "text": "written after the hand-over ended"})
    late = client.post("/api/sync/push", headers=phone.headers,
                       json={"protocol": 2, "client_id": phone.client_id, "ops": phone.outbox})
    assert late.status_code == 401
