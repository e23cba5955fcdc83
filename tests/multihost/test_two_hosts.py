"""Two app hosts behind one proxy share everything that must be shared.

Two gunicorn hosts (two workers each) behind nginx, over one PostgreSQL and one Redis
(tests/multihost/cluster.py). Phones sync through the proxy, so their pushes, retries and pulls
land on either host: no op is lost or applied twice. A job closed through host A is not
recommended by host B a moment later. Failed logins count across both hosts.

Runs only on PostgreSQL (the "pytest pg" step of `make test`): SQLite is one file on one machine.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from server import create_app
from server.extensions import db
from server.models import Note, User
from tests.conftest import empty_tables, test_config
from tests.multihost.cluster import SECRET, Cluster, HttpClient, cluster, missing_programs
from tests.server.callers import Ids, token_for, world_ids
from tests.sync_server.device import Device

NOTES_PER_PHONE = 60
BATCH = 20


@pytest.fixture(scope="module")
def seeded(database_url: str, _schema: None) -> Iterator[tuple[object, Ids]]:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("several hosts need a shared database server: set TEST_DATABASE_URL to a "
                    "PostgreSQL database (make test runs this in its PostgreSQL step)")
    missing = missing_programs()
    if missing:
        pytest.skip(f"needs the Debian packages {' '.join(missing)} (scripts/system_deps.sh)")
    app = create_app(test_config(database_url, SECRET_KEY=SECRET, JWT_SECRET_KEY=SECRET))
    with app.app_context():
        empty_tables()
        ids = world_ids()
    yield app, ids
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def hosts(seeded, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp: Path = tmp_path_factory.mktemp("multihost")
    with cluster(tmp, database_url, LOGIN_FREE_FAILURES="4", LOGIN_MAX_DELAY_SECONDS="60") as c:
        yield c


def headers(app, username: str, device: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(app, username)}", "X-Device-Id": device}


def test_phones_syncing_through_both_hosts_lose_and_duplicate_nothing(seeded, hosts):
    app, ids = seeded
    phones = [
        Device(HttpClient(hosts.proxy_url), headers(app, user, f"phone-{n}"))
        for n, user in enumerate(["helper1", "helper1", "helper2"])
    ]
    households = [ids.h1, ids.shared, ids.h2]
    marker = uuid.uuid4().hex[:8]
    statuses: Counter[str] = Counter()
    retried: Counter[str] = Counter()

    def sync(n: int) -> None:
        phone = phones[n]
        for k in range(NOTES_PER_PHONE):
            phone.insert("note", {"household_id": households[n], "text": f"{marker} {n}/{k}"})
        first = phone.outbox[:BATCH]
        lost = phone.push_request(first)  # the answer is lost on the way ...
        statuses.update(r["status"] for r in lost["results"])
        again = phone.push(first)  # ... so the phone sends the batch again (to either host)
        retried.update(r["status"] for r in again["results"])
        while phone.outbox:
            answer = phone.push(phone.outbox[:BATCH])
            statuses.update(r["status"] for r in answer["results"])
        phone.pull()

    with ThreadPoolExecutor(len(phones)) as pool:
        list(pool.map(sync, range(len(phones))))

    total = NOTES_PER_PHONE * len(phones)
    assert statuses == {"applied": total}
    assert retried == {"duplicate": BATCH * len(phones)}
    with app.app_context():
        texts = list(db.session.scalars(select(Note.text).where(Note.text.like(f"{marker} %"))))
    assert len(texts) == len(set(texts)) == total
    # Every phone's pull brought its own notes exactly once, whichever host served each page.
    for n, phone in enumerate(phones):
        mine = [r["text"] for r in phone.records("note").values()
                if r["text"].startswith(f"{marker} {n}/")]
        assert len(mine) == len(set(mine)) == NOTES_PER_PHONE
    served = {u for phone in phones for u in phone.client.upstreams}  # type: ignore[attr-defined]
    assert served == {f"127.0.0.1:{h.port}" for h in hosts.hosts}, "the proxy used one host only"

    # A new phone of helper1, first sync through the proxy: both of helper1's phones' notes.
    fresh = Device(HttpClient(hosts.proxy_url), headers(app, "helper1", "phone-new"))
    fresh.pull(limit=25)
    seen = [r["text"] for r in fresh.records("note").values() if r["text"].startswith(marker)]
    assert len(seen) == len(set(seen)) == 2 * NOTES_PER_PHONE


def test_a_job_closed_through_host_a_is_not_recommended_by_host_b(seeded, hosts):
    app, ids = seeded
    h = headers(app, "helper1", "phone-jobs")
    a, b = HttpClient(hosts.host_url(0)), HttpClient(hosts.host_url(1))
    person = _graduate_id(app)
    url = f"/api/persons/{person}/matches"

    def recommended(client: HttpClient) -> set[str]:
        answer = client.get(url, headers=h)
        assert answer.status_code == 200, answer.get_json()
        return {item["job"]["id"] for item in answer.get_json()["items"]}

    for _ in range(6):  # every worker of host B has built its index
        assert ids.jobs[0] in recommended(b)
    admin = headers(app, "admin", "admin-desk")  # the district keeps vacancies without an area
    closed = a.patch(f"/api/jobs/{ids.jobs[0]}", json={"is_open": False}, headers=admin)
    assert closed.status_code == 200, closed.get_json()
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # at once, and on every worker, for a second
        assert ids.jobs[0] not in recommended(b)
    assert ids.jobs[1] in recommended(b)


def _graduate_id(app) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "graduate1"))
        assert user is not None and user.person_id is not None
        return str(user.person_id)


def test_failed_logins_are_counted_across_both_hosts(hosts):
    a, b = HttpClient(hosts.host_url(0)), HttpClient(hosts.host_url(1))
    wrong = {"username": "supervisor1", "password": "not-the-password"}
    for client in (a, b, a, b):  # four free failures (LOGIN_FREE_FAILURES=4), two on each host
        assert client.post("/api/auth/login", json=wrong).status_code == 401
    # Host B has seen only two failures itself; the shared count says wait.
    refused = b.post("/api/auth/login", json={**wrong, "password": "doorstep-demo"})
    assert refused.status_code == 429, refused.get_json()
    assert int(refused.headers["Retry-After"]) >= 1
    assert a.post("/api/auth/login", json=wrong).status_code == 429
