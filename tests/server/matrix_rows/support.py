"""Matrix rows of policies, trainings, assistance periods and the board's support figures (12.5-8)."""

from __future__ import annotations

import uuid
from datetime import date

from server.extensions import db
from server.models import Policy, TrainingCourse
from server.models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from tests.server.matrix_rows.kit import SIGNED_IN, STAFF, Endpoint, allow, at


def _person(s: dict[str, str], role: str) -> str:
    """A person in the role's scope (helper9 looks after 赵敏 only)."""
    return s["zhao" if role == "other_helper" else "grad"]


ROWS = [
    Endpoint("GET", "/api/policy-cases", allow(SIGNED_IN), at("/api/policy-cases"),
             lists="policy_case"),
    Endpoint("POST", "/api/policy-cases", allow(STAFF, 201), lambda s, t, r: (
        "/api/policy-cases", {"person_id": _person(s, r), "policy_id": s["sp_policy_new"]})),
    Endpoint("PATCH", "/api/policy-cases/<uuid:case_id>", allow(STAFF),
             lambda s, t, r: (f"/api/policy-cases/{t}", {"state": "applied"}), "policy_case"),
    Endpoint("GET", "/api/training-enrolments", allow(SIGNED_IN), at("/api/training-enrolments"),
             lists="training_enrolment"),
    Endpoint("POST", "/api/training-enrolments", allow(SIGNED_IN, 201), lambda s, t, r: (
        "/api/training-enrolments", {"person_id": _person(s, r), "course_id": s["sp_course_new"]})),
    Endpoint("PATCH", "/api/training-enrolments/<uuid:enrolment_id>", allow(STAFF),
             lambda s, t, r: (f"/api/training-enrolments/{t}", {"state": "referred"}),
             "training_enrolment"),
    Endpoint("GET", "/api/assistance-periods", allow(STAFF), at("/api/assistance-periods"),
             lists="assistance_period"),
    Endpoint("POST", "/api/assistance-periods", allow(STAFF, 201), lambda s, t, r: (
        "/api/assistance-periods", {"person_id": _person(s, r), "start_on": "2026-09-01"})),
    Endpoint("PATCH", "/api/assistance-periods/<uuid:period_id>", allow(STAFF),
             lambda s, t, r: (f"/api/assistance-periods/{t}", {"notes": "每周一次心理疏导"}),
             "assistance_period"),
    Endpoint("GET", "/api/reports/support", allow(("admin", "supervisor")),
             at("/api/reports/support?period=2026-Q4")),
]

_OWN = {"admin": "grad", "supervisor": "grad", "helper": "grad", "other_helper": "zhao",
        "client": "grad"}
_FOREIGN = {"supervisor": "zhao", "helper": "chen", "other_helper": "grad", "client": "chen"}

TARGETS = {
    kind: ({role: f"{prefix}_{who}" for role, who in _OWN.items()},
           {role: f"{prefix}_{who}" for role, who in _FOREIGN.items()})
    for kind, prefix in (("policy_case", "sp_case"), ("training_enrolment", "sp_enrol"),
                         ("assistance_period", "sp_period"))
}


def scene(s: dict[str, str]) -> None:
    policy, new_policy = Policy(title="求职创业补贴"), Policy(title="三免一补")
    course, new_course = TrainingCourse(title="电子商务运营"), TrainingCourse(title="育婴员")
    db.session.add_all([policy, new_policy, course, new_course])
    db.session.flush()
    s["sp_policy_new"], s["sp_course_new"] = str(new_policy.id), str(new_course.id)
    for key in ("grad", "chen", "zhao"):
        person = uuid.UUID(s[key])
        rows = {
            "sp_case": PolicyCase(person_id=person, policy_id=policy.id, state="informed", stamps={}),
            "sp_enrol": TrainingEnrolment(person_id=person, course_id=course.id, state="requested",
                                          stamps={}),
            "sp_period": AssistancePeriod(person_id=person, start_on=date(2026, 9, 1), stamps={}),
        }
        db.session.add_all(rows.values())
        db.session.flush()
        for prefix, row in rows.items():
            s[f"{prefix}_{key}"] = str(row.id)
