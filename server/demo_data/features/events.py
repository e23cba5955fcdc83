"""Recruitment events of the demo: the articles' salons and online activities, and real fairs.

Zhumeng (the first sub-district's studio) held 6 entrepreneurship salons with 1,800 attendees
and 4 online recommendation activities with 1,100 attendees, 350 interviews and 90 hires. Those
people are not on file, so the figures are the organisers' reported counts on the events
(`reported_*`), which the board shows apart from what is recorded. Then a few job fairs with
real participants of the demo caseloads: invited by the same matching staff use (the fair's
vacancies, best fits first), some came, some did not, and a few of those who came were
recommended a vacancy of the fair (`source_event_id`) and got an interview or the job. One
fair is still ahead, with graduate1 invited, so the graduate's app has something to sign up to.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...matching import job_features, load_areas, person_features, score
from ...matching_reverse import NOT_LOOKING
from ...models import Area, Household, Job, Person, Recommendation
from ...models.recruitment_events import Event, EventParticipant
from ...records.events import participant_id
from ...records.recommendations import history_entry
from ..context import Demo

ORDER = 20

#: (reported attendance) of each of the six salons: 1,800 in all.
SALONS = (280, 310, 295, 320, 290, 305)
#: (attendance, interviews, hires) of the four online activities: 1,100 / 350 / 90.
ONLINE = ((260, 80, 20), (300, 95, 25), (270, 85, 22), (270, 90, 23))
SALON_TITLES = ("大学生创业沙龙：从想法到营业执照", "创业沙龙：电商与直播带货", "创业沙龙：社区小店怎么开",
                "创业沙龙：创业担保贷款政策解读", "创业沙龙：文创设计工作室", "创业沙龙：餐饮创业避坑")
ONLINE_TITLES = ("筑梦工作室线上岗位推介会（第一期）", "筑梦工作室线上岗位推介会（第二期）",
                 "线上直播带岗：园区企业专场", "线上岗位推介：公益性岗位专场")
#: Days before today of each past fair, and how many it invites; the last fair is ahead.
FAIRS = ((24, 14), (9, 12))
UPCOMING_IN_DAYS, UPCOMING_INVITED = 6, 10


def _when(demo: Demo, rng: random.Random, days_ago: int, hour: int = 2) -> datetime:
    day = demo.today - timedelta(days=days_ago)
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour,
                                                                  minutes=rng.choice((0, 30)))


def _new_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _reported(demo: Demo, rng: random.Random, sub: Area, by: Any) -> list[Event]:
    out = []
    for n, (title, attendance) in enumerate(zip(SALON_TITLES, SALONS, strict=True)):
        out.append(Event(id=_new_id(rng), kind="salon", title=title, area_id=sub.id,
                         starts_at=_when(demo, rng, 56 - n * 10, 6), place="筑梦工作室",
                         reported_attendance=attendance, by_user_id=by, stamps={}))
    for n, (title, (seen, interviews, hires)) in enumerate(zip(ONLINE_TITLES, ONLINE, strict=True)):
        out.append(Event(id=_new_id(rng), kind="online_recommendation", title=title,
                         area_id=sub.id, starts_at=_when(demo, rng, 50 - n * 12, 11),
                         channel="微信视频号直播", reported_attendance=seen,
                         reported_interviews=interviews, reported_hires=hires, by_user_id=by,
                         stamps={}))
    return out


def _ranked(demo: Demo, people: list[Person], homes: dict[Any, Household], jobs: list[Job],
            areas: Any) -> list[tuple[float, Person, Job]]:
    features = [(job, job_features(job, areas)) for job in jobs]
    ranked = []
    for person in people:
        p = person_features(person, homes.get(person.household_id), areas)
        value, job = max(((score(p, f)["score"], job) for job, f in features),
                         key=lambda pair: pair[0])
        if value > 0:
            ranked.append((value, person, job))
    ranked.sort(key=lambda r: (-r[0], r[1].name))
    return ranked


def _hire_path(rng: random.Random, rec_id: uuid.UUID, person: Person, job: Job, event: Event,
               final: str, areas: Any, home: Household | None, now: datetime) -> Recommendation:
    path = ["recommended", "viewed", "interested", "applied", "interview"]
    if final == "hired":
        path.append("hired")
    at, history, before = event.starts_at + timedelta(hours=1), [], None
    for to in path:
        history.append(history_entry(before, to, person.helper_id, min(at, now)))
        before, at = to, at + timedelta(days=rng.randint(1, 3))
    return Recommendation(
        id=rec_id, person_id=person.id, job_id=job.id, by_user_id=person.helper_id,
        reasons=f"在「{event.title}」现场对接。", state=final, source_event_id=event.id,
        match=score(person_features(person, home, areas), job_features(job, areas)),
        history=history, state_changed_at=min(at, now), created_at=event.starts_at, stamps={})


def _state(rng: random.Random, *, ahead: bool, graduate1: bool) -> str:
    """Ahead: most invitees have signed up (graduate1 is left to answer in the app); past: most
    came."""
    if ahead:
        return "invited" if graduate1 else rng.choices(("signed_up", "invited"), (3, 1))[0]
    return rng.choices(("attended", "no_show", "declined"), (6, 2, 1))[0]


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-events")
    if not demo.subdistricts or not demo.jobs:
        return
    sub = demo.subdistricts[0]
    supervisor = demo.supervisor_of.get(sub.name)
    by = supervisor.id if supervisor else None
    events = _reported(demo, rng, sub, by)
    areas = demo.areas or load_areas()
    homes = {h.id: h for h in demo.households}
    local = [p for p in demo.persons if homes.get(p.household_id) is not None
             and homes[p.household_id].subdistrict_id == sub.id and p.status not in NOT_LOOKING]
    taken: set[tuple[Any, Any]] = {(p, j) for p, j in db.session.execute(
        select(Recommendation.person_id, Recommendation.job_id))}
    open_jobs = [j for j in demo.jobs if j.is_open]
    rows: list[Any] = []
    plans = [*((days, n) for days, n in FAIRS), (-UPCOMING_IN_DAYS, UPCOMING_INVITED)]
    for number, (days_ago, invited) in enumerate(plans, start=1):
        jobs = rng.sample(open_jobs, k=min(3, len(open_jobs)))
        fair = Event(id=_new_id(rng), kind="job_fair", title=f"凉城新村专场招聘会（第{number}场）",
                     area_id=sub.id, starts_at=_when(demo, rng, days_ago),
                     place="凉城新村街道社区文化活动中心", job_ids=[str(j.id) for j in jobs],
                     employer_ids=[], capacity=200, by_user_id=by, stamps={})
        fair.ends_at = fair.starts_at + timedelta(hours=3)
        events.append(fair)
        people = _ranked(demo, local, homes, jobs, areas)[:invited]
        if days_ago < 0 and demo.graduate1 is not None \
                and all(p.id != demo.graduate1.id for _, p, _ in people):
            people = [(0.0, demo.graduate1, jobs[0]), *people[:-1]]
        for _, person, job in people:
            state = _state(rng, ahead=days_ago < 0, graduate1=person is demo.graduate1)
            came = state == "attended"
            rows.append(EventParticipant(
                id=participant_id(fair.id, person.id), event_id=fair.id, person_id=person.id,
                state=state, invited_by=person.helper_id, stamps={},
                check_in_via=rng.choice(("list", "qr")) if came else None,
                checked_in_at=fair.starts_at + timedelta(minutes=rng.randint(5, 90)) if came else None))
            if came and (person.id, job.id) not in taken and rng.random() < 0.45:
                taken.add((person.id, job.id))
                final = "hired" if rng.random() < 0.4 else "interview"
                rows.append(_hire_path(rng, _new_id(rng), person, job, fair, final, areas,
                                       homes.get(person.household_id), demo.now))
    db.session.add_all(events)
    db.session.flush()
    db.session.add_all(rows)
    db.session.flush()
