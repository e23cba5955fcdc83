"""Visits over the last months, with their services, notes, reviews and status changes.

Each household's last contact is placed so that about a third of households are overdue for
their follow-up and the rest are not; earlier contacts go back at the category's rhythm. Status
changes decided while making persons are recorded on a visit that concerns the person, exactly
as `case_file.record_visit` would record them (the visit's `status_changes` and a status event).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..case_file import note_contact
from ..domain.follow_up import interval_for
from ..domain.vocabulary import CHANNELS
from ..extensions import db
from ..models import Household, Note, Person, StatusEvent, User, Visit
from .context import DEVICE, Demo
from .places import CENTRE
from .texts import (
    CATEGORY_SERVICES,
    CHANNEL_OPENERS,
    ENGLISH_NOTES,
    PERSON_NOTES,
    RETURN_COMMENTS,
    SERVICE_NOTES,
)

OVERDUE_SHARE = 0.3
MAX_VISITS = 6
#: How far back the visit history of a household goes.
HISTORY_DAYS = 240
CHANNEL_WEIGHTS = (40, 30, 10, 15, 5)
#: Visits returned by a supervisor per helper pair (helper1's pair gets the most).
RETURNED = (5, 1, 1)


def _helpers(demo: Demo, household: Household) -> list[User]:
    by_id = {u.id: u for u in demo.users.values()}
    ids = [household.primary_helper_id, household.partner_helper_id]
    return [by_id[i] for i in ids if i is not None]


def _supervisor(demo: Demo, household: Household) -> User:
    sub = next(s for s in demo.subdistricts if s.id == household.subdistrict_id)
    return demo.supervisor_of[sub.name]


def _visit(demo: Demo, household: Household, author: User, persons: list[Person],
           occurred_at: datetime, main_category: str, follow_up: date | None) -> Visit:
    rng = demo.rng
    channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
    offered = CATEGORY_SERVICES[main_category]
    services = rng.sample(offered, k=min(len(offered), rng.randint(1, 3)))
    if channel == "accompanied_interview":
        services = ["interview_accompaniment", *services]
    if author.locale == "en" and rng.random() < 0.5:
        notes = rng.choice(ENGLISH_NOTES)
    else:
        notes = CHANNEL_OPENERS[channel] + "".join(rng.choice(SERVICE_NOTES[s]) for s in services)
    gps = channel == "home_visit" and rng.random() > 0.15  # poor signal: no fix
    age = (demo.now - occurred_at).days
    approved = age > 14 and rng.random() < 0.92
    supervisor = _supervisor(demo, household)
    visit = Visit(
        id=demo.new_id(), household_id=household.id, author_id=author.id, device_id=DEVICE,
        channel=channel, occurred_at=occurred_at, notes=notes, services=list(dict.fromkeys(services)),
        lat=round(CENTRE[0] + rng.uniform(-0.012, 0.012), 6) if gps else None,
        lng=round(CENTRE[1] + rng.uniform(-0.012, 0.012), 6) if gps else None,
        accuracy_m=float(rng.randint(5, 80)) if gps else None,
        next_follow_up=follow_up,
        review_state="approved" if approved else "pending",
        reviewed_by_id=supervisor.id if approved else None,
        reviewed_at=occurred_at + timedelta(days=rng.randint(1, 7)) if approved else None,
        created_at=min(occurred_at + timedelta(minutes=rng.randint(1, 120)), demo.now),
        stamps={}, status_changes=[],
    )
    visit.persons = persons
    db.session.add(visit)
    note_contact(persons, occurred_at)
    return visit


def build_visits(demo: Demo) -> list[Visit]:
    rng = demo.rng
    visits: list[Visit] = []
    for household in demo.households:
        members = demo.members_of.get(household.id, [])
        if not members or household.id in demo.fresh_households:
            continue
        helpers = _helpers(demo, household)
        main = min(members, key=lambda p: interval_for(p.category))
        interval = interval_for(main.category)
        if rng.random() < OVERDUE_SHARE:
            last = interval + rng.randint(1, max(2, min(30, interval // 2)))
        else:
            last = rng.randint(0, interval - 1)
        opened = min(p.registered_on or demo.today for p in members)
        days = [last]
        gap = max(7, min(interval, 45))
        while len(days) < MAX_VISITS:
            nxt = days[-1] + gap + rng.randint(-2, 4)
            if nxt > HISTORY_DAYS or demo.today - timedelta(days=nxt) <= opened:
                break
            days.append(nxt)
        for index, ago in enumerate(reversed(days)):
            newest = index == len(days) - 1
            concerned = members if newest or rng.random() < 0.7 else [rng.choice(members)]
            author = helpers[0] if len(helpers) == 1 or rng.random() < 0.75 else helpers[1]
            # Sometimes the helper asks for an earlier follow-up than the category's interval;
            # on the newest visit only for a date still ahead, so the overdue share holds.
            follow_up = None
            earliest = max(3, ago + 1) if newest else 3
            if rng.random() < 0.2 and earliest < interval:
                follow_up = demo.today - timedelta(days=ago) + timedelta(days=rng.randint(earliest, interval - 1))
            visits.append(_visit(demo, household, author, concerned, demo.days_ago(ago), main.category,
                                 follow_up))
    _record_status_changes(demo, visits)
    _return_some(demo, visits)
    _person_notes(demo, visits)
    return visits


def _record_status_changes(demo: Demo, visits: list[Visit]) -> None:
    """Put each pending status change on a visit that concerns the person (or on its own)."""
    concerning: dict[object, list[Visit]] = {}
    for visit in visits:
        for person in visit.persons:
            concerning.setdefault(person.id, []).append(visit)
    by_id = {p.id: p for p in demo.persons}
    for person_id, (before, after, earliest) in demo.pending_changes.items():
        person = by_id[person_id]
        fits = [v for v in concerning.get(person_id, []) if v.occurred_at.date() >= earliest]
        if fits:
            visit = demo.rng.choice(fits)
            visit.status_changes = [*visit.status_changes,
                                    {"person_id": str(person_id), "to": after, "from": before}]
            at, by, visit_id = visit.occurred_at, visit.author_id, visit.id
        else:
            day = min(earliest + timedelta(days=demo.rng.randint(0, 20)), demo.today - timedelta(days=1))
            at, by, visit_id = demo.at(day), person.helper_id, None
        demo.changed_at[person_id] = at
        demo.dependants.append(StatusEvent(id=demo.new_id(), person_id=person_id, from_status=before,
                                   to_status=after, at=at, by_user_id=by, device_id=DEVICE,
                                   visit_id=visit_id, stamps={}))


def _return_some(demo: Demo, visits: list[Visit]) -> None:
    """A few recent visits sent back by the supervisor with a comment; one already amended."""
    for sub, count in zip(demo.subdistricts, RETURNED, strict=True):
        supervisor = demo.supervisor_of[sub.name]
        here = {h.id for h in demo.households if h.subdistrict_id == sub.id}
        recent = [v for v in visits if v.review_state == "pending" and not v.status_changes
                  and v.household_id in here and (demo.now - v.occurred_at).days <= 30]
        for n, visit in enumerate(demo.rng.sample(recent, k=min(count, len(recent)))):
            visit.review_state = "returned"
            visit.review_comment = demo.rng.choice(RETURN_COMMENTS)
            visit.reviewed_by_id = supervisor.id
            visit.reviewed_at = min(visit.occurred_at + timedelta(days=1), demo.now)
            if n == 0 and count > 1:
                _amend(demo, visit)


def _amend(demo: Demo, original: Visit) -> None:
    original.review_state = "amended"
    amendment = Visit(
        id=demo.new_id(), household_id=original.household_id, author_id=original.author_id,
        device_id=DEVICE, channel=original.channel, occurred_at=original.occurred_at,
        notes=original.notes + "（补充）已按督导意见补充求职意向和下一步计划：下周陪同参加专场招聘会。",
        services=original.services, lat=original.lat, lng=original.lng,
        accuracy_m=original.accuracy_m, amends_visit_id=original.id, review_state="pending",
        created_at=min((original.reviewed_at or demo.now) + timedelta(hours=3), demo.now),
        stamps={}, status_changes=[],
    )
    amendment.persons = list(original.persons)
    db.session.add(amendment)


def _person_notes(demo: Demo, visits: list[Visit]) -> None:
    rng = demo.rng
    for visit in visits:
        if rng.random() < 0.1 and visit.persons:
            person = rng.choice(visit.persons)
            demo.dependants.append(Note(id=demo.new_id(), person_id=person.id, household_id=visit.household_id,
                                visit_id=visit.id, author_id=visit.author_id, device_id=DEVICE,
                                text=rng.choice(PERSON_NOTES), created_at=visit.created_at, stamps={}))
