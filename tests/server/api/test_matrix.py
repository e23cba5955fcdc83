"""The role × endpoint matrix: every route of the app, every kind of caller, allowed and denied.

`ENDPOINTS` below is the one table to extend when a route is added: a test fails for any route
of the app (or path of the OpenAPI document) that has no row, and for any row that names a
route the app does not have. For each row and each role the test checks:

- the answer on a target in the caller's scope (`ok[role]`, else 401 anonymous / 403 role);
- id-guessing: a row of the same kind outside the caller's scope, and a random id, are 404 —
  the same answer, so ids cannot be probed;
- for lists: the out-of-scope row's id does not appear in the answer.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.security import generate_password_hash

from server import create_app
from server.extensions import db, limiter
from server.models import AuthSession, Household, Job, Note, Recommendation, User, utcnow
from tests.conftest import empty_tables, test_config
from tests.factories import make_person, make_user, make_visit
from tests.server.callers import ROLES, assert_error, world_ids
from tests.server.matrix_rows import extra_endpoints, extra_scenes, extra_targets
from tests.server.matrix_rows.kit import EVERYONE, SIGNED_IN, STAFF, Endpoint, allow, at

INVITATION_CODE = "ABCDEFGH"
SYNC_PROTOCOL = json.loads((Path(__file__).parents[3] / "sync" / "registry.json").read_text())[
    "protocol"
]["current"]

#: What "in scope" and "out of scope" mean for each kind of target, by role (scene keys).
#: A role with no out-of-scope entry (an admin) is only probed with random ids.
OWN: dict[str, dict[str, str]] = {
    "device": {"admin": "d_helper1", "supervisor": "d_helper1"},
    "household": {
        "admin": "h1",
        "supervisor": "h1",
        "helper": "h1",
        "other_helper": "other",
        "client": "h1",
    },
    "person": {
        "admin": "grad",
        "supervisor": "grad",
        "helper": "grad",
        "other_helper": "zhao",
        "client": "grad",
    },
    "invitee": {
        "admin": "wangfang",
        "supervisor": "wangfang",
        "helper": "wangfang",
        "other_helper": "zhaoqiang",
    },
    "visit": {
        "admin": "v_h1",
        "supervisor": "v_h1",
        "helper": "v_h1",
        "other_helper": "v_other",
        "client": "v_h1",
    },
    "note": {"admin": "n_h1", "supervisor": "n_h1", "helper": "n_h1", "other_helper": "n_other"},
    "rec": {
        "admin": "r_grad",
        "supervisor": "r_grad",
        "helper": "r_grad",
        "other_helper": "r_zhao",
        "client": "r_grad",
    },
    "user": {
        "admin": "u_helper1",
        "supervisor": "u_helper1",
        "helper": "u_helper1",
        "other_helper": "u_helper9",
        "client": "u_graduate1",
    },
    "self": {
        "admin": "u_helper1",
        "supervisor": "u_supervisor1",
        "helper": "u_helper1",
        "other_helper": "u_helper9",
        "client": "u_graduate1",
    },
    "client_account": {  # invitations are for accounts never activated
        "admin": "u_pending",
        "supervisor": "u_pending",
        "helper": "u_pending",
        "other_helper": "u_client9",
    },
    "area": dict.fromkeys(SIGNED_IN, "subdistrict"),
    "job": dict.fromkeys(SIGNED_IN, "job0"),
    "category": dict.fromkeys(SIGNED_IN, "settled"),
}
FOREIGN: dict[str, dict[str, str]] = {
    "device": {"supervisor": "d_helper9"},
    "household": {"supervisor": "other", "helper": "h2", "other_helper": "h1", "client": "h2"},
    "person": {"supervisor": "zhao", "helper": "chen", "other_helper": "grad", "client": "chen"},
    "invitee": {"supervisor": "zhaoqiang", "helper": "chen", "other_helper": "wangfang"},
    "visit": {"supervisor": "v_other", "helper": "v_h2", "other_helper": "v_h1", "client": "v_h2"},
    "note": {"supervisor": "n_other", "helper": "n_h2", "other_helper": "n_h1"},
    "rec": {
        "supervisor": "r_zhao",
        "helper": "r_chen",
        "other_helper": "r_grad",
        "client": "r_chen",
    },
    "user": {
        "supervisor": "u_helper9",
        "helper": "u_helper2",
        "other_helper": "u_helper1",
        "client": "u_helper1",
    },
    "self": {
        "supervisor": "u_helper9",
        "helper": "u_helper2",
        "other_helper": "u_helper1",
        "client": "u_helper1",
    },
    "client_account": {
        "supervisor": "u_client9",
        "helper": "u_client2",
        "other_helper": "u_graduate1",
    },
}
#: A made-up target of each kind (path converters other than uuid need their own).
RANDOM = {"category": "astronaut"}

def visit(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    return "/api/visits", {
        "household_id": t,
        "channel": "phone",
        "occurred_at": "2026-11-20T09:00:00Z",
        "services": ["cv_revision"],
    }


def new_household(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    committee = s["other_committee"] if role == "other_helper" else s["committee"]
    return "/api/households", {"address": "新村1号", "committee_id": committee}


def edit_person(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    return f"/api/persons/{t}", {"phone": "13900000000"}


ENDPOINTS: list[Endpoint] = [
    # --- public -------------------------------------------------------------------------------
    Endpoint("GET", "/", allow(EVERYONE, (200, 503)), at("/")),  # 503 until the PWA is built
    Endpoint("GET", "/<path:path>", allow(EVERYONE, 404), at("/no-such-asset.js")),
    Endpoint("GET", "/api/health", allow(EVERYONE), at("/api/health")),
    Endpoint("GET", "/api/openapi.json", allow(EVERYONE), at("/api/openapi.json")),
    Endpoint("GET", "/api/docs", allow(EVERYONE), at("/api/docs")),
    Endpoint(
        "POST",
        "/api/auth/login",
        allow(EVERYONE),
        lambda s, t, r: ("/api/auth/login", {"username": "helper2", "password": "doorstep-demo"}),
    ),
    Endpoint(
        "POST",
        "/api/auth/activate",
        allow(EVERYONE),
        lambda s, t, r: (
            "/api/auth/activate",
            {"username": "pending", "password": "new-pass-123", "code": INVITATION_CODE},
        ),
    ),
    # --- signed in ----------------------------------------------------------------------------
    Endpoint("POST", "/api/auth/refresh", allow(SIGNED_IN), at("/api/auth/refresh"), refresh=True),
    Endpoint("POST", "/api/auth/logout", allow(SIGNED_IN, 204), at("/api/auth/logout")),
    Endpoint("GET", "/api/auth/me", allow(SIGNED_IN), at("/api/auth/me")),
    Endpoint("GET", "/api/areas", allow(SIGNED_IN), at("/api/areas")),
    Endpoint(
        "POST",
        "/api/areas",
        allow(("admin",), 201),
        lambda s, t, r: (
            "/api/areas",
            {"name": "新居委", "kind": "committee", "parent_id": s["subdistrict"]},
        ),
    ),
    Endpoint("GET", "/api/areas/<uuid:area_id>", allow(SIGNED_IN), at("/api/areas/{t}"), "area"),
    Endpoint(
        "PATCH",
        "/api/areas/<uuid:area_id>",
        allow(("admin",)),
        lambda s, t, r: (f"/api/areas/{t}", {"name": "改名"}),
        "area",
    ),
    Endpoint("GET", "/api/trainings", allow(SIGNED_IN), at("/api/trainings")),
    Endpoint(
        "POST",
        "/api/trainings",
        allow(("admin", "supervisor"), 201),
        lambda s, t, r: ("/api/trainings", {"title": "电商直播培训"}),
    ),
    Endpoint("GET", "/api/policies", allow(SIGNED_IN), at("/api/policies")),
    Endpoint(
        "POST",
        "/api/policies",
        allow(("admin", "supervisor"), 201),
        lambda s, t, r: ("/api/policies", {"title": "三免一补"}),
    ),
    Endpoint("GET", "/api/follow-ups/due", allow(STAFF), at("/api/follow-ups/due"), lists="person"),
    Endpoint("GET", "/api/follow-up-rules", allow(SIGNED_IN), at("/api/follow-up-rules")),
    Endpoint(
        "PUT",
        "/api/follow-up-rules/<string:category>",
        allow(("admin",)),
        lambda s, t, r: (f"/api/follow-up-rules/{t}", {"interval_days": 200}),
        "category",
    ),
    # --- households ---------------------------------------------------------------------------
    Endpoint("GET", "/api/households", allow(STAFF), at("/api/households"), lists="household"),
    Endpoint("POST", "/api/households", allow(STAFF, 201), new_household),
    Endpoint(
        "GET",
        "/api/households/<uuid:household_id>",
        allow(SIGNED_IN),
        at("/api/households/{t}"),
        "household",
    ),
    Endpoint(
        "PATCH",
        "/api/households/<uuid:household_id>",
        allow(STAFF),
        lambda s, t, r: (f"/api/households/{t}", {"address": "新地址8号"}),
        "household",
    ),
    Endpoint(
        "POST",
        "/api/households/assign",
        allow(("admin", "supervisor")),
        lambda s, t, r: (
            "/api/households/assign",
            {"household_ids": [s["h1"]], "primary_helper_id": s["u_helper2"]},
        ),
    ),
    # --- persons ------------------------------------------------------------------------------
    Endpoint("GET", "/api/persons", allow(SIGNED_IN), at("/api/persons"), lists="person"),
    # "i" is in zhaomin, chen mei and lijie: a leak of scope would find the out-of-scope person.
    Endpoint("GET", "/api/search", allow(STAFF), at("/api/search?q=i"), lists="person"),
    # The matrix's tokens name no session, so renaming "this device" is a conflict for all.
    Endpoint("PATCH", "/api/auth/device", allow(SIGNED_IN, 409),
             lambda s, t, r: ("/api/auth/device", {"label": "Work phone"})),
    Endpoint("GET", "/api/users/devices", allow(SIGNED_IN), at("/api/users/devices"), lists="device"),
    Endpoint("POST", "/api/users/devices/<uuid:session_id>/end", allow(("admin", "supervisor")),
             lambda s, t, r: (f"/api/users/devices/{t}/end", {"wipe": True}), "device"),
    Endpoint(
        "POST",
        "/api/persons",
        allow(STAFF, 201),
        lambda s, t, r: (
            "/api/persons",
            {"household_id": t, "name": "新人", "category": "settled"},
        ),
        "household",
    ),
    Endpoint(
        "GET", "/api/persons/<uuid:person_id>", allow(SIGNED_IN), at("/api/persons/{t}"), "person"
    ),
    Endpoint("PATCH", "/api/persons/<uuid:person_id>", allow(SIGNED_IN), edit_person, "person"),
    Endpoint(
        "POST",
        "/api/persons/<uuid:person_id>/status",
        allow(STAFF, 201),
        lambda s, t, r: (f"/api/persons/{t}/status", {"to": "employed"}),
        "person",
    ),
    Endpoint(
        "GET",
        "/api/persons/<uuid:person_id>/status-history",
        allow(SIGNED_IN),
        at("/api/persons/{t}/status-history"),
        "person",
    ),
    # --- visits and notes ---------------------------------------------------------------------
    Endpoint("GET", "/api/visits", allow(SIGNED_IN), at("/api/visits"), lists="visit"),
    Endpoint("POST", "/api/visits", allow(STAFF, 201), visit, "household"),
    Endpoint(
        "GET", "/api/visits/<uuid:visit_id>", allow(SIGNED_IN), at("/api/visits/{t}"), "visit"
    ),
    Endpoint(
        "POST",
        "/api/visits/<uuid:visit_id>/review",
        allow(("admin", "supervisor")),
        lambda s, t, r: (f"/api/visits/{t}/review", {"decision": "approve"}),
        "visit",
    ),
    Endpoint(
        "POST",
        "/api/visits/review",
        allow(("admin", "supervisor")),
        lambda s, t, r: ("/api/visits/review", {"visit_ids": [t], "decision": "approve"}),
        "visit",
    ),
    Endpoint("GET", "/api/history/<string:entity>/<uuid:entity_id>",
             allow(("admin", "supervisor", "helper", "other_helper")), at("/api/history/person/{t}"), "person"),
    Endpoint("GET", "/api/audit", allow(("admin", "supervisor")), at("/api/audit")),
    Endpoint("GET", "/api/notes", allow(STAFF), at("/api/notes"), lists="note"),
    Endpoint(
        "POST",
        "/api/notes",
        allow(STAFF, 201),
        lambda s, t, r: ("/api/notes", {"household_id": t, "text": "下次带简历"}),
        "household",
    ),
    Endpoint("GET", "/api/notes/<uuid:note_id>", allow(STAFF), at("/api/notes/{t}"), "note"),
    # --- jobs and recommendations -------------------------------------------------------------
    Endpoint("GET", "/api/jobs", allow(STAFF), at("/api/jobs")),
    Endpoint(
        "POST",
        "/api/jobs",
        allow(STAFF, 201),
        lambda s, t, r: ("/api/jobs", {"employer": "绿化公司", "title": "绿化养护员"}),
    ),
    Endpoint("GET", "/api/jobs/<uuid:job_id>", allow(SIGNED_IN), at("/api/jobs/{t}"), "job"),
    Endpoint(  # vacancies are kept by the office that collected them (server/records/jobs.py)
        "PATCH",
        "/api/jobs/<uuid:job_id>",
        {**allow(("admin", "supervisor", "helper")), "other_helper": 403},
        lambda s, t, r: (f"/api/jobs/{t}", {"headcount": 3}),
        "job",
    ),
    Endpoint(
        "GET", "/api/recommendations", allow(SIGNED_IN), at("/api/recommendations"), lists="rec"
    ),
    Endpoint(
        "POST",
        "/api/recommendations",
        allow(STAFF, 201),
        lambda s, t, r: (
            "/api/recommendations",
            {"person_id": t, "job_id": s["job1"], "reasons": "专业对口"},
        ),
        "person",
    ),
    Endpoint(
        "GET",
        "/api/recommendations/<uuid:rec_id>",
        allow(SIGNED_IN),
        at("/api/recommendations/{t}"),
        "rec",
    ),
    Endpoint(
        "PATCH",
        "/api/recommendations/<uuid:rec_id>",
        allow(SIGNED_IN),
        lambda s, t, r: (f"/api/recommendations/{t}", {"state": "viewed"}),
        "rec",
    ),
    # --- accounts -----------------------------------------------------------------------------
    Endpoint("GET", "/api/users", allow(("admin", "supervisor")), at("/api/users"), lists="user"),
    Endpoint(
        "POST",
        "/api/users",
        allow(("admin",), 201),
        lambda s, t, r: (
            "/api/users",
            {
                "username": "helper3",
                "display_name": "刘敏",
                "role": "helper",
                "area_id": s["subdistrict"],
                "password": "a-good-password",
            },
        ),
    ),
    Endpoint(
        "POST",
        "/api/users/clients",
        allow(STAFF, 201),
        lambda s, t, r: ("/api/users/clients", {"person_id": t, "username": "newclient"}),
        "invitee",
    ),
    Endpoint(
        "POST",
        "/api/users/<uuid:user_id>/invitation",
        allow(STAFF),
        at("/api/users/{t}/invitation"),
        "client_account",
    ),
    Endpoint("GET", "/api/users/<uuid:user_id>", allow(SIGNED_IN), at("/api/users/{t}"), "user"),
    Endpoint(
        "PATCH",
        "/api/users/<uuid:user_id>",
        allow(SIGNED_IN),
        lambda s, t, r: (f"/api/users/{t}", {"display_name": "新名字"}),
        "self",
    ),
    # --- matching and reports (issue 5) -------------------------------------------------------
    Endpoint(
        "GET",
        "/api/persons/<uuid:person_id>/matches",
        allow(SIGNED_IN),
        at("/api/persons/{t}/matches"),
        "person",
    ),
    Endpoint(
        "GET",
        "/api/persons/<uuid:person_id>/care-team",
        allow(SIGNED_IN),
        at("/api/persons/{t}/care-team"),
        "person",
    ),
    Endpoint(
        "GET", "/api/reports/summary", allow(("admin", "supervisor")), at("/api/reports/summary")
    ),
    Endpoint(
        "GET",
        "/api/reports/struggling",
        allow(STAFF),
        at("/api/reports/struggling"),
        lists="person",
    ),
    Endpoint(
        "GET",
        "/api/reports/<string:name>.csv",
        allow(STAFF),
        at("/api/reports/struggling.csv"),
        lists="person",
    ),
    # The matrix sends JSON; the upload wants a multipart file, so a permitted role gets 422.
    Endpoint(
        "POST", "/api/jobs/import", allow(("admin", "supervisor"), 422), at("/api/jobs/import")
    ),
    Endpoint("GET", "/api/period-reports", allow(("admin", "supervisor")), at("/api/period-reports?period=2026-Q3")),
    Endpoint("GET", "/api/period-reports.xlsx", allow(("admin", "supervisor")),
             at("/api/period-reports.xlsx?period=2026-Q3")),
    Endpoint("GET", "/api/exports/<string:name>.xlsx", allow(STAFF), at("/api/exports/overdue.xlsx")),
    Endpoint("POST", "/api/persons/import", allow(("admin", "supervisor"), 422), at("/api/persons/import")),
    # --- sync (sync/PROTOCOL.md); the standard world has no conflicts or quarantined ops, so an
    # --- id is unknown to everyone allowed in: 404 ---------------------------------------------
    Endpoint(
        "POST",
        "/api/sync/push",
        allow(SIGNED_IN),
        lambda s, t, r: (
            "/api/sync/push",
            {"protocol": SYNC_PROTOCOL, "client_id": "m1", "ops": []},
        ),
    ),
    Endpoint("GET", "/api/sync/pull", allow(SIGNED_IN), at("/api/sync/pull?client_id=m1")),
    Endpoint("GET", "/api/conflicts", allow(STAFF), at("/api/conflicts")),
    Endpoint(
        "GET",
        "/api/conflicts/<uuid:conflict_id>",
        allow(STAFF, 404),
        lambda s, t, r: (f"/api/conflicts/{uuid.uuid4()}", None),
    ),
    Endpoint(
        "POST",
        "/api/conflicts/<uuid:conflict_id>/resolve",
        allow(STAFF, (404, 422)),
        lambda s, t, r: (f"/api/conflicts/{uuid.uuid4()}/resolve", {}),
    ),
    Endpoint("GET", "/api/quarantine", allow(("admin", "supervisor")), at("/api/quarantine")),
    Endpoint(
        "POST",
        "/api/quarantine/<uuid:op_id>/reapply",
        allow(("admin", "supervisor"), 404),
        lambda s, t, r: (f"/api/quarantine/{uuid.uuid4()}/reapply", None),
    ),
    Endpoint(
        "POST",
        "/api/quarantine/<uuid:op_id>/dismiss",
        allow(("admin", "supervisor"), 404),
        lambda s, t, r: (f"/api/quarantine/{uuid.uuid4()}/dismiss", None),
    ),
    # --- the docs page's own copy of Swagger UI ----------------------------------------------
    Endpoint(
        "GET",
        "/api/docs/assets/<path:path>",
        allow(EVERYONE, 404),
        at("/api/docs/assets/no-such-file.js"),
    ),
]


# Each feature's own rows, targets and scene (tests/server/matrix_rows/<feature>.py).
ENDPOINTS += extra_endpoints()
for _kind, (_own, _foreign) in extra_targets().items():
    OWN[_kind] = _own
    FOREIGN[_kind] = _foreign

def build_scene() -> dict[str, str]:
    """The standard world plus one visit, note and recommendation per household, client
    accounts in three caseloads and a pending invitation. Runs in an app context; commits."""
    w = world_ids()
    s: dict[str, str] = {
        "subdistrict": w.subdistrict,
        "committee": w.committee,
        "other_committee": w.other_committee,
        "h1": w.h1,
        "h2": w.h2,
        "other": w.other,
        "grad": w.graduate,
        "chen": w.persons["Chen Mei"],
        "wangfang": w.persons["王芳"],
        "zhao": w.persons["赵敏"],
        "job0": w.jobs[0],
        "job1": w.jobs[1],
        "settled": "settled",
    }
    s.update({f"u_{name}": uid for name, uid in w.users.items()})
    get = db.session.get
    helper = {"h1": "helper1", "h2": "helper2", "other": "helper9"}
    for key, person in (("h1", "grad"), ("h2", "chen"), ("other", "zhao")):
        household = get(Household, uuid.UUID(s[key]))
        author = get(User, uuid.UUID(s[f"u_{helper[key]}"]))
        s[f"v_{key}"] = str(make_visit(household, author).id)
        note = Note(household_id=household.id, text="记录", author_id=author.id, stamps={})
        rec = Recommendation(
            person_id=uuid.UUID(s[person]),
            job_id=uuid.UUID(s["job0"]),
            reasons="对口",
            stamps={},
            history=[],
        )
        db.session.add_all([note, rec])
        db.session.flush()
        s[f"n_{key}"], s[f"r_{person}"] = str(note.id), str(rec.id)
    other = get(Household, uuid.UUID(s["other"]))
    s["zhaoqiang"] = str(make_person(other, "赵强", category="settled").id)
    client9 = make_user("client9", "client", person_id=uuid.UUID(s["zhao"]))
    client9.password_hash = None  # invited, never activated
    s["u_client9"] = str(client9.id)
    s["u_client2"] = str(make_user("client2", "client", person_id=uuid.UUID(s["chen"])).id)
    pending = make_person(get(Household, uuid.UUID(s["h1"])), "待激活")
    invited = make_user(
        "pending",
        "client",
        person_id=pending.id,
        invitation_hash=generate_password_hash(INVITATION_CODE, method="pbkdf2:sha256:1000"),
        invitation_expires_at=utcnow() + timedelta(days=7),
    )
    invited.password_hash = None
    s["u_pending"] = str(invited.id)
    db.session.get(Job, uuid.UUID(s["job0"])).area_id = uuid.UUID(s["subdistrict"])
    for name in ("helper1", "helper9"):
        device = AuthSession(user_id=uuid.UUID(s[f"u_{name}"]), device_id=f"phone-{name}",
                             refresh_jti=str(uuid.uuid4()), expires_at=utcnow() + timedelta(days=1))
        db.session.add(device)
        db.session.flush()
        s[f"d_{name}"] = str(device.id)
    for add_to_scene in extra_scenes():
        add_to_scene(s)
    db.session.commit()
    return s


@pytest.fixture(scope="module")
def matrix_app(database_url: str, _schema: None) -> Iterator[Flask]:
    """One app for the ~300 cases below: building the app (and its OpenAPI document) per case
    costs more than the case itself."""
    app = create_app(test_config(database_url))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(matrix_app: Flask) -> Flask:
    """The module's app, with empty tables and a fresh rate limiter for every case."""
    with matrix_app.app_context():
        empty_tables()
        limiter.reset()
    return matrix_app


