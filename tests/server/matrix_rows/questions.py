"""Matrix rows of questions to the helper and a graduate's own job search (issue 13.4)."""

from __future__ import annotations

import uuid

from server.extensions import db
from server.models.questions import Question
from tests.factories import make_job
from tests.server.matrix_rows.kit import SIGNED_IN, STAFF, Endpoint, allow, at

ROWS = [
    Endpoint("GET", "/api/questions", allow(SIGNED_IN), at("/api/questions"), lists="question"),
    Endpoint("POST", "/api/questions", allow(("client",), 201),
             lambda s, t, r: ("/api/questions", {"text": "面试要带什么材料？"})),
    Endpoint("GET", "/api/questions/<uuid:question_id>", allow(SIGNED_IN),
             at("/api/questions/{t}"), "question"),
    Endpoint("PATCH", "/api/questions/<uuid:question_id>", allow(STAFF),
             lambda s, t, r: (f"/api/questions/{t}", {"answer": "带简历和身份证。"}), "question"),
    Endpoint("GET", "/api/me/jobs", allow(("client",)), at("/api/me/jobs")),
    Endpoint("POST", "/api/me/jobs/<uuid:job_id>/interest", allow(("client",)),
             at("/api/me/jobs/{t}/interest"), "open_job"),
]

TARGETS = {
    "question": (
        {"admin": "q_grad", "supervisor": "q_grad", "helper": "q_grad", "other_helper": "q_zhao",
         "client": "q_grad"},
        {"supervisor": "q_zhao", "helper": "q_chen", "other_helper": "q_grad", "client": "q_chen"},
    ),
    # A job of its own, so the graduate's interest does not move the scene's recommendations.
    "open_job": (dict.fromkeys(SIGNED_IN, "job_q"), {}),
}


def scene(s: dict[str, str]) -> None:
    for key in ("grad", "chen", "zhao"):
        question = Question(person_id=uuid.UUID(s[key]), text="实习算工作经验吗？", stamps={})
        db.session.add(question)
        db.session.flush()
        s[f"q_{key}"] = str(question.id)
    s["job_q"] = str(make_job(title="社区文员").id)
