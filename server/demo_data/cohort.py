"""The surveyed graduate cohort: DOMAIN.md's 288 new graduates of one sub-district.

At scale 1 their statuses are exactly 64 employed, 51 internship, 30 informal, 82 further study,
49 seeking and 12 not eligible. The cohort is every person whose `graduation_date` falls in
`demo.cohort_year` (no one else has one that year). Seekers are split into three groups and their
households are served by the sub-district's pair of helpers (primary and partner).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..models import Household, Person
from .context import Demo
from .households import add_person, birth_date, later, make_household
from .work import (
    GRADUATE_DIFFICULTIES,
    GRADUATE_GROUPS,
    INDUSTRIES,
    PUBLIC_WELFARE_INDUSTRY,
    SCHOOLS,
)

COHORT = {"employed": 64, "internship": 51, "informal": 30, "further_study": 82, "seeking": 49,
          "not_eligible": 12}
CATEGORY_OF = {"seeking": "graduate_active_search", "employed": "settled", "internship":
               "underemployed_not_seeking", "informal": "underemployed_not_seeking",
               "further_study": "underemployed_not_seeking", "not_eligible": "settled"}
LEVELS = (("bachelor", 50, 22), ("associate", 20, 21), ("vocational", 10, 20), ("master", 17, 25),
          ("doctorate", 3, 28))
#: Share of other graduates who share a household with a sibling graduate.
SIBLING_SHARE = 0.45


def cohort_year(today: date) -> int:
    """The last summer's graduation year: the survey is of those who just left school."""
    return today.year if today >= date(today.year, 7, 1) else today.year - 1


def cohort_counts(scale: float) -> dict[str, int]:
    if scale == 1:
        return dict(COHORT)
    return {s: max(3 if s == "seeking" else 1, round(n * scale)) for s, n in COHORT.items()}


def _graduate(demo: Demo, household: Household, status: str, group: str | None) -> Person:
    rng = demo.rng
    industry = rng.choice([i for i in INDUSTRIES if i.name != PUBLIC_WELFARE_INDUSTRY])
    level, _weight, age = rng.choices(LEVELS, weights=[w for _l, w, _a in LEVELS])[0]
    graduated = date(demo.cohort_year, 6, rng.randint(20, 30))
    opened = graduated - timedelta(days=365 + rng.randint(-30, 30))
    gender = rng.choice(("female", "male"))
    pay_min = (industry.pay[0] + rng.randint(-5, 10) * 100) // 100 * 100
    direct = status in ("further_study", "not_eligible") or (status == "employed" and rng.random() < 0.3)
    path = [("studying", opened), (status if direct else "seeking", graduated)]
    person = add_person(
        demo, household, path=path, name=demo.name(gender), gender=gender,
        birth_date=birth_date(demo, age), phone=demo.zh.phone_number(),
        email=demo.zh.email() if rng.random() < 0.5 else None,
        wechat=f"wx_{rng.randint(10**7, 10**8 - 1)}" if rng.random() < 0.6 else None,
        school=rng.choice(SCHOOLS), major=rng.choice(industry.majors), education_level=level,
        graduation_date=graduated, category=CATEGORY_OF[status],
        intention_industry=industry.name, intention_role=rng.choice(industry.roles),
        intention_place=rng.choice(("虹口区", "上海市", household.committee.name)),
        intention_pay_min=pay_min, intention_pay_max=pay_min + rng.randint(15, 40) * 100,
        skills=rng.sample(industry.skills, k=min(len(industry.skills), rng.randint(1, 3))),
        difficulties=rng.sample(GRADUATE_DIFFICULTIES, k=rng.randint(1, 2))
        if status == "seeking" and rng.random() < 0.5 else [],
        disadvantaged=rng.random() < (0.25 if status == "seeking" else 0.08),
        group_name=group,
        guidance_step=rng.choice(("know", "adjust", "promote")) if status == "seeking"
        else "placed" if status in ("employed", "internship", "informal") else "know",
    )
    if not direct:
        person.status = "seeking"
        if status != "seeking":
            later(demo, person, status, graduated + timedelta(days=10))
    return person


def _make_graduate1(person: Person) -> None:
    """graduate1 is the seeds' Li Jie: a fashion-design graduate looking for work."""
    person.name, person.gender = "李杰", "male"
    person.school, person.major, person.education_level = "河北科技大学", "服装设计", "bachelor"
    person.intention_industry, person.intention_role = "服装", "服装设计助理"
    person.intention_place, person.intention_pay_min, person.intention_pay_max = "虹口区", 4500, 7000
    person.skills, person.difficulties = ["CAD制版", "手绘"], ["面试表现欠佳"]
    person.guidance_step, person.disadvantaged = "promote", False


def build_cohort(demo: Demo) -> None:
    rng = demo.rng
    sub = demo.subdistricts[0]
    committees = demo.committees[sub.name]
    helper1, helper2 = demo.helpers_of[sub.name]
    statuses = [s for s, n in cohort_counts(demo.scale).items() for _ in range(n)]
    rng.shuffle(statuses)
    seekers = [s for s in statuses if s == "seeking"]
    others = [s for s in statuses if s != "seeking"]
    opened = date(demo.cohort_year - 1, 6, 1)
    # Seekers: one household each, served by the pair; groups 1 and 3 led by helper1.
    for index, status in enumerate(seekers):
        group = GRADUATE_GROUPS[index % 3]
        primary, partner = (helper2, helper1) if index % 3 == 1 else (helper1, helper2)
        zero = index % 8 == 5  # six zero-employment families among the 49
        home = make_household(demo, rng.choice(committees), primary, partner, opened,
                              sub_index=0, zero_employment=zero)
        graduate = _graduate(demo, home, status, group)
        if index == 0:
            _make_graduate1(graduate)
            demo.graduate1 = graduate
        if zero:
            _zero_employment_parents(demo, home)
    # Everyone else: helper1 looks after the first two committees, helper2 the other two.
    household: Household | None = None
    size = 0
    for status in others:
        if household is None or size > 1 or rng.random() >= SIBLING_SHARE:
            committee_index = rng.randrange(len(committees))
            primary = helper1 if committee_index < 2 else helper2
            household = make_household(demo, committees[committee_index], primary, None, opened,
                                       sub_index=0)
            size = 0
        _graduate(demo, household, status, None)
        size += 1


def _zero_employment_parents(demo: Demo, household: Household) -> None:
    rng = demo.rng
    for _ in range(rng.randint(1, 2)):
        gender = rng.choice(("female", "male"))
        since = demo.today - timedelta(days=rng.randint(200, 700))
        add_person(demo, household, path=[(rng.choice(("seeking", "unemployed")), since)],
                   name=demo.name(gender), gender=gender, birth_date=birth_date(demo, rng.randint(45, 58)),
                   phone=demo.zh.phone_number(), education_level=rng.choice(("secondary", "vocational")),
                   category="zero_employment_family", difficulties=[rng.choice(("4050人员", "技能单一"))])
