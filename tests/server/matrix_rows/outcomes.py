"""Matrix rows of placements, retention checks, the retention schedule and the board's
aftercare figures (issue 12.1-3)."""

from __future__ import annotations

import uuid
from datetime import date

from server.extensions import db
from server.models.outcomes import Placement
from tests.server.matrix_rows.kit import STAFF, Endpoint, allow, at

BOARD = ("admin", "supervisor")


def _check(s: dict[str, str], t: str, role: str) -> tuple[str, dict[str, object]]:
    return "/api/retention-checks", {"placement_id": t, "step": "1w",
                                     "occurred_at": "2026-11-20T02:00:00Z", "still_employed": True}


ROWS = [
    Endpoint("GET", "/api/placements", allow(STAFF), at("/api/placements"), lists="placement"),
    Endpoint("POST", "/api/placements", allow(STAFF, 201), lambda s, t, r: (
        "/api/placements", {"person_id": t, "employer_name": "盒马鲜生", "start_date": "2026-11-02"}),
        "person"),
    Endpoint("GET", "/api/placements/<uuid:placement_id>", allow(STAFF),
             at("/api/placements/{t}"), "placement"),
    Endpoint("PATCH", "/api/placements/<uuid:placement_id>", allow(STAFF), lambda s, t, r: (
        f"/api/placements/{t}", {"at_risk": True, "at_risk_note": "和班长闹了点矛盾"}), "placement"),
    Endpoint("GET", "/api/placements/<uuid:placement_id>/checks", allow(STAFF),
             at("/api/placements/{t}/checks"), "placement"),
    Endpoint("POST", "/api/retention-checks", allow(STAFF, 201), _check, "placement"),
    Endpoint("GET", "/api/retention-steps", allow(STAFF), at("/api/retention-steps")),
    Endpoint("PUT", "/api/retention-steps/<string:code>", allow(("admin",)),
             lambda s, t, r: ("/api/retention-steps/1m", {"days": 31})),
    Endpoint("GET", "/api/reports/aftercare", allow(BOARD), at("/api/reports/aftercare?period=2026-Q4")),
]

_OWN = {"admin": "grad", "supervisor": "grad", "helper": "grad", "other_helper": "zhao"}
_FOREIGN = {"supervisor": "zhao", "helper": "chen", "other_helper": "grad"}

TARGETS = {"placement": ({role: f"oc_placement_{who}" for role, who in _OWN.items()},
                         {role: f"oc_placement_{who}" for role, who in _FOREIGN.items()})}


def scene(s: dict[str, str]) -> None:
    for key in ("grad", "chen", "zhao"):
        row = Placement(person_id=uuid.UUID(s[key]), employer_name="永辉超市", job_title="理货员",
                        start_date=date(2026, 11, 2), stamps={})
        db.session.add(row)
        db.session.flush()
        s[f"oc_placement_{key}"] = str(row.id)
