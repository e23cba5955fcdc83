"""Matrix rows of recruitment events, participants, candidates and the board's event figures."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from server.event_pass import pass_token
from server.extensions import db
from server.models.recruitment_events import Event, EventParticipant
from tests.factories import make_area
from tests.server.matrix_rows.kit import SIGNED_IN, STAFF, Endpoint, allow, at

#: Events are the district's: every caller of the standard world sees `ev1`; only an admin
#: sees the event of a district far away. Participant rows are their person's.
TARGETS = {
    "event": (dict.fromkeys(SIGNED_IN, "ev1"),
              dict.fromkeys(("supervisor", "helper", "other_helper", "client"), "ev_far")),
    "participant": (
        {"admin": "p_grad", "supervisor": "p_grad", "helper": "p_grad", "other_helper": "p_zhao",
         "client": "p_grad"},
        {"supervisor": "p_zhao", "helper": "p_chen", "other_helper": "p_grad", "client": "p_chen"},
    ),
}


def scene(s: dict[str, str]) -> None:
    far = make_area("远方区", "district")
    for key, area in (("ev1", uuid.UUID(s["subdistrict"])), ("ev_far", far.id)):
        event = Event(kind="job_fair", title="招聘会", starts_at=datetime(2026, 12, 10, 1),
                      area_id=area, job_ids=[s["job0"]], employer_ids=[], stamps={})
        db.session.add(event)
        db.session.flush()
        s[key] = str(event.id)
    for person in ("grad", "chen", "zhao"):
        row = EventParticipant(event_id=uuid.UUID(s["ev1"]), person_id=uuid.UUID(s[person]),
                               state="invited", stamps={})
        db.session.add(row)
        db.session.flush()
        s[f"p_{person}"] = str(row.id)
        s[f"tok_{person}"] = pass_token(row.id)


def _invite(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    """Staff invite someone of their scope not listed yet; a graduate, already invited, is told
    they are on the list (409)."""
    if role == "client":
        return f"/api/events/{t}/participants", {"person_id": s["grad"], "state": "signed_up"}
    person = "zhaoqiang" if role == "other_helper" else "wangfang"
    return f"/api/events/{t}/participants", {"person_id": s[person]}


def _check_in(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    return f"/api/events/{t}/check-in", {"token": s["tok_zhao" if role == "other_helper"
                                                     else "tok_grad"]}


NEW_EVENT = {"kind": "salon", "title": "创业沙龙", "starts_at": "2026-12-12T06:00:00Z"}

ROWS: list[Endpoint] = [
    Endpoint("GET", "/api/events", allow(SIGNED_IN), at("/api/events"), lists="event"),
    Endpoint("POST", "/api/events", allow(STAFF, 201), lambda s, t, r: ("/api/events", NEW_EVENT)),
    Endpoint("GET", "/api/events/<uuid:event_id>", allow(SIGNED_IN), at("/api/events/{t}"),
             "event"),
    Endpoint("PATCH", "/api/events/<uuid:event_id>",
             {**allow(("admin", "supervisor", "helper")), "other_helper": 403},
             lambda s, t, r: (f"/api/events/{t}", {"capacity": 200}), "event"),
    Endpoint("GET", "/api/events/<uuid:event_id>/participants", allow(SIGNED_IN),
             at("/api/events/{t}/participants"), "event"),
    Endpoint("POST", "/api/events/<uuid:event_id>/participants",
             {**allow(STAFF, 201), "client": 409},
             _invite, "event"),
    Endpoint("PATCH", "/api/events/participants/<uuid:participant_id>", allow(SIGNED_IN),
             lambda s, t, r: (f"/api/events/participants/{t}", {"state": "signed_up"}),
             "participant"),
    Endpoint("POST", "/api/events/<uuid:event_id>/check-in", allow(STAFF), _check_in, "event"),
    Endpoint("GET", "/api/events/participants/<uuid:participant_id>/pass", allow(SIGNED_IN),
             at("/api/events/participants/{t}/pass"), "participant"),
    Endpoint("GET", "/api/events/<uuid:event_id>/candidates", allow(STAFF),
             at("/api/events/{t}/candidates"), "event"),
    Endpoint("GET", "/api/jobs/<uuid:job_id>/candidates", allow(STAFF),
             at("/api/jobs/{t}/candidates"), "job"),
    Endpoint("GET", "/api/reports/events", allow(("admin", "supervisor")),
             at("/api/reports/events?period=2026-12")),
]
