"""Demo policies, trainings and assistance periods (issue 12.5-7), drawn from the articles.

The policy catalogue names what the articles name: the "three exemptions and one subsidy"
(三免一补), the job-search subsidy (求职创业补贴), an economic hardship subsidy, entrepreneurship
loans (创业担保贷款) and public-welfare posts (公益性岗位); rows missing from the core
catalogue are added here. Graduates from disadvantaged families get an assistance period (like
the university's November-to-August ledger) and the subsidies they are owed, at every stage;
people with employment difficulties are told about public-welfare posts; about one job seeker
in five is referred to a course, some of them through to the certificate. graduate1 has asked
to join a course and waits for the helper. Dates are office days before today.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ...extensions import db
from ...models import Person, Policy, TrainingCourse
from ...models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from ..context import DEVICE, Demo

ORDER = 40

#: (title, summary, audience) the articles name; added when the core catalogue lacks them.
ARTICLE_POLICIES = (
    ("三免一补", "家庭经济困难学生免学费、免住宿费、免教科书费，补助生活费（three exemptions and one subsidy）。",
     "家庭经济困难学生"),
    ("一次性求职创业补贴", "对毕业年度内有求职意愿的困难家庭高校毕业生发放一次性补贴。", "困难家庭高校毕业生"),
    ("困难家庭经济补助", "家庭经济困难的求职毕业生，求职期间按月发放生活补助（economic hardship subsidy）。",
     "困难家庭高校毕业生"),
    ("创业担保贷款", "符合条件的创业者可申请最高50万元创业担保贷款，财政贴息。", "创业者、高校毕业生"),
    ("公益性岗位托底安置", "对通过市场渠道难以就业的困难人员，以公益性岗位托底安置。", "就业困难人员、零就业家庭"),
)
SUBSIDY_AMOUNTS = {"一次性求职创业补贴": (1500, 3000), "困难家庭经济补助": (600, 1200),
                   "三免一补": (4000, 8000)}
SEEKING = ("seeking", "unemployed")


class _Clock:
    """Ids and moments from this feature's own random stream (never the shared one)."""

    def __init__(self, demo: Demo, rng: random.Random) -> None:
        self.demo, self.rng = demo, rng

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def day(self, days_ago: int) -> date:
        return self.demo.today - timedelta(days=max(0, days_ago))

    def moment(self, day: date) -> datetime:
        at = datetime.combine(day, time(self.rng.randint(1, 9), self.rng.randint(0, 59)))
        return min(at, self.demo.now - timedelta(minutes=5))  # naive UTC, as stored


def _catalogue() -> dict[str, Policy]:
    have = {p.title: p for p in db.session.scalars(select(Policy))}
    for title, summary, audience in ARTICLE_POLICIES:
        if title not in have:
            policy = Policy(title=title, summary=summary, audience=audience, stamps={})
            db.session.add(policy)
            have[title] = policy
    db.session.flush()
    return have


def _case(clock: _Clock, person: Person, policy: Policy, state: str, started: int) -> PolicyCase:
    informed = clock.day(started)
    applied = clock.day(started - clock.rng.randint(3, 15)) if state != "informed" else None
    decided = (clock.day(started - clock.rng.randint(20, 40))
               if state in ("granted", "refused") and applied else None)
    low, high = SUBSIDY_AMOUNTS.get(policy.title, (0, 0))
    amount = clock.rng.randrange(low, high + 1, 100) if high and state == "granted" else None
    return PolicyCase(id=clock.new_id(), person_id=person.id, policy_id=policy.id, state=state,
                      informed_on=informed, applied_on=applied, decided_on=decided, amount=amount,
                      by_user_id=person.helper_id, stamps={}, created_at=clock.moment(informed),
                      updated_by_id=person.helper_id, updated_device=DEVICE)


def _enrolment(clock: _Clock, person: Person, course: TrainingCourse, state: str,
               started: int) -> TrainingEnrolment:
    referred = clock.day(started) if state != "requested" else None
    enrolled = clock.day(started - 7) if state in ("enrolled", "completed") else None
    completed = clock.day(started - 7 - (course.duration_days or 20)) if state == "completed" else None
    return TrainingEnrolment(id=clock.new_id(), person_id=person.id, course_id=course.id, state=state,
                             referred_on=referred, enrolled_on=enrolled, completed_on=completed,
                             by_user_id=person.helper_id, stamps={},
                             created_at=clock.moment(clock.day(started)),
                             updated_by_id=person.helper_id, updated_device=DEVICE)


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-support")
    clock = _Clock(demo, rng)
    policies = _catalogue()
    courses = list(db.session.scalars(select(TrainingCourse).order_by(TrainingCourse.title)))
    rows: list[object] = []
    for person in demo.persons:
        if person.disadvantaged and person.graduation_date is not None:
            start = clock.day(rng.randint(60, 300))
            rows.append(AssistancePeriod(
                id=clock.new_id(), person_id=person.id, start_on=start,
                end_on=None if rng.random() < 0.6 else demo.today + timedelta(days=rng.randint(30, 270)),
                helper_id=person.helper_id, by_user_id=person.helper_id, stamps={},
                created_at=clock.moment(start), notes="困难家庭毕业生一对一帮扶"))
            for title in ("一次性求职创业补贴", "三免一补", "困难家庭经济补助"):
                if rng.random() < 0.75:
                    state = rng.choices(("informed", "applied", "granted", "refused"), (2, 3, 5, 1))[0]
                    rows.append(_case(clock, person, policies[title], state, rng.randint(40, 150)))
        elif person.category in ("employment_difficulty", "zero_employment_family") and rng.random() < 0.5:
            state = rng.choice(("informed", "applied", "granted"))
            rows.append(_case(clock, person, policies["公益性岗位托底安置"], state, rng.randint(20, 120)))
        elif person.status in SEEKING and rng.random() < 0.05:
            rows.append(_case(clock, person, policies["创业担保贷款"], "informed", rng.randint(5, 60)))
        if courses and person.status in SEEKING and person is not demo.graduate1 and rng.random() < 0.2:
            state = rng.choices(("referred", "enrolled", "completed", "dropped"), (3, 2, 3, 1))[0]
            rows.append(_enrolment(clock, person, rng.choice(courses), state, rng.randint(30, 120)))
    if demo.graduate1 is not None and len(courses) >= 2:
        rows.append(_enrolment(clock, demo.graduate1, courses[0], "referred", 12))
        rows.append(_enrolment(clock, demo.graduate1, courses[1], "requested", 1))
    db.session.add_all(rows)
