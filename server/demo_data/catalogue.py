"""The catalogues: ~200 vacancies from every source and industry, training courses, policies."""

from __future__ import annotations

from datetime import timedelta

from ..domain.vocabulary import CATEGORY_INTERVAL_DAYS, JOB_SOURCES
from ..extensions import db
from ..models import FollowUpRule, Job, Policy, TrainingCourse
from .context import Demo
from .places import DISTRICT
from .texts import POLICIES, TRAININGS
from .work import INDUSTRIES, PUBLIC_WELFARE_INDUSTRY

JOBS = 200
#: Share of vacancies whose closing date has passed (kept for the record, not matched).
CLOSED_SHARE = 0.1
SOURCE_WEIGHTS = (35, 20, 15, 15, 15)  # enterprise visits first, as in the seeds


def build_jobs(demo: Demo) -> None:
    rng = demo.rng
    areas = [demo.district, *demo.subdistricts, *[c for cs in demo.committees.values() for c in cs]]
    for n in range(demo.scaled(JOBS, minimum=len(INDUSTRIES) * 2)):
        industry = INDUSTRIES[n % len(INDUSTRIES)]  # every industry, incl. public-welfare posts
        welfare = industry.name == PUBLIC_WELFARE_INDUSTRY
        area = rng.choice(areas)
        assert area is not None
        pay_min = industry.pay[0] + rng.randint(0, 10) * 100
        closed = rng.random() < CLOSED_SHARE
        closing = demo.today + timedelta(days=-rng.randint(1, 60) if closed else rng.randint(10, 120))
        employer = (f"{area.name}社区事务受理服务中心" if welfare
                    else demo.en.company() if rng.random() < 0.08 else demo.zh.company())
        role = rng.choice(industry.roles)
        job = Job(
            id=demo.new_id(), employer=employer, title=role, industry=industry.name,
            place=f"{DISTRICT}{area.name}" if area is not demo.district else DISTRICT,
            area_id=area.id, pay_min=pay_min, pay_max=pay_min + rng.randint(10, 40) * 100,
            majors=rng.sample(industry.majors, k=min(len(industry.majors), rng.randint(1, 2))),
            skills=rng.sample(industry.skills, k=min(len(industry.skills), rng.randint(1, 2))),
            education_level=None if welfare else rng.choice(("associate", "bachelor", "bachelor", "master")),
            headcount=rng.randint(1, 10), source="enterprise_visit" if welfare
            else rng.choices(JOB_SOURCES, weights=SOURCE_WEIGHTS)[0],
            public_welfare=welfare, closing_date=closing, is_open=not closed,
            description=f"{employer}招聘{role}，{'公益性岗位，优先安置就业困难人员。' if welfare else '欢迎应届毕业生。'}",
            stamps={}, created_at=demo.days_ago(rng.randint(5, 150)),
        )
        db.session.add(job)
        demo.jobs.append(job)


def build_catalogues(demo: Demo) -> None:
    for title, provider, field, days, free in TRAININGS:
        db.session.add(TrainingCourse(
            id=demo.new_id(), title=title, provider=provider, field=field, duration_days=days,
            free=free, starts_on=demo.today + timedelta(days=demo.rng.randint(-10, 60)), stamps={},
        ))
    for title, summary, audience in POLICIES:
        db.session.add(Policy(id=demo.new_id(), title=title, summary=summary, audience=audience, stamps={}))
    # Stored rules (at their defaults) reach the phones through the pull, so an admin's later
    # change of an interval reaches them too.
    for category, days in CATEGORY_INTERVAL_DAYS.items():
        db.session.add(FollowUpRule(category=category, interval_days=days, stamps={}))
