"""The demo's employers: one record per enterprise the demo vacancies name, in the parks of the
district (a 乐业空间 per sub-district, as Yangpu's, and two enterprise parks), with contacts and
valid credit codes; every demo vacancy is linked to its employer; the vacancies collected at
an enterprise visit have that visit, by a helper of the sub-district, on the day they opened.

Runs first among the features (`ORDER`): events invite employers and their vacancies. Draws only
on its own random source, so the rest of the demo world does not shift.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select

from ...credit_code import ALPHABET, check_character
from ...extensions import db
from ...models import Area, Job, User
from ...models.employers import Employer, EnterpriseVisit
from ..context import DEVICE, Demo
from ..places import DISTRICT

ORDER = 10
#: Hongkou's administrative division code (characters 3-8 of a credit code).
DIVISION = "310109"
PARKS = ("1929弄堂产业园", "瑞虹科创园")
SIZES = ("micro", "small", "small", "medium", "medium", "large")
ROLES = ("人事经理", "HR 专员", "招聘主管", "行政主管", "总经理")
#: Contacts' names from this module's own lists: the demo's Faker is shared with the core world.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙朱马胡郭林何高罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "艳", "勇", "杰", "娟", "涛", "明",
         "超", "秀英", "海燕", "建华", "志强", "晓东")
MET = ("人事经理", "招聘主管", "总经理", "行政主管")
VISIT_NOTES = ("旺季扩招，欢迎社区推荐应届毕业生。", "岗位要求已核实，可安排面试。",
               "企业愿意接收困难家庭毕业生，提供岗前培训。", "人事更换，留下新联系人电话。")


def credit_code(rng: random.Random, taken: set[str]) -> str:
    """A valid, unused unified social credit code of a Hongkou company."""
    while True:
        body = "91" + DIVISION + "".join(rng.choice(ALPHABET) for _ in range(9))
        code = body + check_character(body)
        if code not in taken:
            taken.add(code)
            return code


def _subdistrict_of(area: Area | None, areas: dict[uuid.UUID, Area]) -> Area | None:
    while area is not None and area.kind != "subdistrict":
        area = areas.get(area.parent_id) if area.parent_id else None
    return area


def build(demo: Demo) -> None:
    rng = random.Random(f"{demo.seed}-employers")
    areas = {a.id: a for a in db.session.scalars(select(Area))}
    subs = [a for a in areas.values() if a.kind == "subdistrict"]
    if not subs:
        return
    by_name: dict[str, list[Job]] = defaultdict(list)
    for job in db.session.scalars(select(Job).where(Job.employer_id.is_(None)).order_by(Job.created_at, Job.id)):
        by_name[job.employer].append(job)
    helpers: dict[uuid.UUID, list[User]] = defaultdict(list)
    for user in db.session.scalars(select(User).where(User.role == "helper").order_by(User.username)):
        if user.area_id is not None:
            helpers[user.area_id].append(user)
    taken: set[str] = set()
    visits: list[EnterpriseVisit] = []
    for name in sorted(by_name):
        jobs = by_name[name]
        first = jobs[0]
        home = areas.get(first.area_id) if first.area_id else None
        if home is None or home.kind == "district":
            home = rng.choice(subs)
        sub = _subdistrict_of(home, areas) or rng.choice(subs)
        park = rng.choice((f"{sub.name.removesuffix('街道')}乐业空间", *PARKS))
        employer = Employer(
            id=uuid.UUID(int=rng.getrandbits(128), version=4), name=name,
            credit_code=credit_code(rng, taken), industry=first.industry, size=rng.choice(SIZES),
            address=f"{DISTRICT}{sub.name}{park}{rng.randint(1, 30)}号楼", park=park, area_id=home.id,
            contacts=[{"name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                       "role": rng.choice(ROLES), "phone": f"1{rng.choice('3589')}{rng.randint(0, 10**9 - 1):09d}"}
                      for _ in range(rng.randint(1, 2))],
            notes=None, stamps={}, created_at=min(j.created_at for j in jobs) - timedelta(days=rng.randint(1, 30)),
            updated_device=DEVICE,
        )
        db.session.add(employer)
        for job in jobs:
            job.employer_id = employer.id
        visited = [j for j in jobs if j.source == "enterprise_visit"]
        staff = helpers.get(sub.id) or []
        if visited and staff:
            visits.append(_visit(rng, employer, visited, rng.choice(staff)))
    db.session.flush()
    db.session.add_all(visits)


def _visit(rng: random.Random, employer: Employer, jobs: list[Job], helper: User) -> EnterpriseVisit:
    """The visit that opened these vacancies, on the day the first of them opened."""
    when: datetime = min(j.created_at for j in jobs)
    return EnterpriseVisit(
        id=uuid.UUID(int=rng.getrandbits(128), version=4), employer_id=employer.id,
        area_id=employer.area_id, occurred_at=when, notes=rng.choice(VISIT_NOTES),
        met=f"{employer.contacts[0]['name']}（{rng.choice(MET)}）",
        vacancies=[{"id": str(j.id), "title": j.title, "headcount": j.headcount,
                    "pay_min": j.pay_min, "pay_max": j.pay_max} for j in jobs],
        author_id=helper.id, device_id=DEVICE, stamps={}, created_at=when,
    )
