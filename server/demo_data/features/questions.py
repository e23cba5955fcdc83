"""Demo questions to the helper and a job graduate1 found themselves.

Questions are what graduates in a job search ask their helper between visits (what to bring to
an interview, whether an internship counts, where the next fair is), in Chinese and English.
About two in three are answered by the household's primary helper, an hour or two later.
graduate1 (one question answered, one waiting) also said "I'm interested" yesterday to an
open job nobody recommended to them: helper1's Today shows it on the first run.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from sqlalchemy import select

from ...extensions import db
from ...matching import job_features, load_areas, person_features, score
from ...models import Household, Person, Recommendation, User
from ...models.questions import Question
from ...records.recommendations import history_entry
from ..context import DEVICE, Demo

ORDER = 60

#: (question, answer or None), Chinese first; English ones go to English-named seekers.
ZH = (
    ("下周的面试需要带什么材料？", "带两份打印的简历、身份证和毕业证书复印件，提前十分钟到。"),
    ("实习经历可以写进简历吗？", "可以，写清楚做了什么、学到了什么，比只写公司名有用。"),
    ("街道下次招聘会是什么时候？", "本月最后一个周五下午，在街道就业服务站，我会提前提醒你。"),
    ("困难家庭毕业生的求职补贴怎么申请？", "带身份证和困难证明来服务站，我帮你一起填表。"),
    ("线上面试要注意什么？", None),
    ("服装设计的岗位能不能先做助理？", None),
)
EN = (
    ("Can I bring my portfolio to the interview?", "Yes, bring it printed and on your phone."),
    ("Is there a CV clinic this month?", None),
)


def _helper_of(person: Person) -> uuid.UUID | None:
    household = db.session.get(Household, person.household_id)
    return household.primary_helper_id if household else None


def _add(demo: Demo, rng: random.Random, person: Person, text: str, answer: str | None,
         days_ago: int) -> None:
    asked = demo.days_ago(days_ago)
    question = Question(id=demo.new_id(), person_id=person.id, text=text, asked_at=asked,
                        stamps={}, updated_device=DEVICE)
    helper = _helper_of(person)
    if answer is not None and helper is not None:
        question.answer = answer
        question.answered_by = helper
        question.answered_at = min(asked + timedelta(minutes=rng.randint(20, 180)),
                                   demo.now - timedelta(minutes=1))
        question.updated_by_id = helper
    db.session.add(question)


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-questions")
    if demo.graduate1 is not None:
        _add(demo, rng, demo.graduate1, *ZH[0], days_ago=3)
        _add(demo, rng, demo.graduate1, *ZH[5], days_ago=0)
        _self_found(demo, rng, demo.graduate1)
    seekers = [p for p in demo.persons if p.status == "seeking" and p is not demo.graduate1]
    for person in rng.sample(seekers, min(len(seekers), demo.scaled(8, minimum=2))):
        english = person.name.isascii()
        text, answer = rng.choice(EN if english else ZH[1:5])
        _add(demo, rng, person, text, answer, days_ago=rng.randint(0, 20))


def _self_found(demo: Demo, rng: random.Random, person: Person) -> None:
    """An open job graduate1 found in the app and is interested in (no helper's reason)."""
    user_id = db.session.scalar(select(User.id).where(User.person_id == person.id))
    taken = set(db.session.scalars(select(Recommendation.job_id).where(
        Recommendation.person_id == person.id)))
    fits = [j for j in demo.jobs if j.is_open and j.id not in taken
            and (j.industry or "") == (person.intention_industry or "")]
    if user_id is None or not fits:
        return
    job = rng.choice(fits)
    at = demo.days_ago(1)
    household = db.session.get(Household, person.household_id)
    areas = demo.areas or load_areas()
    match = score(person_features(person, household, areas), job_features(job, areas))
    db.session.add(Recommendation(
        id=demo.new_id(), person_id=person.id, job_id=job.id, by_user_id=user_id, reasons="",
        match=match, state="interested", state_changed_at=at, stamps={},
        history=[history_entry(None, "recommended", user_id, at),
                 history_entry("recommended", "interested", user_id, at)]))
