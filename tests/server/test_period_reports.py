"""Reporting upwards: a quarter's figures per sub-district, equal to counts made here from
the database, as JSON and as a workbook with Chinese headers (opened with openpyxl).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from server.extensions import db
from server.models import Recommendation, StatusEvent
from server.reporting.period import BadPeriod, parse_period
from tests.factories import make_person, make_visit, make_world

#: Inside 2026-Q3 in Shanghai; the last one is 1 Oct 01:00 in Shanghai, so Q4.
JULY = datetime(2026, 7, 10, 2, 0)
AUGUST = datetime(2026, 8, 20, 2, 0)
OCT_1_SHANGHAI = datetime(2026, 9, 30, 17, 0)


def event(person, to: str, at: datetime, frm: str | None = None, **kw) -> None:
    db.session.add(StatusEvent(person_id=person.id, from_status=frm, to_status=to, at=at, **kw))


def scene() -> None:
    """Six 2026 graduates of the supervisor's sub-district, one elsewhere; what each did."""
    world = make_world()
    h1, h2, other = world.h1_household, world.h2_household, world.other_household
    grads = {}
    for name, household in (("甲", h1), ("乙", h1), ("丙", h2), ("丁", h2), ("戊", h1), ("己", other)):
        grads[name] = make_person(household, name, graduation_date=date(2026, 6, 30), category="graduate_active_search")
    opened = datetime(2025, 9, 1)
    for person in grads.values():
        event(person, "studying", opened)
    # 甲: seeking at graduation, employed in July → placed, counts in the rate's numerator.
    event(grads["甲"], "seeking", datetime(2026, 6, 20), "studying")
    event(grads["甲"], "employed", JULY, "seeking")
    # 乙: seeking at graduation, still seeking.
    event(grads["乙"], "seeking", datetime(2026, 6, 25), "studying")
    # 丙: employed before graduation: not in the "left without a job" group.
    event(grads["丙"], "employed", datetime(2026, 5, 1), "studying")
    # 丁: seeking, employed in August, but that event was superseded (a correction): not placed.
    event(grads["丁"], "seeking", datetime(2026, 6, 1), "studying")
    event(grads["丁"], "employed", AUGUST, "seeking", superseded=True)
    # 戊: seeking, employed on 1 October Shanghai time: after the quarter.
    event(grads["戊"], "seeking", datetime(2026, 6, 1), "studying")
    event(grads["戊"], "employed", OCT_1_SHANGHAI, "seeking")
    # 己: other sub-district, placed in July.
    event(grads["己"], "seeking", datetime(2026, 6, 1), "studying")
    event(grads["己"], "employed", JULY, "seeking")
    # Contacts: a meeting with 乙 (a contact), a nobody-home attempt on 丙's household.
    make_visit(h1, world.helper1, [grads["乙"]], occurred_at=JULY, outcome="met")
    make_visit(h2, world.helper2, [], occurred_at=JULY, outcome="nobody_home")
    # Recommendations: 甲 recommended in July, interviewed and hired in July.
    job = world.jobs[0]
    db.session.add(Recommendation(person_id=grads["甲"].id, job_id=job.id, created_at=JULY, state="hired",
                                  state_changed_at=JULY, stamps={}, history=[
                                      {"from": "recommended", "to": "interested", "at": "2026-07-10T02:00:00"},
                                      {"from": "interested", "to": "applied", "at": "2026-07-10T02:00:00"},
                                      {"from": "applied", "to": "interview", "at": "2026-07-10T02:00:00"},
                                      {"from": "interview", "to": "hired", "at": "2026-07-10T02:00:00Z"}]))
    db.session.commit()



