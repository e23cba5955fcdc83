"""Devices (issue 14 item 4, issue 11 items 1 and 7): each sign-in is a device with a label and
a last-seen time; who sees whose; the lock settings the phone's vault keeps."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from server.devices import label_from_agent
from server.extensions import db
from server.models import AuthSession, utcnow
from tests.server.api.test_sessions import bearer, me

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)


def sign_in(client, username="helper1", label=None, agent=ANDROID_CHROME):
    body = {"username": username, "password": "doorstep-demo"}
    if label is not None:
        body["device_label"] = label
    resp = client.post("/api/auth/login", json=body, headers={"User-Agent": agent})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def listed(client, token, **query):
    resp = client.get("/api/users/devices", query_string=query, headers=bearer(token))
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["items"]


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (ANDROID_CHROME, "Chrome · Android"),
        (IPHONE_SAFARI, "Safari · iPhone"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", "Firefox · Linux"),
        ("curl/8.0", "Browser"),
        ("", "Browser"),
    ],
)
def test_a_device_without_a_name_is_called_after_its_browser(agent, label):
    assert label_from_agent(agent) == label


def test_a_helper_names_the_phone_at_login_and_renames_it_in_settings(client, world):
    signed_in = sign_in(client, label="  李老师的 手机 ")
    assert signed_in["device"]["label"] == "李老师的 手机"
    renamed = client.patch(
        "/api/auth/device", json={"label": "Work phone"}, headers=bearer(signed_in["access_token"])
    )
    assert renamed.status_code == 200 and renamed.get_json()["label"] == "Work phone"
    [device] = listed(client, signed_in["access_token"])
    assert (device["label"], device["username"], device["current"]) == ("Work phone", "helper1", True)
    assert device["state"] == "active" and device["last_seen_at"] is not None


def test_last_seen_is_written_at_most_once_a_minute(client, app, world):
    signed_in = sign_in(client)

    def last_seen():
        with app.app_context():
            session = db.session.get(AuthSession, uuid.UUID(signed_in["device"]["id"]))
            return session.last_seen_at

    first = last_seen()
    me(client, signed_in["access_token"])
    assert last_seen() == first  # seen a moment ago: nothing written
    with app.app_context():
        db.session.execute(update(AuthSession).values(last_seen_at=utcnow() - timedelta(minutes=5)))
        db.session.commit()
    me(client, signed_in["access_token"])
    assert utcnow() - last_seen() < timedelta(seconds=30)


def test_who_sees_whose_devices(client, world):
    helper = sign_in(client, "helper1", label="helper1's phone")
    sign_in(client, "helper9", label="helper9's phone")
    supervisor = sign_in(client, "supervisor1", label="the office PC")
    admin = sign_in(client, "admin", label="admin laptop")

    def labels(token, **query):
        return sorted(d["label"] for d in listed(client, token, **query))

    assert labels(helper["access_token"]) == ["helper1's phone"]
    # The supervisor: their own and their sub-district's helpers', not another sub-district's.
    assert labels(supervisor["access_token"]) == ["helper1's phone", "the office PC"]
    assert len(labels(admin["access_token"])) == 4
    only = labels(admin["access_token"], user_id=world.users["helper9"])
    assert only == ["helper9's phone"]


def test_ended_devices_are_listed_only_when_asked(client, world, as_role):
    phone = sign_in(client, label="old phone")
    client.post(f"/api/users/devices/{phone['device']['id']}/end", json={}, headers=as_role("admin"))
    fresh = sign_in(client, label="new phone")
    assert [d["label"] for d in listed(client, fresh["access_token"])] == ["new phone"]
    states = {d["label"]: d["state"] for d in listed(client, fresh["access_token"], ended="true")}
    assert states == {"old phone": "ended", "new phone": "active"}


def test_the_phone_learns_its_lock_settings_at_login_and_from_me(client, app, world):
    app.config.update(LOCK_AFTER_MINUTES=3, MAX_PIN_ATTEMPTS=4)
    signed_in = sign_in(client)
    assert (signed_in["user"]["lock_after_minutes"], signed_in["user"]["max_pin_attempts"]) == (3, 4)
    profile = me(client, signed_in["access_token"]).get_json()
    assert (profile["lock_after_minutes"], profile["max_pin_attempts"]) == (3, 4)


def test_the_defaults_are_ten_minutes_and_five_pins(client, app, world):
    app.config.pop("LOCK_AFTER_MINUTES", None)
    app.config.pop("MAX_PIN_ATTEMPTS", None)
    user = sign_in(client)["user"]
    assert (user["lock_after_minutes"], user["max_pin_attempts"]) == (10, 5)
