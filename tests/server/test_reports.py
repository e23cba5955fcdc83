"""Reports: the board's figures equal counts made directly from the rows, within each scope."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import (
    Household,
    Person,
    Recommendation,
    StatusEvent,
    User,
    Visit,
    utcnow,
)
from server.models.outcomes import Placement
from server.reports.counts import cohort_year
from tests.factories import make_job, make_person, make_visit, make_world

STAGES = ("recommended", "interested", "applied", "interview", "hired")


def _rec(person: Person, moves: list[str], *, days_ago: int, by: User) -> Recommendation:
    """A recommendation that went through `moves`, a day apart, starting `days_ago` days ago."""
    start = utcnow() - timedelta(days=days_ago)
    history, before = [], None
    for n, to in enumerate(moves):
        history.append(
            {
                "from": before,
                "to": to,
                "at": (start + timedelta(days=n)).isoformat(),
                "by": str(by.id),
            }
        )
        before = to
    rec = Recommendation(
        id=uuid.uuid4(),
        person_id=person.id,
        job_id=make_job().id,
        by_user_id=by.id,
        reasons="fits",
        match={},
        state=moves[-1],
        history=history,
        created_at=start,
        stamps={},
    )
    db.session.add(rec)
    db.session.flush()
    return rec


def busy_world() -> dict[str, Any]:
    """The standard world plus a cohort, services, recommendations and struggling seekers."""
    w = make_world()
    year = cohort_year(utcnow().date())
    today = utcnow().date()
    for n, status in enumerate(["employed", "employed", "internship", "seeking", "further_study"]):
        make_person(
            w.h1_household if n % 2 else w.h2_household,
            f"毕业生{n}",
            status=status,
            graduation_date=date(year, 6, 28),
        )
    make_person(
        w.other_household, "外街毕业生", status="seeking", graduation_date=date(year, 6, 28)
    )
    make_person(w.h1_household, "往届生", status="seeking", graduation_date=date(year - 1, 6, 28))
    # 1-3-1: one person served in full within 3 months of registering, one only in part.
    served = make_person(
        w.h2_household,
        "全服务",
        category="unemployed_seeking",
        registered_on=today - timedelta(days=30),
    )
    partly = make_person(
        w.h2_household,
        "半服务",
        category="unemployed_seeking",
        registered_on=today - timedelta(days=200),
    )
    at = utcnow() - timedelta(days=20)
    make_visit(
        w.h2_household,
        w.helper2,
        [served],
        at,
        services=["vocational_guidance", "training_referral"],
    )
    make_visit(w.h2_household, w.helper2, [served, partly], at, services=["job_recommendation"])
    make_visit(
        w.h2_household,
        w.helper2,
        [partly],
        utcnow() - timedelta(days=190),
        services=["vocational_guidance", "job_recommendation"],
    )
    for _ in range(3):
        _rec(served, ["recommended"], days_ago=10, by=w.helper2)
    # 3-3-3-3: a disadvantaged graduate with every service three times.
    poor = make_person(
        w.h1_household, "困难毕业生", disadvantaged=True, graduation_date=date(year, 6, 28)
    )
    for n in range(3):
        make_visit(
            w.h1_household,
            w.helper1,
            [poor],
            utcnow() - timedelta(days=n + 1),
            services=["heart_to_heart", "cv_revision", "recruitment_event", "job_recommendation"],
        )
    # Zero-employment family: one member found work ten days after registering.
    for member in w.shared_household.members:
        member.registered_on = today - timedelta(days=40)
    shared_member = next(p for p in w.shared_household.members if p.status == "seeking")
    shared_member.status = "employed"
    db.session.add(
        StatusEvent(
            person_id=shared_member.id,
            from_status="seeking",
            to_status="employed",
            at=utcnow() - timedelta(days=30),
        )
    )
    # Funnel and targeted help.
    g = w.graduate
    _rec(
        g, ["recommended", "viewed", "interested", "applied", "rejected"], days_ago=60, by=w.helper1
    )
    _rec(
        g,
        ["recommended", "interested", "applied", "interview", "rejected"],
        days_ago=30,
        by=w.helper1,
    )
    _rec(g, ["recommended", "interested", "applied"], days_ago=10, by=w.helper1)
    _rec(g, ["recommended", "declined"], days_ago=5, by=w.helper1)
    hired = make_person(w.h2_household, "已录用", status="seeking")
    for days in (50, 40, 30):
        _rec(
            hired,
            ["recommended", "interested", "applied", "interview"],
            days_ago=days,
            by=w.helper2,
        )
    _rec(hired, ["recommended", "interested", "applied", "hired"], days_ago=20, by=w.helper2)
    old = make_person(w.h1_household, "早先求职", status="seeking")
    for days in (200, 190, 180):
        _rec(old, ["recommended", "interested", "applied", "rejected"], days_ago=days, by=w.helper1)
    # A history that skipped moves still counts at the stages its state implies.
    skipped = _rec(old, ["recommended"], days_ago=3, by=w.helper1)
    skipped.state = "hired"
    db.session.commit()
    return {"world": w, "year": year}


# --- counting directly from the rows, independently of the reports' SQL -------------------------


def persons_seen(user: User) -> list[Person]:
    rows = db.session.scalars(select(Person).join(Household))
    if user.role == "admin":
        return list(rows)
    return [p for p in rows if p.household.subdistrict_id == user.area_id]


def direct_funnel(persons: list[Person]) -> dict[str, int]:
    ids = {p.id for p in persons}
    reached: Counter[str] = Counter()
    implied = {
        "interested": {"applied", "interview", "hired", "rejected"},
        "applied": {"interview", "hired", "rejected"},
    }
    for rec in db.session.scalars(select(Recommendation)):
        if rec.person_id not in ids:
            continue
        states = {m["to"] for m in rec.history} | {rec.state}
        reached["recommended"] += 1
        for stage in STAGES[1:]:
            if stage in states or states & implied.get(stage, set()):
                reached[stage] += 1
        for exit_ in ("declined", "rejected"):
            reached[exit_] += exit_ in states
    return dict(reached)


def direct_struggling(persons: list[Person], days: int = 90) -> set[str]:
    since = utcnow() - timedelta(days=days)
    out = set()
    for p in persons:
        recs = db.session.scalars(select(Recommendation).where(Recommendation.person_id == p.id))
        attempts, hires = 0, 0
        for rec in recs:
            recent = [m["to"] for m in rec.history if datetime.fromisoformat(m["at"]) >= since]
            attempts += any(to in ("applied", "interview", "rejected") for to in recent)
            hires += "hired" in recent
        if attempts >= 3 and not hires and p.status != "employed":
            out.add(str(p.id))
        # In a job and flagged as likely to quit: targeted help to keep it.
        if any(pl.at_risk and pl.ended_on is None for pl in db.session.scalars(
                select(Placement).where(Placement.person_id == p.id))):
            out.add(str(p.id))
    return out


def direct_services(person: Person, window: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    for visit in db.session.scalars(select(Visit)):
        if person not in visit.persons:
            continue
        if (
            window
            and not 0
            <= (
                visit.occurred_at - datetime.combine(person.registered_on, datetime.min.time())
            ).days
            <= 90
        ):
            continue
        counts.update(set(visit.services))
    recs = [
        r
        for r in db.session.scalars(select(Recommendation))
        if r.person_id == person.id
        and (not window or (r.created_at.date() - person.registered_on).days <= 90)
    ]
    counts["job_recommendation"] = max(counts["job_recommendation"], len(recs))
    return counts


@pytest.mark.parametrize("username", ["supervisor1", "admin"])
def test_the_board_equals_counts_made_from_the_rows(app, client, as_user, username):
    with app.app_context():
        year = busy_world()["year"]
    body = client.get("/api/reports/summary", headers=as_user(username)).get_json()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        persons = persons_seen(user)
        assert body["persons"] == len(persons)
        assert {r["status"]: r["count"] for r in body["by_status"] if r["count"]} == Counter(
            p.status for p in persons
        )
        assert {r["category"]: r["count"] for r in body["by_category"] if r["count"]} == Counter(
            p.category for p in persons
        )
        assert {r["committee_id"]: r["persons"] for r in body["by_committee"]} == Counter(
            str(p.household.committee_id) for p in persons
        )
        assert {r["helper_id"]: r["persons"] for r in body["by_helper"]} == Counter(
            str(p.helper_id) for p in persons
        )
        graduates = [p for p in persons if p.graduation_date and p.graduation_date.year == year]
        assert body["cohort"]["total"] == len(graduates)
        assert {
            r["status"]: r["count"] for r in body["cohort"]["statuses"] if r["count"]
        } == Counter(p.status for p in graduates)
        funnel = direct_funnel(persons)
        assert [s["count"] for s in body["funnel"]["stages"]] == [funnel.get(s, 0) for s in STAGES]
        assert body["funnel"]["declined"] == funnel.get("declined", 0)
        assert body["funnel"]["rejected"] == funnel.get("rejected", 0)
        assert body["struggling"] == len(direct_struggling(persons))

        today = utcnow().date()
        wants_work = [
            p
            for p in persons
            if p.registered_on
            and p.category != "settled"
            and p.status not in ("studying", "further_study", "unemployed", "not_eligible")
        ]
        t131 = body["targets"]["service_131"]
        assert t131["population"] == len(wants_work)
        goal = {"vocational_guidance": 1, "job_recommendation": 3, "training_referral": 1}
        met = [
            p for p in wants_work if all(direct_services(p, True)[s] >= n for s, n in goal.items())
        ]
        assert t131["met"] == len(met) >= 1
        assert t131["in_progress"] == sum(
            1 for p in wants_work if p not in met and (today - p.registered_on).days <= 90
        )
        for line in t131["targets"]:
            assert line["met"] == sum(
                1 for p in wants_work if direct_services(p, True)[line["service"]] >= line["target"]
            )
        poor = [p for p in persons if p.disadvantaged and p.graduation_date]
        t3333 = body["targets"]["service_3333"]
        assert t3333["population"] == len(poor)
        assert (
            t3333["met"]
            == sum(
                1
                for p in poor
                if min(
                    direct_services(p, False)[s]
                    for s in (
                        "heart_to_heart",
                        "cv_revision",
                        "recruitment_event",
                        "job_recommendation",
                    )
                )
                >= 3
            )
            == 1
        )
        zero = body["targets"]["zero_employment_month"]
        households = {p.household for p in persons if p.household.zero_employment}
        assert zero["households"] == len(households)
        assert (
            zero["placed"]
            == zero["placed_within_month"]
            == sum(1 for h in households if any(m.status == "employed" for m in h.members))
            == 1
        )


def test_overdue_per_helper_is_the_due_lists_overdue(app, client, as_user):
    with app.app_context():
        busy_world()
    h = as_user("supervisor1")
    board = client.get("/api/reports/summary", headers=h).get_json()["overdue"]
    due = client.get(
        "/api/follow-ups/due?overdue_only=true&within_days=0&limit=5000", headers=h
    ).get_json()
    assert board["total"] == due["overdue_count"] == len(due["items"]) > 0
    assert {r["helper_id"]: r["overdue"] for r in board["by_helper"]} == Counter(
        i["helper_id"] for i in due["items"]
    )


def test_the_board_takes_filters(app, client, as_user):
    with app.app_context():
        helper = str(busy_world()["world"].helper2.id)
    h = as_user("supervisor1")
    whole = client.get("/api/reports/summary", headers=h).get_json()
    by_committee = {r["committee_id"]: r["persons"] for r in whole["by_committee"]}
    with app.app_context():
        committee = str(
            db.session.scalar(
                select(Household.committee_id).join(Person).where(Person.name == "李杰")
            )
        )
    one = client.get(f"/api/reports/summary?committee_id={committee}", headers=h).get_json()
    assert one["persons"] == by_committee[committee] < whole["persons"]
    mine = client.get(f"/api/reports/summary?helper_id={helper}", headers=h).get_json()
    assert [r["helper_id"] for r in mine["by_helper"]] == [helper]
    assert client.get("/api/reports/summary?category=nonsense", headers=h).status_code == 422


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin", 200), ("supervisor1", 200), ("helper1", 403), ("graduate1", 403)],
)
def test_who_may_see_the_board(app, client, as_user, username, status):
    with app.app_context():
        make_world()
    assert client.get("/api/reports/summary", headers=as_user(username)).status_code == status
    assert client.get("/api/reports/summary").status_code == 401


def test_struggling_lists_repeated_attempts_without_a_hire_in_scope(app, client, as_user):
    with app.app_context():
        w = busy_world()["world"]
        graduate, h1_name = str(w.graduate.id), w.graduate.name
    sup = client.get("/api/reports/struggling", headers=as_user("supervisor1")).get_json()
    assert [i["person_id"] for i in sup["items"]] == [graduate]
    item = sup["items"][0]
    assert (
        item["name"],
        item["attempts"],
        item["applied"],
        item["interviews"],
        item["rejections"],
    ) == (h1_name, 3, 3, 1, 2)
    assert item["helper_name"] == "张燕"
    # The helper sees their own; a helper elsewhere and a narrower window see no one.
    assert (
        len(client.get("/api/reports/struggling", headers=as_user("helper1")).get_json()["items"])
        == 1
    )
    assert (
        client.get("/api/reports/struggling", headers=as_user("helper9")).get_json()["items"] == []
    )
    assert (
        client.get("/api/reports/struggling?days=20", headers=as_user("supervisor1")).get_json()[
            "items"
        ]
        == []
    )
    assert client.get("/api/reports/struggling", headers=as_user("graduate1")).status_code == 403


def test_every_list_exports_as_csv_that_excel_opens_in_chinese(app, client, as_user):
    with app.app_context():
        busy_world()
    h = as_user("supervisor1")
    for name in (
        "status",
        "category",
        "committee",
        "helper",
        "cohort",
        "overdue",
        "targets",
        "funnel",
        "struggling",
    ):
        resp = client.get(f"/api/reports/{name}.csv", headers=h)
        assert resp.status_code == 200, name
        assert resp.mimetype == "text/csv"
        assert resp.data.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
        assert rows[0] and len(rows) >= 2, name
    committees = client.get("/api/reports/committee.csv", headers=h).data.decode("utf-8-sig")
    assert "复旦第一居委" in committees
    assert client.get("/api/reports/nonsense.csv", headers=h).status_code == 404
    assert client.get("/api/reports/status.csv", headers=as_user("helper1")).status_code == 403
    assert client.get("/api/reports/struggling.csv", headers=as_user("helper1")).status_code == 200


@pytest.mark.parametrize("name", ["=HYPERLINK(1)", "\t=HYPERLINK(1)", "\r=HYPERLINK(1)", "@SUM(1)"])
def test_a_formula_in_a_name_is_not_run_by_excel(app, client, as_user, name):
    with app.app_context():
        w = make_world()
        w.graduate.name = name
        for days in (30, 20, 10):
            _rec(
                w.graduate,
                ["recommended", "interested", "applied", "rejected"],
                days_ago=days,
                by=w.helper1,
            )
        db.session.commit()
    text = client.get("/api/reports/struggling.csv", headers=as_user("helper1")).data.decode(
        "utf-8-sig"
    )
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert "'" + name in cells and name not in cells


def test_on_the_demo_data_the_cohort_is_the_surveys_and_the_rest_adds_up(app, client, as_user):
    from server.demo_data import seed_demo

    with app.app_context():
        seed_demo(seed=42, scale=1.0, reset=False)
    body = client.get("/api/reports/summary", headers=as_user("supervisor1")).get_json()
    assert [(s["status"], s["count"]) for s in body["cohort"]["statuses"]] == [
        ("employed", 64),
        ("internship", 51),
        ("informal", 30),
        ("further_study", 82),
        ("seeking", 49),
        ("not_eligible", 12),
    ]
    assert body["cohort"]["total"] == 288
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "supervisor1"))
        persons = persons_seen(user)
        funnel = direct_funnel(persons)
        assert [s["count"] for s in body["funnel"]["stages"]] == [funnel.get(s, 0) for s in STAGES]
        assert body["struggling"] == len(direct_struggling(persons)) > 0
        assert body["persons"] == len(persons)


def test_an_amended_visit_counts_once_toward_the_targets(app, client, as_user):
    """The issue: an amended visit counted twice toward 3-3-3-3. Attempts deliver nothing."""
    with app.app_context():
        w = make_world()
        year = cohort_year(utcnow().date())
        poor = make_person(w.h1_household, "困难毕业生", disadvantaged=True,
                           graduation_date=date(year, 6, 28))
        talks = ["heart_to_heart", "cv_revision", "recruitment_event", "job_recommendation"]
        first = make_visit(w.h1_household, w.helper1, [poor], services=talks,
                           occurred_at=utcnow() - timedelta(days=9))
        make_visit(w.h1_household, w.helper1, [poor], services=talks,
                   occurred_at=utcnow() - timedelta(days=8))
        make_visit(w.h1_household, w.helper1, [poor], services=talks, amends_visit_id=first.id,
                   occurred_at=utcnow() - timedelta(days=9))
        make_visit(w.h1_household, w.helper1, [poor], services=talks, outcome="nobody_home")
        ids = (w.h1_household.id, w.helper1.id, poor.id)
        db.session.commit()
    lines = client.get("/api/reports/summary", headers=as_user("supervisor1")).get_json()[
        "targets"]["service_3333"]["targets"]
    # Two visits that count (the first one as its amendment): not yet three of anything.
    assert all(line["met"] == 0 for line in lines)
    with app.app_context():
        household, helper, person = (db.session.get(Household, ids[0]),
                                     db.session.get(User, ids[1]), db.session.get(Person, ids[2]))
        make_visit(household, helper, [person], services=talks)
        db.session.commit()
    lines = client.get("/api/reports/summary", headers=as_user("supervisor1")).get_json()[
        "targets"]["service_3333"]["targets"]
    assert [line["met"] for line in lines] == [1, 1, 1, 1]
