"""The sign-in throttle: free failures, then growing delays per account and per address, in
storage shared by every worker (the database, or Redis), and the same answer for anyone."""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import update
from werkzeug.security import generate_password_hash

from server import create_app
from server.extensions import db, limiter
from server.models import ThrottleRecord, User, utcnow
from server.throttle import delay_after
from tests.conftest import empty_tables, test_config
from tests.factories import make_world
from tests.server.callers import assert_error


def login(client, username="helper1", password="doorstep-demo", address="10.0.0.1"):
    return client.post(
        "/api/auth/login",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def activate(client, username="graduate1", code="2345-6789-ABCDE", address="10.0.0.1"):
    body = {"username": username, "code": code, "password": "a-new-password"}
    return client.post("/api/auth/activate", json=body, environ_base={"REMOTE_ADDR": address})


def wait_out(app) -> None:
    """Let every delay pass (as if the caller waited Retry-After seconds)."""
    with app.app_context():
        db.session.execute(update(ThrottleRecord).values(blocked_until=utcnow()))
        db.session.commit()


@pytest.mark.parametrize(
    ("failures", "seconds"), [(0, 0), (4, 0), (5, 1), (6, 2), (7, 4), (10, 32), (14, 300), (99, 300)]
)
def test_delays_grow_after_the_free_failures_and_stop_at_the_cap(failures, seconds):
    assert delay_after(failures, free=5, cap=300) == seconds


def test_five_wrong_passwords_make_the_account_wait(client, app, world):
    for _ in range(5):
        assert_error(login(client, password="wrong"), 401, "bad_credentials")
    resp = login(client)  # even the right password waits: waiting is the only way on
    err = assert_error(resp, 429, "too_many_requests")
    assert resp.headers["Retry-After"] == "1" and "1 seconds" in err["message"]
    wait_out(app)
    assert login(client).status_code == 200


def test_each_failure_past_the_free_ones_doubles_the_wait(client, app, world):
    retry = []
    for _ in range(4):
        wait_out(app)
        while login(client, password="wrong").status_code != 429:
            pass
        retry.append(int(login(client).headers["Retry-After"]))
    assert retry == [1, 2, 4, 8]


def test_the_account_is_counted_across_addresses(client, app, world):
    for n in range(5):
        assert_error(login(client, password="wrong", address=f"10.0.1.{n}"), 401)
    assert_error(login(client, address="10.0.2.1"), 429)


def test_the_address_is_counted_across_accounts(client, app, world):
    app.config["LOGIN_ADDRESS_FREE_FAILURES"] = 6
    for name in ("helper1", "helper2", "supervisor1", "admin", "graduate1", "nobody"):
        assert_error(login(client, name, "wrong", address="10.9.9.9"), 401)
    assert_error(login(client, "helper9", address="10.9.9.9"), 429)
    assert login(client, "helper9", address="10.9.9.8").status_code == 200


def test_a_success_forgets_the_account_but_not_the_address(client, app, world):
    app.config["LOGIN_ADDRESS_FREE_FAILURES"] = 8
    for _ in range(4):
        assert_error(login(client, password="wrong"), 401)
    assert login(client).status_code == 200
    for _ in range(4):
        assert_error(login(client, password="wrong"), 401)  # the account starts again at 0
    assert_error(login(client, "helper2"), 429)  # the address remembers all 8


def test_unknown_accounts_are_counted_like_known_ones(client, app, world):
    for name in ("nobody", "helper1"):
        for _ in range(5):
            assert_error(login(client, name, "wrong", address="10.0.3.1"), 401, "bad_credentials")
        assert_error(login(client, name, "wrong", address="10.0.3.2"), 429)


def test_an_unknown_username_takes_as_long_as_a_known_one(app, world):
    """Both check a password hash (a dummy one for nobody), so timing says nothing."""
    method = "pbkdf2:sha256:200000"
    app.config.update(PASSWORD_HASH_METHOD=method, RATELIMIT_ENABLED=False)
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.username == "helper1")
            .values(password_hash=generate_password_hash("doorstep-demo", method=method))
        )
        db.session.commit()
    client = app.test_client()
    times: dict[str, list[float]] = {"helper1": [], "nobody": []}
    assert_error(login(client, "nobody", "wrong"), 401)  # the dummy hash is made on first use
    for _ in range(7):  # interleaved, so a busy moment of the machine hits both alike
        for username, seen in times.items():
            start = time.perf_counter()
            assert_error(login(client, username, "wrong"), 401)
            seen.append(time.perf_counter() - start)
    known, unknown = (statistics.median(t) for t in times.values())
    # Skipping the hash would make "nobody" a hundred times faster; a busy machine, not 3x.
    assert 1 / 3 < unknown / known < 3, (known, unknown)