def flask_rules(app: Flask) -> set[str]:
    return {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }


def test_every_route_has_exactly_one_row(app):
    keys = [e.key for e in ENDPOINTS]
    assert len(keys) == len(set(keys)), "a route is listed twice"
    routes = flask_rules(app)
    missing, stale = sorted(routes - set(keys)), sorted(set(keys) - routes)
    assert not missing, f"add these routes to ENDPOINTS: {missing}"
    assert not stale, f"these rows name routes the app does not have: {stale}"


def openapi_path(rule: str) -> str:
    """`/api/households/<uuid:household_id>` as OpenAPI writes it: `/api/households/{household_id}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_every_documented_operation_has_a_row(client):
    spec = client.get("/api/openapi.json").get_json()
    documented = {
        f"{method.upper()} {path}"
        for path, ops in spec["paths"].items()
        for method in ops
        if method != "parameters"
    }
    rows = {f"{e.method} {openapi_path(e.rule)}" for e in ENDPOINTS}
    missing = sorted(documented - rows)
    assert not missing, f"add these operations to ENDPOINTS: {missing}"


def expected(endpoint: Endpoint, role: str) -> tuple[int, ...]:
    if role in endpoint.ok:
        status = endpoint.ok[role]
        return status if isinstance(status, tuple) else (status,)
    return (401,) if role == "anonymous" else (403,)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.key)
def test_role_on_endpoint(app, client, as_role, endpoint: Endpoint, role: str):
    with app.app_context():
        scene = build_scene()
    headers = as_role(role, refresh=endpoint.refresh)

    def send(target: str) -> Any:
        url, body = endpoint.call(scene, target, role)
        resp = client.open(url, method=endpoint.method, headers=headers, json=body)
        resp.get_data()
        resp.close()  # a file sent by send_file stays open until closed
        return resp

    allowed = role in endpoint.ok and role != "anonymous"
    if endpoint.target and allowed:
        foreign = FOREIGN.get(endpoint.target, {}).get(role)
        guesses = [scene[foreign]] if foreign else []
        guesses.append(RANDOM.get(endpoint.target, str(uuid.uuid4())))
        for guess in guesses:
            assert_error(send(guess), 404, "not_found")

    target = ""
    if endpoint.target:
        own = OWN[endpoint.target].get(role)
        # A role refused at the door is refused whatever it names: try it on a real row.
        target = scene[own or next(iter(OWN[endpoint.target].values()))]
    resp = send(target)
    wanted = expected(endpoint, role)
    assert resp.status_code in wanted, (resp.status_code, resp.get_data(as_text=True)[:500])
    if resp.status_code >= 400 and resp.mimetype == "application/json":
        assert_error(resp, resp.status_code)
    if resp.status_code == 401:
        assert_error(resp, 401)
    if endpoint.lists and allowed:
        foreign = FOREIGN.get(endpoint.lists, {}).get(role)
        if foreign:
            assert scene[foreign] not in resp.get_data(as_text=True)
