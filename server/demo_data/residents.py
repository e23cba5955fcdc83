"""Residents other than the cohort: every category of the cadence table, in every sub-district.

Zero-employment families (with the household flag), people with employment difficulties, the
unemployed who want work, people on unemployment insurance, the underemployed, settled
households (including an empty household and someone unreachable), last year's graduates still
searching, and students whose file is opened a year before they graduate.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from ..models import Household, User
from .context import Demo
from .households import add_person, birth_date, later, make_household
from .work import INDUSTRIES, PUBLIC_WELFARE_INDUSTRY, RESIDENT_DIFFICULTIES, SCHOOLS

#: Resident households per sub-district at scale 1 (the cohort fills most of the first).
HOUSEHOLDS_PER_SUBDISTRICT = (14, 40, 40)
#: Share of households in sub-districts 2 and 3 that the pair shares.
SHARED_SHARE = 0.12
#: Share of households registered in the last weeks and not yet visited.
FRESH_SHARE = 0.05


def _adult(demo: Demo, household: Household, status: str, category: str, since: date,
           **extra: Any) -> Any:
    rng = demo.rng
    gender = rng.choice(("female", "male"))
    industry = rng.choice(INDUSTRIES)
    fields: dict[str, Any] = dict(
        name=demo.name(gender), gender=gender, birth_date=birth_date(demo, rng.randint(24, 58)),
        phone=demo.zh.phone_number(), education_level=rng.choice(("secondary", "vocational", "associate")),
        category=category, intention_industry=industry.name, intention_role=rng.choice(industry.roles),
        intention_pay_min=industry.pay[0], intention_pay_max=industry.pay[1],
        skills=rng.sample(industry.skills, k=1),
    )
    fields.update(extra)
    return add_person(demo, household, path=[(status, since)], **fields)


def _since(demo: Demo) -> date:
    return demo.today - timedelta(days=demo.rng.randint(60, 900))


def _zero_employment(demo: Demo, hh: Household) -> None:
    hh.zero_employment = True
    since = _since(demo)
    for _ in range(demo.rng.randint(1, 3)):
        _adult(demo, hh, demo.rng.choice(("seeking", "unemployed")), "zero_employment_family", since,
               difficulties=[demo.rng.choice(RESIDENT_DIFFICULTIES)])


def _difficulty(demo: Demo, hh: Household) -> None:
    _adult(demo, hh, demo.rng.choice(("seeking", "seeking", "unemployed")), "employment_difficulty",
           _since(demo), difficulties=demo.rng.sample(RESIDENT_DIFFICULTIES, k=2),
           disadvantaged=demo.rng.random() < 0.4, intention_industry=PUBLIC_WELFARE_INDUSTRY)
    _settled_member(demo, hh)


def _unemployed_seeking(demo: Demo, hh: Household) -> None:
    since = _since(demo)
    person = _adult(demo, hh, "unemployed", "unemployed_seeking", since)
    later(demo, person, "seeking", since + timedelta(days=7))
    _settled_member(demo, hh)


def _insurance(demo: Demo, hh: Household) -> None:
    _adult(demo, hh, "seeking", "unemployment_insurance", demo.today - timedelta(days=demo.rng.randint(30, 300)),
           notes_summary="领取失业保险金，按月到服务站登记求职。")
    _settled_member(demo, hh)


def _underemployed(demo: Demo, hh: Household) -> None:
    since = _since(demo)
    person = _adult(demo, hh, "unemployed", "underemployed_not_seeking", since)
    if demo.rng.random() < 0.6:
        later(demo, person, "informal", since + timedelta(days=14))


def _settled(demo: Demo, hh: Household) -> None:
    roll = demo.rng.random()
    if roll < 0.15:
        _adult(demo, hh, "not_eligible", "settled", _since(demo), notes_summary="空挂户：人户分离，户内无人居住。")
    elif roll < 0.3:
        _adult(demo, hh, "unemployed", "settled", _since(demo), notes_summary="投递简历后多次联系不上。")
    else:
        since = _since(demo)
        person = _adult(demo, hh, "seeking", "settled", since)
        later(demo, person, "employed", since + timedelta(days=20))
        _settled_member(demo, hh)


def _settled_member(demo: Demo, hh: Household) -> None:
    for _ in range(demo.rng.choice((0, 1, 1, 2))):
        _adult(demo, hh, "employed", "settled", _since(demo))


def _older_graduate(demo: Demo, hh: Household) -> None:
    rng = demo.rng
    industry = rng.choice([i for i in INDUSTRIES if i.name != PUBLIC_WELFARE_INDUSTRY])
    graduated = date(demo.cohort_year - rng.randint(1, 2), 6, 28)
    opened = graduated - timedelta(days=330)
    _adult(demo, hh, "studying", "graduate_active_search", opened, school=rng.choice(SCHOOLS),
           major=rng.choice(industry.majors), education_level="bachelor", graduation_date=graduated,
           intention_industry=industry.name, birth_date=birth_date(demo, rng.randint(23, 25)))
    later(demo, demo.persons[-1], "seeking", graduated)
    _settled_member(demo, hh)


def _student(demo: Demo, hh: Household) -> None:
    """A file opened about a year ahead of graduation (DOMAIN.md, "one person, one file")."""
    rng = demo.rng
    industry = rng.choice([i for i in INDUSTRIES if i.name != PUBLIC_WELFARE_INDUSTRY])
    _adult(demo, hh, "studying", "graduate_active_search", demo.today - timedelta(days=rng.randint(20, 120)),
           school=rng.choice(SCHOOLS), major=rng.choice(industry.majors),
           education_level=rng.choice(("bachelor", "associate")),
           graduation_date=date(demo.cohort_year + 1, 6, 30), intention_industry=industry.name,
           birth_date=birth_date(demo, rng.randint(20, 22)))
    _settled_member(demo, hh)


KINDS: tuple[tuple[Callable[[Demo, Household], None], int], ...] = (
    (_zero_employment, 12), (_difficulty, 16), (_unemployed_seeking, 16), (_insurance, 10),
    (_underemployed, 12), (_settled, 14), (_older_graduate, 10), (_student, 10),
)


def build_residents(demo: Demo) -> None:
    rng = demo.rng
    for sub_index, sub in enumerate(demo.subdistricts):
        pair: list[User] = demo.helpers_of[sub.name]
        count = demo.scaled(HOUSEHOLDS_PER_SUBDISTRICT[sub_index], minimum=len(KINDS) if sub_index else 2)
        for n in range(count):
            # Every kind at least once per sub-district, then by weight.
            kind = KINDS[n][0] if n < len(KINDS) and sub_index else rng.choices(
                [k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0]
            primary = pair[n % 2]
            shared = kind is _zero_employment or (sub_index > 0 and rng.random() < SHARED_SHARE)
            fresh = rng.random() < FRESH_SHARE
            opened = demo.today - timedelta(days=rng.randint(0, 25) if fresh else 900)
            hh = make_household(demo, rng.choice(demo.committees[sub.name]), primary,
                                pair[(n + 1) % 2] if shared else None, opened, sub_index=sub_index)
            if fresh:
                # Registered in the last weeks and not visited yet: due from the day they registered.
                demo.fresh_households.add(hh.id)
                _adult(demo, hh, "seeking", rng.choice(("unemployed_seeking", "employment_difficulty")),
                       opened)
            else:
                kind(demo, hh)
