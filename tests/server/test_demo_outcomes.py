"""The demo world has outcomes to show: interviews with a day, placements with their aftercare
calls (some found the person gone, a few are at risk), and figures on the board."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.demo_data import seed_demo
from server.extensions import db
from server.models import Person, Recommendation
from server.models.outcomes import Placement, RetentionCheck


@pytest.fixture(autouse=True)
def _context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def test_the_demo_has_placements_calls_and_interviews(app: Flask) -> None:
    seed_demo(seed=7, scale=0.15)
    placements = list(db.session.scalars(select(Placement)))
    assert placements, "hires open placements"
    ended = [p for p in placements if p.ended_on is not None]
    assert ended and all(p.end_reason for p in ended)
    # A person whose job ended is seeking again; an open placement's person is employed.
    status = {pid: s for pid, s in db.session.execute(select(Person.id, Person.status))}
    assert all(status[p.person_id] == "seeking" for p in ended)
    assert all(status[p.person_id] == "employed" for p in placements if p.ended_on is None)
    assert db.session.scalar(select(func.count()).select_from(RetentionCheck)) > 0
    left = db.session.scalars(select(RetentionCheck).where(RetentionCheck.still_employed.is_(False)))
    assert all(c.reason for c in left)
    interviews = db.session.scalars(select(Recommendation).where(Recommendation.state == "interview"))
    assert all(r.interview_at is not None and r.interview_place for r in interviews)
