"""The demo's events: the articles' figures on the board, and fairs with real participants."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.demo_data import seed_demo
from server.extensions import db
from server.models import Recommendation, User
from server.models.recruitment_events import Event, EventParticipant
from server.reporting.event_figures import event_report
from server.reporting.period import parse_period


@pytest.fixture(autouse=True)
def _context(app: Flask) -> Iterator[None]:
    with app.app_context():
        seed_demo(scale=0.1)
        yield


def kind_totals(kind: str) -> tuple[int, int, int, int]:
    row = db.session.execute(select(
        func.count(), func.sum(Event.reported_attendance), func.sum(Event.reported_interviews),
        func.sum(Event.reported_hires)).where(Event.kind == kind)).one()
    return tuple(int(x or 0) for x in row)  # type: ignore[return-value]


def test_zhumengs_salons_and_online_activities_have_the_articles_figures() -> None:
    assert kind_totals("salon") == (6, 1800, 0, 0)
    assert kind_totals("online_recommendation") == (4, 1100, 350, 90)


def test_past_fairs_have_real_participants_and_hires_attributed_to_them() -> None:
    fairs = db.session.scalars(select(Event.id).where(Event.kind == "job_fair")).all()
    assert len(fairs) == 3
    came = db.session.scalar(select(func.count()).where(
        EventParticipant.event_id.in_(fairs), EventParticipant.state == "attended"))
    from_fairs = db.session.scalar(select(func.count()).where(
        Recommendation.source_event_id.in_(fairs)))
    assert came and from_fairs


def test_the_supervisor_sees_the_year_s_events_with_recorded_and_reported_figures_apart() -> None:
    supervisor = db.session.scalar(select(User).where(User.username == "supervisor1"))
    assert supervisor is not None
    from server.business_time import business_today

    report = event_report(supervisor, parse_period(str(business_today().year)))
    held = report["totals"]
    assert held["events"] >= 1 and held["reported_attendance"] <= 2900
    # Recorded attendance is people on file: never more than the fairs' lists hold.
    assert held["attended"] <= held["invited"]


def test_graduate1_is_invited_to_the_fair_ahead_to_answer_in_the_app() -> None:
    graduate1 = db.session.scalar(select(User).where(User.username == "graduate1"))
    assert graduate1 is not None
    states = db.session.scalars(select(EventParticipant.state).where(
        EventParticipant.person_id == graduate1.person_id)).all()
    assert "invited" in states
