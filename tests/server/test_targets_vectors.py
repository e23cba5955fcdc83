"""The board's 3-3-3-3 SQL (`server/reports/targets_3333.py`) passes the shared vectors
(`sync/vectors/targets/*.json`) the phone's rule passes too (`tests/js/support/`)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from server.extensions import db
from server.models import Recommendation
from server.models.attachments import Attachment
from server.models.recruitment_events import Event, EventParticipant
from server.models.support import AssistancePeriod
from server.reports.filters import ReportScope
from server.reports.targets_3333 import person_counts
from tests.factories import make_area, make_household, make_job, make_person, make_user, make_visit

VECTORS = sorted((Path(__file__).parents[2] / "sync" / "vectors" / "targets").glob("*.json"))


def _at(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)


def load(vector: dict[str, Any]) -> tuple[Any, uuid.UUID]:
    """The vector's records in the database; returns (an admin, the person's id)."""
    ids: dict[str, uuid.UUID] = {}
    key = lambda name: ids.setdefault(name, uuid.uuid4())  # noqa: E731
    committee = make_area("居委", "committee", make_area("街道", "subdistrict", make_area("区", "district")))
    admin = make_user("admin-v", "admin")
    helper = make_user("helper-v", "helper")
    household = make_household(committee, helper)
    persons = {p["id"]: make_person(household, p["id"], disadvantaged=True,
                                    graduation_date=date(2026, 6, 30)) for p in vector["persons"]}
    visits = {}
    for v in vector["visits"]:
        amends = visits[v["amends_visit_id"]].id if v["amends_visit_id"] else None
        visits[v["id"]] = make_visit(household, helper, [persons[p] for p in v["person_ids"]],
                                     _at(v["occurred_at"]), services=v["services"],
                                     outcome=v["outcome"], amends_visit_id=amends)
    job = make_job()
    jobs = [job] + [make_job(title=f"岗位{i}") for i in range(len(vector["recommendations"]))]
    for r, j in zip(vector["recommendations"], jobs, strict=False):
        db.session.add(Recommendation(id=key(r["id"]), person_id=persons[r["person_id"]].id,
                                      job_id=j.id, created_at=_at(r["created_at"]), stamps={}))
    for a in vector["attachments"]:
        db.session.add(Attachment(id=key(a["id"]), person_id=persons[a["person_id"]].id, kind=a["kind"],
                                  content_type="application/pdf", size=1, sha256="0" * 64,
                                  uploaded_at=_at(a["uploaded_at"]), created_at=_at(a["uploaded_at"]),
                                  stamps={}))
    for e in vector["events"]:
        db.session.add(Event(id=key(e["id"]), kind="job_fair", title=e["id"],
                             starts_at=_at(e["starts_at"]), stamps={}))
    db.session.flush()
    for p in vector["participants"]:
        db.session.add(EventParticipant(id=key(p["id"]), person_id=persons[p["person_id"]].id,
                                        event_id=ids[p["event_id"]], state=p["state"],
                                        checked_in_at=_at(p["checked_in_at"]), stamps={}))
    for ap in vector["periods"]:
        db.session.add(AssistancePeriod(
            id=key(ap["id"]), person_id=persons[ap["person_id"]].id, stamps={},
            start_on=date.fromisoformat(ap["start_on"]),
            end_on=date.fromisoformat(ap["end_on"]) if ap["end_on"] else None))
    db.session.commit()
    return admin, persons[vector["person_id"]].id


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_the_boards_sql_counts_3333_as_the_vector_says(app, path: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    with app.app_context():
        admin, person_id = load(vector)
        assert person_counts(ReportScope(admin), person_id) == vector["expected"]
