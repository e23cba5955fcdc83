"""The server's adapter over the shared follow-up rule (the rule itself: sync/vectors/followup/).

What is the server's own: days are the office's (Asia/Shanghai), the due list reads only the
visits since each household's last contact, and the write path keeps `last_contact_at` what
the rule says, amendments included.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from server.business_time import business_today
from server.case_file import track_contacts
from server.domain.follow_up import day_of, due_for, of_visit
from server.domain.vocabulary import CATEGORY_INTERVAL_DAYS
from server.models import Person, utcnow
from sync.followup import DEFAULT_INTERVAL_DAYS
from tests.factories import make_visit, make_world


def test_the_rule_and_the_vocabulary_share_one_cadence_table() -> None:
    assert DEFAULT_INTERVAL_DAYS == CATEGORY_INTERVAL_DAYS


def test_a_day_is_the_offices_day(app) -> None:
    with app.app_context():
        # 23:30 UTC on 1 March is 07:30 on 2 March in Beijing.
        assert day_of(datetime(2026, 3, 1, 23, 30)) == date(2026, 3, 2)
        assert day_of(datetime(9999, 12, 31, 23, 59)) == date.max  # no overflow


def _due(persons: list[Person]):
    query = select(Person).where(Person.id.in_([p.id for p in persons]))
    return {p.name: a for p, a in zip(persons, due_for(query, persons, business_today()), strict=True)}


def test_the_due_list_agrees_with_the_rule_over_all_visits(app) -> None:
    with app.app_context():
        w = make_world()
        wang, qiang = sorted(w.shared_household.members, key=lambda p: p.name)[:2]
        make_visit(w.shared_household, w.helper1, [wang, qiang], occurred_at=utcnow() - timedelta(days=40))
        make_visit(w.shared_household, w.helper1, [qiang], occurred_at=utcnow() - timedelta(days=3))
        make_visit(w.shared_household, w.helper1, [], occurred_at=utcnow() - timedelta(days=1),
                   outcome="nobody_home")
        answers = _due([wang, qiang])
        assert answers[wang.name].last_contact == day_of(utcnow() - timedelta(days=40))
        assert (answers[wang.name].attempts, answers[qiang.name].attempts) == (1, 1)


def test_a_stored_last_contact_the_rule_disagrees_with_is_read_in_full(app) -> None:
    """Data from before the rule: last_contact_at set by a visit the rule no longer counts."""
    with app.app_context():
        w = make_world()
        person = w.h1_household.members[0]
        make_visit(w.h1_household, w.helper1, [person], occurred_at=utcnow() - timedelta(days=50))
        person.last_contact_at = utcnow() - timedelta(days=2)  # an attempt, counted by the old code
        answer = _due([person])[person.name]
        assert answer.last_contact == day_of(utcnow() - timedelta(days=50))


def test_an_amendment_moves_the_last_contact_back(app) -> None:
    with app.app_context():
        w = make_world()
        person = w.h1_household.members[0]
        early = make_visit(w.h1_household, w.helper1, [person], occurred_at=utcnow() - timedelta(days=30))
        wrong = make_visit(w.h1_household, w.helper1, [person], occurred_at=utcnow() - timedelta(days=1))
        assert person.last_contact_at == wrong.occurred_at
        fix = make_visit(w.h1_household, w.helper1, [], occurred_at=utcnow() - timedelta(days=1),
                         outcome="nobody_home", amends_visit_id=wrong.id)
        person.last_contact_at = wrong.occurred_at  # what make_visit leaves; the write path fixes it
        track_contacts(fix, list(w.h1_household.members))
        assert person.last_contact_at == early.occurred_at
        assert of_visit(fix).amends_visit_id == str(wrong.id)
