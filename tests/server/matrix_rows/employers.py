"""Employers and enterprise visits in the role × endpoint matrix.

An employer of the world's sub-district (`emp`) is read by every staff member of the district
and kept by that sub-district's office (helper9, of 江湾镇街道, is refused its writes); one of
another district (`emp_far`) is out of everyone's reach but the admin's.
"""

from __future__ import annotations

import uuid
from typing import Any

from server.extensions import db
from server.models import Area
from server.models.employers import Employer
from tests.server.matrix_rows.kit import STAFF, Endpoint, allow, at

KEEPERS = ("admin", "supervisor", "helper")


def scene(s: dict[str, str]) -> None:
    far_district = Area(id=uuid.uuid4(), name="杨浦区", kind="district")
    far = Area(id=uuid.uuid4(), name="五角场街道", kind="subdistrict", parent_id=far_district.id)
    db.session.add_all([far_district, far])
    db.session.flush()
    near = Employer(id=uuid.uuid4(), name="凉城服饰有限公司", area_id=uuid.UUID(s["subdistrict"]),
                    park="凉城乐业空间", contacts=[], stamps={})
    away = Employer(id=uuid.uuid4(), name="五角场科技", area_id=far.id, contacts=[], stamps={})
    db.session.add_all([near, away])
    db.session.flush()
    s["emp"], s["emp_far"] = str(near.id), str(away.id)


TARGETS = {
    "employer": (dict.fromkeys(STAFF, "emp"),
                 dict.fromkeys(("supervisor", "helper", "other_helper"), "emp_far")),
}


def _visit(s: dict[str, str], t: str, role: str) -> tuple[str, Any]:
    return f"/api/employers/{t}/visits", {
        "occurred_at": "2026-11-20T02:00:00Z", "met": "人事 王经理", "notes": "招工旺季",
        "vacancies": [{"title": "缝纫工", "headcount": 5, "pay_min": 4500, "pay_max": 6000}],
    }


ROWS = [
    Endpoint("GET", "/api/employers", allow(STAFF), at("/api/employers"), lists="employer"),
    Endpoint("POST", "/api/employers", allow(STAFF, 201),
             lambda s, t, r: ("/api/employers", {"name": f"新企业-{r}"})),
    Endpoint("GET", "/api/employers/<uuid:employer_id>", allow(STAFF),
             at("/api/employers/{t}"), "employer"),
    Endpoint("PATCH", "/api/employers/<uuid:employer_id>",
             {**allow(KEEPERS), "other_helper": 403},
             lambda s, t, r: (f"/api/employers/{t}", {"park": "凉城乐业空间二期"}), "employer"),
    Endpoint("GET", "/api/employers/<uuid:employer_id>/history", allow(STAFF),
             at("/api/employers/{t}/history"), "employer"),
    Endpoint("GET", "/api/employers/<uuid:employer_id>/visits", allow(STAFF),
             at("/api/employers/{t}/visits"), "employer"),
    Endpoint("POST", "/api/employers/<uuid:employer_id>/visits",
             {**allow(KEEPERS, 201), "other_helper": 403}, _visit, "employer"),
    Endpoint("PUT", "/api/employers/<uuid:employer_id>/jobs/<uuid:job_id>",
             {**allow(KEEPERS), "other_helper": 403},
             lambda s, t, r: (f"/api/employers/{t}/jobs/{s['job0']}", None), "employer"),
]
