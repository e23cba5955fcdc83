"""The demo's policies, trainings and assistance periods tell the articles' story."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from sqlalchemy import select

from server.demo_data import seed_demo
from server.extensions import db
from server.models import Person, Policy, TrainingCourse, User
from server.models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from server.records.support import POLICY, TRAINING


def test_the_demo_names_the_articles_policies_and_moves_cases_along_their_machines(app: Flask) -> None:
    with app.app_context():
        seed_demo(seed=7, scale=0.15)
        titles = set(db.session.scalars(select(Policy.title)))
        assert {"三免一补", "一次性求职创业补贴", "困难家庭经济补助", "创业担保贷款", "公益性岗位托底安置"} <= titles
        cases = list(db.session.scalars(select(PolicyCase)))
        assert {c.state for c in cases} <= POLICY.machine.states
        assert Counter(c.state for c in cases)["granted"] > 0
        assert all(c.amount is None or c.state == "granted" for c in cases)
        assert all(c.decided_on is None or c.applied_on <= c.decided_on for c in cases)
        enrolments = list(db.session.scalars(select(TrainingEnrolment)))
        assert {e.state for e in enrolments} <= TRAINING.machine.states
        assert any(e.state == "completed" for e in enrolments)
        periods = list(db.session.scalars(select(AssistancePeriod)))
        disadvantaged = {p.id for p in db.session.scalars(select(Person).where(
            Person.disadvantaged.is_(True), Person.graduation_date.is_not(None)))}
        assert {a.person_id for a in periods} == disadvantaged
        grad = db.session.scalar(select(User).where(User.username == "graduate1"))
        mine = [e.state for e in enrolments if e.person_id == grad.person_id]
        assert sorted(mine) == ["referred", "requested"]
        assert db.session.scalar(select(TrainingCourse.id)) is not None
