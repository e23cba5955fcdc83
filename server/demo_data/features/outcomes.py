"""Demo outcomes: interviews with a day and place, placements after hires, aftercare calls.

Every person hired through a recommendation gets a placement starting a few days after the
hire, with the retention calls the schedule owed so far (most made, a few missed), a few
flagged as likely to quit (a quarrel with a shift leader, pay). Some seekers had a job since
and left it: an ended placement whose last call found them gone, with the reason (they are
seeking again, as their status says). Open interviews get a day (some today and tomorrow, so
Today shows them) and a place.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select

from sync.aftercare import DEFAULT_STEPS

from ...business_time import local_day
from ...extensions import db
from ...models import Person, Recommendation
from ...models.outcomes import Placement, RetentionCheck
from ..context import DEVICE, Demo

ORDER = 80  # after every feature that makes recommendations (events, groups)

PLACES = ("创智天地 3 号楼 5 楼人事部", "五角场万达广场 B 座 12 楼", "街道就业服务站面试室",
          "国定路 335 号 2 号楼", "Online (Tencent Meeting)")
RISK_NOTES = ("和班长闹了点矛盾，说想辞职", "嫌夜班太多，身体吃不消", "试用期工资比说好的低")
CHECK_NOTES = ("工作适应，和同事相处不错", "已转正，想学技术", "工作稳定，家里也满意", "")
LEFT = (("quit_conflict", "与同事闹矛盾后离职，正在重新找工作"), ("quit_pay", "嫌工资低辞职"),
        ("contract_ended", "临时岗位合同到期"), ("quit_hours", "工时太长，离职"))


def _at(day: datetime, rng: random.Random) -> datetime:
    return datetime.combine(day.date(), time(rng.randint(1, 9), rng.choice((0, 15, 30, 45))))


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-outcomes")
    persons = {p.id: p for p in demo.persons}
    jobs = {j.id: j for j in demo.jobs}
    recs = list(db_recs())
    # Open interviews: a day after the last move, some today and tomorrow.
    for n, rec in enumerate(r for r in recs if r.state == "interview"):
        offset = (0, 1, 3)[n] if n < 3 else rng.randint(-10, 6)
        day = datetime.combine(demo.today + timedelta(days=offset), time(rng.randint(1, 7), 30))
        rec.interview_at = day
        rec.interview_place = rng.choice(PLACES)
    placements: list[Placement] = []
    checks: list[RetentionCheck] = []
    for rec in (r for r in recs if r.state == "hired"):
        person = persons.get(rec.person_id)
        job = jobs.get(rec.job_id)
        if person is None or job is None or person.status != "employed":
            continue
        start = local_day(rec.state_changed_at) + timedelta(days=rng.randint(1, 7))
        p = Placement(id=demo.new_id(), person_id=person.id, recommendation_id=rec.id,
                      employer_name=job.employer, job_id=job.id, job_title=job.title,
                      start_date=start, contract_signed=rng.random() < 0.8,
                      pay=job.pay_min or rng.choice((3800, 4500, 5200)),
                      by_user_id=person.helper_id, stamps={})
        if rng.random() < 0.12:
            p.at_risk, p.at_risk_note = True, rng.choice(RISK_NOTES)
        placements.append(p)
        checks += _calls(demo, rng, p, person, left=None)
    seekers = [p for p in demo.persons if p.status == "seeking" and p is not demo.graduate1]
    for person in rng.sample(seekers, k=min(len(seekers), demo.scaled(10, 3))):
        job = rng.choice(demo.jobs)
        start = demo.today - timedelta(days=rng.randint(60, 200))
        reason, note = rng.choice(LEFT)
        p = Placement(id=demo.new_id(), person_id=person.id, employer_name=job.employer,
                      job_id=job.id, job_title=job.title, start_date=start,
                      contract_signed=rng.random() < 0.5, pay=job.pay_min,
                      by_user_id=person.helper_id, stamps={})
        placements.append(p)
        checks += _calls(demo, rng, p, person, left=(reason, note))
    db.session.add_all(placements)
    db.session.flush()
    db.session.add_all(checks)


def db_recs() -> list[Recommendation]:
    return list(db.session.scalars(select(Recommendation).where(
        Recommendation.state.in_(("interview", "hired")))))


def _calls(demo: Demo, rng: random.Random, p: Placement, person: Person,
           left: tuple[str, str] | None) -> list[RetentionCheck]:
    """The calls owed so far; a departure is found by the last one, which ends the job."""
    owed = [(code, p.start_date + timedelta(days=days)) for code, days in DEFAULT_STEPS.items()
            if p.start_date + timedelta(days=days) < demo.today]
    out: list[RetentionCheck] = []
    for n, (code, day) in enumerate(owed):
        last = n == len(owed) - 1
        if not last and rng.random() < 0.15:
            continue  # a missed call: the next one replaced it
        gone = left is not None and last
        at = _at(datetime.combine(day, time(0)) + timedelta(days=rng.randint(0, 2)), rng)
        out.append(RetentionCheck(
            id=demo.new_id(), placement_id=p.id, person_id=person.id, step=code, occurred_at=at,
            still_employed=not gone, reason=left[0] if gone and left else None,
            notes=left[1] if gone and left else rng.choice(CHECK_NOTES),
            author_id=person.helper_id, device_id=DEVICE, stamps={}))
        if gone and left:
            p.ended_on, p.end_reason = local_day(at), left[0]
    if left is not None and p.ended_on is None:  # left before the first call was owed
        p.ended_on, p.end_reason = p.start_date + timedelta(days=rng.randint(3, 6)), left[0]
    return out

