"""Demo job-search groups: the seeds' three groups of seekers and the Community Job-search Group.

The three offline groups are the cohort seekers' `group_name` (求职1组..3组, 49 people at scale
1), served by the sub-district's pair of helpers, each with a vacancy and a message posted,
read and answered by some members. The online 社区求职群 has the whole surveyed cohort as
members and four posts this quarter. The articles' figures for it — 540 graduates reached, 220
interviewed, 98 hired — are what a supervisor's board shows: the part Doorstep holds is
*recorded* (deliveries to the cohort, answers, recommendations with `source_post_id`), the rest
is the group's *reported* figures (`reported_reached` = 540 − recorded reach, and so on, dated
today), shown apart on the group's page and the board so nobody mistakes one for the other.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from ...models import Job, Person, Policy, Recommendation, TrainingCourse
from ...models.groups import GroupMember, GroupPost, JobGroup, PostDelivery
from ...records.recommendations import history_entry
from ..context import DEVICE, Demo

ORDER = 30
#: The articles' Community Job-search Group.
ONLINE_NAME = "社区求职群"
ONLINE_TARGET = {"reached": 540, "interview": 220, "hired": 98}
#: How the ones who said "interested" went on (path after interested, the last is the state).
PATHS = {
    "interested": ["recommended", "interested"],
    "applied": ["recommended", "interested", "applied"],
    "interview": ["recommended", "interested", "applied", "interview"],
    "rejected": ["recommended", "interested", "applied", "interview", "rejected"],
    "hired": ["recommended", "interested", "applied", "interview", "hired"],
}
TEXTS = ("本周五下午在街道就业服务站有简历门诊，欢迎带简历来。",
         "面试前一天请确认时间地点，有问题在群里问我们。")


class _Builder:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.rng = random.Random(f"{demo.seed}-groups")
        self.rows: list[Any] = []
        self.taken = {(p, j) for p, j in select_pairs()}
        quarter_start = demo.today.replace(month=(demo.today.month - 1) // 3 * 3 + 1, day=1)
        #: Posts go out this quarter, so the board's default period shows them on the first run.
        self.back_days = max(0, min(50, (demo.today - quarter_start).days))

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def days_ago(self, days: int) -> datetime:
        """Like `Demo.days_ago` (office hours, stored as UTC), drawn from this feature's rng."""
        moment = datetime.combine(self.demo.today - timedelta(days=days),
                                  time(self.rng.randint(1, 9), self.rng.randint(0, 59)))
        return min(moment, self.demo.now - timedelta(minutes=5))

    def moment(self, after: datetime, hours: int) -> datetime:
        return min(after + timedelta(hours=self.rng.randint(1, hours)),
                   self.demo.now - timedelta(minutes=5))

    def group(self, name: str, kind: str, staff: tuple[Any, Any], members: list[Person],
              **extra: Any) -> JobGroup:
        sub = self.demo.subdistricts[0]
        group = JobGroup(id=self.new_id(), name=name, kind=kind, area_id=sub.id,
                         primary_staff_id=staff[0].id, partner_staff_id=staff[1].id,
                         updated_by_id=staff[0].id, updated_device=DEVICE, **extra)
        self.rows.append(group)
        for person in members:
            self.rows.append(GroupMember(
                id=self.new_id(), group_id=group.id, person_id=person.id,
                joined_at=self.days_ago(self.back_days + self.rng.randint(5, 60)),
                added_by_id=staff[0].id, updated_by_id=staff[0].id, updated_device=DEVICE))
        return group

    def post(self, group: JobGroup, by: Any, members: list[Person], kind: str, ref: Any,
             title: str, body: str, read: float, interested: float,
             outcomes: dict[Any, str] | None = None) -> GroupPost:
        posted = self.days_ago(self.rng.randint(0, self.back_days))
        entry = GroupPost(id=self.new_id(), group_id=group.id, kind=kind,
                          ref_id=ref.id if ref is not None else None, title=title[:160],
                          body=body, posted_at=posted, by_user_id=by.id, updated_by_id=by.id,
                          updated_device=DEVICE)
        self.rows.append(entry)
        outcomes = outcomes or {}
        for person in members:
            delivery = PostDelivery(
                id=self.new_id(), post_id=entry.id, group_id=group.id,
                person_id=person.id, kind=kind, ref_id=entry.ref_id, title=entry.title, body=body,
                posted_at=posted, stamps={}, updated_by_id=by.id, updated_device=DEVICE)
            keen = person.id in outcomes or (
                kind != "text" and self.rng.random() < interested)
            read_at = self.moment(posted, 30) if keen or self.rng.random() < read else None
            delivery.read_at = read_at
            if keen and read_at is not None:
                delivery.answer, delivery.answered_at = "interested", self.moment(read_at, 6)
                if kind == "job":
                    self.recommend(person, ref, entry, by, delivery.answered_at,
                                   outcomes.get(person.id, "interested"))
            elif kind != "text" and read_at is not None and self.rng.random() < 0.3:
                delivery.answer, delivery.answered_at = "not_for_me", self.moment(read_at, 6)
            self.rows.append(delivery)
        return entry

    def recommend(self, person: Person, job: Job, entry: GroupPost, by: Any,
                  interested_at: datetime, state: str) -> None:
        if (person.id, job.id) in self.taken:
            return
        self.taken.add((person.id, job.id))
        at, history, before = entry.posted_at, [], None
        for n, to in enumerate(PATHS[state]):
            if to == "interested":
                at = interested_at
            elif n:
                at = min(at + timedelta(days=self.rng.randint(1, 4)),
                         self.demo.now - timedelta(minutes=1))
            mover = by.id if to in ("recommended", "hired", "rejected") else person.helper_id
            history.append(history_entry(before, to, mover, at))
            before = to
        self.rows.append(Recommendation(
            id=self.new_id(), person_id=person.id, job_id=job.id,
            by_user_id=by.id, reasons=f"来自群发布：{entry.title}"[:4000], match={}, state=state,
            source_post_id=entry.id, state_changed_at=at, history=history,
            created_at=entry.posted_at, stamps={}))