def test_a_supervisors_quarter_counts_each_graduate_by_the_rules(app, client, as_user) -> None:
    with app.app_context():
        scene()

    resp = client.get("/api/period-reports?period=2026-Q3", headers=as_user("supervisor1"))

    assert resp.status_code == 200, resp.get_json()
    report = resp.get_json()
    assert report["period"] == {"name": "2026-Q3", "from": "2026-07-01", "to": "2026-09-30"}
    assert (report["level"], report["cohort_year"], report["scope_name"]) == ("committee", 2026, "凉城新村街道")
    total = report["total"]
    # Five graduates in scope; 甲 乙 丁 戊 left without a job; only 甲 employed at the end.
    assert (total["cohort"], total["left_without_job"], total["placed_of_those"]) == (5, 4, 1)
    assert total["placement_rate"] == 0.25
    assert total["placed_in_period"] == 1  # 戊 is Q4 in Shanghai, 丁's event was withdrawn
    assert total["reached"] == 1  # the attempt reached nobody
    assert (total["recommended"], total["interview"], total["hired"]) == (1, 1, 1)
    by_committee = {r["name"]: r for r in report["rows"]}
    assert by_committee["复旦第一居委"]["cohort"] == 3 and by_committee["广灵居委"]["cohort"] == 2


def test_the_district_compares_its_sub_districts(app, client, as_user) -> None:
    with app.app_context():
        scene()

    report = client.get("/api/period-reports?from=2026-07-01&to=2026-08-31", headers=as_user("admin")).get_json()

    assert report["level"] == "subdistrict" and report["scope_name"] == "全区"
    rows = {r["name"]: r for r in report["rows"]}
    assert rows["凉城新村街道"]["placed_in_period"] == 1
    assert rows["江湾镇街道"]["placed_in_period"] == 1
    assert report["total"]["cohort"] == 6


def test_the_quarter_as_xlsx_has_chinese_headers_and_the_databases_figures(app, client, as_user) -> None:
    with app.app_context():
        scene()
    expected = client.get("/api/period-reports?period=2026-Q3", headers=as_user("supervisor1")).get_json()

    resp = client.get("/api/period-reports.xlsx?period=2026-Q3", headers=as_user("supervisor1"))

    assert resp.status_code == 200
    assert "filename*=UTF-8''" in resp.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(resp.data)).active
    assert sheet["A1"].value.startswith("就业工作报表")
    headers = [c.value for c in sheet[4]]
    assert headers[:6] == ["区域", "人数", "毕业生（届）", "离校未就业", "其中已就业", "就业率"]
    rows = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=5)}
    total = dict(zip(headers, rows["合计"], strict=True))
    assert total["离校未就业"] == expected["total"]["left_without_job"] == 4
    assert total["就业率"] == 0.25 and sheet.cell(row=5 + len(expected["rows"]), column=6).number_format == "0.00%"
    assert total["本期新就业"] == 1 and total["录用"] == 1
    assert set(rows) == {"复旦第一居委", "广灵居委", "合计"}


@pytest.mark.parametrize("query", ["period=2026-13", "period=soon", "from=2026-09-01&to=2026-08-01",
                                   "from=2026-09-01", "period=2026-Q1&from=2026-01-01&to=2026-01-02",
                                   "period=0000-01", "from=2020-01-01&to=2026-01-01"])
def test_a_bad_period_is_a_clear_422(app, client, as_user, query) -> None:
    with app.app_context():
        make_world()
    resp = client.get(f"/api/period-reports?{query}", headers=as_user("supervisor1"))
    assert resp.status_code == 422, resp.get_json()


def test_helpers_and_graduates_do_not_report_upwards(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    assert client.get("/api/period-reports", headers=as_user("helper1")).status_code == 403
    assert client.get("/api/period-reports.xlsx", headers=as_user("graduate1")).status_code == 403


def test_periods_are_the_offices_calendar_days() -> None:
    q3 = parse_period("2026-Q3")
    assert (q3.start, q3.end, q3.days) == (date(2026, 7, 1), date(2026, 9, 30), 92)
    # Shanghai's 1 July begins at 16:00 UTC on 30 June.
    assert q3.instants() == (datetime(2026, 6, 30, 16, 0), datetime(2026, 9, 30, 16, 0))
    assert parse_period("2026-02").end == date(2026, 2, 28)
    assert parse_period(None, date(2026, 7, 1), date(2026, 8, 31)).name == "2026-07-01..2026-08-31"
    with pytest.raises(BadPeriod):
        parse_period("2026-Q5")