def test_activation_is_throttled_on_the_same_counters(client, app, world):
    for _ in range(5):
        assert_error(activate(client), 401, "bad_invitation")
    assert_error(activate(client), 429)
    assert_error(login(client, "graduate1"), 429)


def test_failures_are_forgotten_after_a_quiet_hour(client, app, world):
    for _ in range(5):
        login(client, password="wrong")
    with app.app_context():
        db.session.execute(
            update(ThrottleRecord).values(
                blocked_until=utcnow(), last_failure_at=utcnow() - timedelta(hours=2)
            )
        )
        db.session.commit()
    assert_error(login(client, password="wrong"), 401)  # counted from 1 again: no wait
    assert login(client).status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(database_url, _schema, world_app):
    """With TRUSTED_PROXIES=1, X-Forwarded-For names the caller; without it, it is ignored."""
    for proxies, expect_blocked in ((0, True), (1, False)):
        app = world_app(TRUSTED_PROXIES=proxies, LOGIN_ADDRESS_FREE_FAILURES=3)
        client = app.test_client()
        for n in range(3):
            headers = {"X-Forwarded-For": f"192.0.2.{n}"}
            resp = client.post(
                "/api/auth/login",
                json={"username": f"nobody{n}", "password": "x"},
                headers=headers,
                environ_base={"REMOTE_ADDR": "10.0.0.254"},
            )
            assert_error(resp, 401)
        resp = client.post(
            "/api/auth/login",
            json={"username": "helper1", "password": "doorstep-demo"},
            headers={"X-Forwarded-For": "192.0.2.200"},
            environ_base={"REMOTE_ADDR": "10.0.0.254"},
        )
        assert (resp.status_code == 429) is expect_blocked, resp.get_json()


# --- Redis: the same counters shared by several hosts --------------------------------------------


@pytest.fixture
def world_app(database_url: str, _schema: None):
    """An app with extra settings over an emptied database holding the standard world."""
    made = []

    def build(**extra):
        app = create_app(test_config(database_url, **extra))
        with app.app_context():
            empty_tables()
            limiter.reset()
            make_world()
            db.session.commit()
        made.append(app)
        return app

    yield build
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/system_deps.sh installs it)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_two_hosts_share_the_count_in_redis(world_app, redis_url):
    """Failures on one host make the account wait on the other: nothing lives in a process."""
    host_a = world_app(RATELIMIT_STORAGE_URI=redis_url)
    host_b = create_app(test_config(host_a.config["SQLALCHEMY_DATABASE_URI"],
                                    RATELIMIT_STORAGE_URI=redis_url))
    a, b = host_a.test_client(), host_b.test_client()
    for n in range(5):
        assert_error(login(a if n % 2 else b, password="wrong"), 401)
    resp = login(b)
    assert_error(resp, 429)
    assert resp.headers["Retry-After"] == "1"
    with host_a.app_context():
        assert db.session.query(ThrottleRecord).count() == 0  # counted in Redis, not the database
    time.sleep(1.1)
    assert login(a).status_code == 200
    with host_b.app_context():
        db.session.remove()
        db.engine.dispose()


def test_without_redis_the_doors_stay_shut_with_a_503(database_url, _schema):
    """Redis down: no count means no guessing; the phone reads 503 as "try again later"."""
    unreachable = f"redis://127.0.0.1:{_free_port()}/0"
    app = create_app(test_config(database_url, RATELIMIT_STORAGE_URI=unreachable))
    resp = login(app.test_client())
    with app.app_context():
        db.engine.dispose()
    assert_error(resp, 503)
    assert resp.headers["Retry-After"] == "5"