def select_pairs() -> list[tuple[Any, Any]]:
    from ...extensions import db

    return [(p, j) for p, j in db.session.execute(
        select(Recommendation.person_id, Recommendation.job_id))]


def build(demo: Demo) -> None:
    from ...extensions import db

    b = _Builder(demo)
    sub = demo.subdistricts[0]
    pair = tuple(demo.helpers_of[sub.name])
    supervisor = demo.supervisor_of[sub.name]
    cohort = [p for p in demo.persons if p.graduation_date is not None
              and p.graduation_date.year == demo.cohort_year]
    open_jobs = [j for j in demo.jobs if j.is_open]
    if not open_jobs or len(pair) < 2:
        return
    for name in sorted({p.group_name for p in cohort if p.group_name}):
        members = [p for p in cohort if p.group_name == name]
        group = b.group(name, "offline", (pair[0], pair[1]), members,
                        description="每两周一次线下活动：简历门诊、模拟面试、岗位推荐。")
        job = b.rng.choice(open_jobs)
        b.post(group, pair[0], members, "job", job, f"{job.employer}招聘{job.title}",
               "条件合适的同学请点“感兴趣”，我们帮你约面试。", read=0.8, interested=0.25)
        b.post(group, pair[1], members, "text", None, "小组活动通知", b.rng.choice(TEXTS),
               read=0.7, interested=0)
    online = b.group(ONLINE_NAME, "online", (supervisor, pair[0]), cohort,
                     description="面向辖区高校毕业生的线上求职群，每周推送岗位、政策和培训。")
    seekers = [p for p in cohort if p.status == "seeking"]
    employed = [p for p in cohort if p.status == "employed"]
    hired = b.rng.sample(employed, k=min(len(employed), demo.scaled(6)))
    interviewed = b.rng.sample(seekers, k=min(len(seekers), demo.scaled(10)))
    jobs = b.rng.sample(open_jobs, k=min(2, len(open_jobs)))
    outcomes = [{p.id: "hired" for p in hired[i::2]} | {
        p.id: b.rng.choice(("interview", "rejected")) for p in interviewed[i::2]}
        for i in range(2)]
    for job, result in zip(jobs, outcomes, strict=False):
        b.post(online, supervisor, cohort, "job", job, f"{job.employer}招聘{job.title}",
               "本周岗位推荐，感兴趣的请在群里回复或在应用里点“感兴趣”。", read=0.6,
               interested=0.04, outcomes=result)
    policy = db.session.scalars(select(Policy).order_by(Policy.title)).first()
    training = db.session.scalars(select(TrainingCourse).order_by(TrainingCourse.title)).first()
    for kind, ref in (("policy", policy), ("training", training)):
        if ref is not None:
            b.post(online, pair[0], cohort, kind, ref, ref.title, "详情请咨询你的就业服务专员。",
                   read=0.5, interested=0.05)
    _report(b, online)
    # No ORM relationship orders the INSERTs: parents first (PostgreSQL checks FKs at once).
    stages: tuple[tuple[type, ...], ...] = (
        (JobGroup,), (GroupMember, GroupPost), (PostDelivery, Recommendation))
    for stage in stages:
        db.session.add_all([r for r in b.rows if isinstance(r, stage)])
        db.session.flush()


def _report(b: _Builder, online: JobGroup) -> None:
    """The part of the articles' 540/220/98 that Doorstep's files do not hold, as reported."""
    posts = {r.id for r in b.rows if isinstance(r, GroupPost) and r.group_id == online.id}
    reached = {r.person_id for r in b.rows if isinstance(r, PostDelivery) and r.post_id in posts}
    recs = [r for r in b.rows if isinstance(r, Recommendation) and r.source_post_id in posts]
    interviews = {r.person_id for r in recs if any(m["to"] in ("interview", "hired")
                                                   for m in r.history)}
    hires = {r.person_id for r in recs if r.state == "hired"}
    online.reported_reached = max(0, ONLINE_TARGET["reached"] - len(reached))
    online.reported_interviews = max(0, ONLINE_TARGET["interview"] - len(interviews))
    online.reported_hires = max(0, ONLINE_TARGET["hired"] - len(hires))
    online.reported_on = b.demo.today

