"""`flask demo`: a believable district for trying the product, the same for the same seed.

Small-scale runs check the shape (logins, the pair of helpers, graduate1, overdue follow-ups);
one full-scale run checks DOMAIN.md's cohort figures and that every row tells a consistent story.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from server.demo_data import DemoRefused, seed_demo
from server.domain.vocabulary import RECOMMENDATION_MOVES
from server.extensions import db
from server.models import (
    Area,
    Assignment,
    AuditLog,
    Household,
    Person,
    Recommendation,
    StatusEvent,
    User,
    Visit,
    utcnow,
)
from tests.conftest import AuthActions

SMALL = 0.15
LOGINS = {
    "admin": "admin",
    "supervisor1": "supervisor",
    "helper1": "helper",
    "helper2": "helper",
    "graduate1": "client",
}


@pytest.fixture(autouse=True)
def _context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def user(username: str) -> User:
    found = db.session.scalar(select(User).where(User.username == username))
    assert found is not None
    return found


def test_small_demo_has_the_places_people_and_logins(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    summary = seed_demo(seed=7, scale=SMALL)

    assert summary["created"] is True
    counts = summary["counts"]
    assert counts["users"] == 1 + 3 + 6 + 1
    kinds = Counter(db.session.scalars(select(Area.kind)))
    assert kinds == {"district": 1, "subdistrict": 3, "committee": 12}
    assert counts["persons"] > counts["households"] > 30
    assert (
        counts["visits"]
        and counts["recommendations"]
        and counts["status_events"] >= counts["persons"]
    )
    assert counts["jobs"] >= 20 and counts["trainings"] and counts["policies"]
    assert {row["username"]: row["role"] for row in summary["logins"]} == LOGINS
    for username, role in LOGINS.items():
        assert auth.login(username)["user"]["role"] == role


def test_helper1_and_helper2_are_a_pair_with_their_own_caseloads(app: Flask) -> None:
    seed_demo(scale=SMALL)
    helper1, helper2, supervisor1 = user("helper1"), user("helper2"), user("supervisor1")

    assert helper1.area_id == helper2.area_id == supervisor1.area_id
    households = list(db.session.scalars(select(Household)))
    shared = [
        h
        for h in households
        if {h.primary_helper_id, h.partner_helper_id} == {helper1.id, helper2.id}
    ]
    own1 = [
        h for h in households if h.primary_helper_id == helper1.id and h.partner_helper_id is None
    ]
    own2 = [
        h for h in households if h.primary_helper_id == helper2.id and h.partner_helper_id is None
    ]
    assert shared and own1 and own2
    # Every helper of every household has its open assignment row.
    open_rows = {
        (a.household_id, a.helper_id, a.role) for a in db.session.scalars(select(Assignment))
    }
    for h in households:
        assert (h.id, h.primary_helper_id, "primary") in open_rows
        if h.partner_helper_id:
            assert (h.id, h.partner_helper_id, "partner") in open_rows


def test_graduate1_is_a_job_seeking_graduate_in_helper1s_caseload(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    seed_demo(scale=SMALL)
    graduate = db.session.get(Person, user("graduate1").person_id)

    assert graduate is not None and graduate.status == "seeking" and graduate.graduation_date
    assert graduate.helper_id == user("helper1").id
    household = db.session.get(Household, graduate.household_id)
    assert user("helper1").id in (household.primary_helper_id, household.partner_helper_id)
    recs = client.get("/api/recommendations", headers=auth.headers("graduate1")).get_json()["items"]
    assert {r["person_id"] for r in recs} == {str(graduate.id)}
    assert "recommended" in {r["state"] for r in recs} and len({r["state"] for r in recs}) >= 4
    mine = client.get("/api/persons", headers=auth.headers("helper1")).get_json()
    assert str(graduate.id) in {p["id"] for p in mine["items"]} or mine["total"] > len(
        mine["items"]
    )


def test_some_follow_ups_are_overdue_and_others_not(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    seed_demo(scale=SMALL)

    due = client.get(
        "/api/follow-ups/due",
        headers=auth.headers("helper1"),
        query_string={"within_days": 400, "limit": 5000},
    ).get_json()

    flags = Counter(item["overdue"] for item in due["items"])
    assert flags[True] == due["overdue_count"] > 0
    assert flags[False] > 0
    assert due["items"][0]["overdue"] is True  # overdue first


def test_same_seed_same_data_and_a_second_run_changes_nothing(app: Flask) -> None:
    seed_demo(seed=3, scale=SMALL)
    first = sorted(db.session.scalars(select(Person.name)))
    visits = db.session.scalar(select(func.count()).select_from(Visit))

    again = seed_demo(seed=3, scale=SMALL)

    assert again["created"] is False
    assert db.session.scalar(select(func.count()).select_from(Visit)) == visits
    seed_demo(seed=3, scale=SMALL, reset=True)
    assert sorted(db.session.scalars(select(Person.name))) == first
    seed_demo(seed=4, scale=SMALL, reset=True)
    assert sorted(db.session.scalars(select(Person.name))) != first


def test_the_command_prints_the_logins_and_is_idempotent(app: Flask) -> None:
    runner = app.test_cli_runner()

    result = runner.invoke(args=["demo", "--scale", str(SMALL), "--seed", "5"])
    assert result.exit_code == 0, result.output
    for username in LOGINS:
        assert username in result.output
    assert "doorstep-demo" in result.output and "helper1" in result.output

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0 and "left unchanged" in result.output


def test_demo_is_refused_in_production(app: Flask) -> None:
    app.config["DOORSTEP_ENV"] = "production"

    with pytest.raises(DemoRefused):
        seed_demo(scale=SMALL)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 1 and "production" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def _assert_status_history_matches(persons: list[Person]) -> None:
    events: dict[object, list[StatusEvent]] = {}
    for event in db.session.scalars(select(StatusEvent).order_by(StatusEvent.at)):
        events.setdefault(event.person_id, []).append(event)
    for person in persons:
        chain = events[person.id]
        assert chain[0].from_status is None
        assert all(b.from_status == a.to_status for a, b in itertools.pairwise(chain))
        assert chain[-1].to_status == person.status, person.name


def _assert_recommendation_histories_are_legal(recs: list[Recommendation]) -> None:
    for rec in recs:
        moves = [(h["from"], h["to"]) for h in rec.history]
        assert moves[0] == (None, "recommended")
        assert all(to in RECOMMENDATION_MOVES[frm] for frm, to in moves[1:]), moves
        assert moves[-1][1] == rec.state


def test_full_demo_reproduces_the_cohort_and_tells_a_consistent_story(app: Flask) -> None:
    started = time.process_time()  # CPU time: a busy machine must not fail the test
    summary = seed_demo()
    seconds = time.process_time() - started

    assert seconds < 30, f"the full demo took {seconds:.1f} s of CPU (about 6 s when this was written)"
    cohort = summary["cohort"]
    assert cohort["statuses"] == {
        "employed": 64,
        "internship": 51,
        "informal": 30,
        "further_study": 82,
        "seeking": 49,
        "not_eligible": 12,
    }
    assert 250 <= summary["counts"]["households"] <= 350
    assert 430 <= summary["counts"]["persons"] <= 570
    assert 180 <= summary["counts"]["jobs"] <= 220
    persons = list(db.session.scalars(select(Person)))
    year = cohort["graduation_year"]
    graduates = [p for p in persons if p.graduation_date and p.graduation_date.year == year]
    # The survey was of one sub-district: supervisor1's.
    households = {h.id: h for h in db.session.scalars(select(Household))}
    assert {households[p.household_id].subdistrict_id for p in graduates} == {
        user("supervisor1").area_id
    }
    groups = Counter(p.group_name for p in graduates if p.status == "seeking")
    assert sorted(groups.values()) == [16, 16, 17] and None not in groups
    # Every category of the cadence table, and zero-employment families flagged on the household.
    assert {p.category for p in persons} == {
        "zero_employment_family",
        "employment_difficulty",
        "unemployed_seeking",
        "unemployment_insurance",
        "underemployed_not_seeking",
        "settled",
        "graduate_active_search",
    }
    assert all(
        households[p.household_id].zero_employment
        for p in persons
        if p.category == "zero_employment_family"
    )
    _assert_status_history_matches(persons)
    recs = list(db.session.scalars(select(Recommendation)))
    assert {r.state for r in recs} == {
        "recommended",
        "viewed",
        "interested",
        "declined",
        "applied",
        "interview",
        "hired",
        "rejected",
    }
    _assert_recommendation_histories_are_legal(recs)
    # Targeted help: applied or interviewed at least 3 times in 90 days, never hired.
    since = (utcnow() - timedelta(days=90)).isoformat()
    tries: Counter[object] = Counter()
    for rec in recs:
        if any(h["to"] in ("applied", "interview") and h["at"] >= since for h in rec.history):
            tries[rec.person_id] += 1
    hired = {r.person_id for r in recs if r.state == "hired"}
    assert len([p for p, n in tries.items() if n >= 3 and p not in hired]) >= 3
    # Supervisors return some visits with a comment; one has been amended since.
    returned = list(db.session.scalars(select(Visit).where(Visit.review_state == "returned")))
    assert len(returned) >= 3 and all(v.review_comment and v.reviewed_by_id for v in returned)
    assert db.session.scalar(
        select(func.count()).select_from(Visit).where(Visit.amends_visit_id.is_not(None))
    )
    # Visits are the helpers'; the audit log says the admin seeded everything from `demo-seed`.
    authors = {
        u.role for u in db.session.scalars(select(User).join(Visit, Visit.author_id == User.id))
    }
    assert authors == {"helper"}
    actors = set(db.session.execute(select(AuditLog.user_id, AuditLog.device_id).distinct()))
    assert actors == {(user("admin").id, "demo-seed")}
    assert all(
        p.updated_by_id == user("admin").id and p.updated_device == "demo-seed" for p in persons
    )
