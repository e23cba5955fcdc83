"""Targets in a period report are counted as of the period's end, not today: a past quarter's
report does not grow with the people registered since, and "still within its window" is
judged on the quarter's last day.
"""

from __future__ import annotations

from datetime import date, datetime

from server.extensions import db
from tests.factories import make_household, make_person, make_world


def totals(client, headers, period: str = "2026-Q3") -> dict:
    resp = client.get(f"/api/period-reports?period={period}", headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["total"]


def test_people_registered_after_the_quarter_are_not_in_its_targets(app, client, as_user) -> None:
    with app.app_context():
        world = make_world()
        committee = world.h1_household.committee
        for person in [p for h in (world.h1_household, world.h2_household) for p in h.members]:
            person.registered_on = date(2026, 1, 5)
        before = totals(client, as_user("supervisor1"))

        july = make_household(committee, world.helper1, zero_employment=True, created_at=datetime(2026, 7, 1))
        make_person(july, "七月", registered_on=date(2026, 7, 2), created_at=datetime(2026, 7, 2))
        november = make_household(committee, world.helper1, zero_employment=True, created_at=datetime(2026, 11, 3))
        make_person(november, "十一月", registered_on=date(2026, 11, 3), created_at=datetime(2026, 11, 3))
        db.session.commit()

        after = totals(client, as_user("supervisor1"))
        assert after["target_131_population"] == before["target_131_population"] + 1
        assert after["zero_employment_households"] == before["zero_employment_households"] + 1
        whole_year = totals(client, as_user("supervisor1"), "2026")
        assert whole_year["target_131_population"] == before["target_131_population"] + 2


def test_a_file_imported_later_counts_by_its_registration_day(app, client, as_user) -> None:
    """An office that imports its paper ledger in December still reports July's registrations
    in the third quarter: the day of registration counts, not the day the row was written."""
    with app.app_context():
        world = make_world()
        before = totals(client, as_user("supervisor1"))
        household = make_household(world.h1_household.committee, world.helper1, created_at=datetime(2026, 12, 1))
        make_person(household, "补录", registered_on=date(2026, 7, 20), created_at=datetime(2026, 12, 1))
        db.session.commit()

        assert totals(client, as_user("supervisor1"))["target_131_population"] == before["target_131_population"] + 1



def test_a_job_found_after_the_quarter_does_not_place_its_household_in_that_quarter(
        app, client, as_user) -> None:
    """Two zero-employment households registered on 20 September: one member starts work on 25
    September, one on 5 October. Both are placed within their month, but Q3's report, as of
    30 September, counts only the first; the second is Q4's."""
    from server.models import StatusEvent

    with app.app_context():
        world = make_world()
        committee = world.h1_household.committee
        before = totals(client, as_user("supervisor1"))
        placed_on = {"九月上岗": datetime(2026, 9, 25, 2, 0), "十月上岗": datetime(2026, 10, 5, 2, 0)}
        for name, at in placed_on.items():
            household = make_household(committee, world.helper1, zero_employment=True,
                                       created_at=datetime(2026, 9, 20))
            person = make_person(household, name, registered_on=date(2026, 9, 20), status="employed")
            db.session.flush()
            db.session.add(StatusEvent(person_id=person.id, from_status="seeking",
                                       to_status="employed", at=at))
        db.session.commit()

        after = totals(client, as_user("supervisor1"))
        assert after["zero_employment_households"] == before["zero_employment_households"] + 2
        assert after["zero_employment_placed"] == before["zero_employment_placed"] + 1
        q4 = totals(client, as_user("supervisor1"), "2026-Q4")
        assert q4["zero_employment_placed"] >= 2
