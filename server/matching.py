"""Person–job matching: a score made of named parts, each with a reason a helper can read out.

A match is the sum of weighted parts, each a value (mostly in [0, 1]) for one question a helper asks:
does the major fit, is it the industry and the role they want, do they have the skills, is it
near home (same committee > sub-district > district, or the place they asked for), does the pay
meet what they expect, do they have the education it asks for, and is it a public-welfare post
for someone who needs one (employment difficulties, zero-employment family, disadvantaged).

Features are normalised once (`PersonFeatures`, `JobFeatures`); `score()` is the reference
scorer that explains one pair. `server.matching_index.JobIndex` ranks thousands of jobs with the
same part functions, so the ranking and its explanation can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .matching_text import (
    ANYWHERE,
    EDUCATION_LABEL,
    EDUCATION_RANK,
    SUPPORT_LABEL,
    contains_either,
    dice,
    grams,
    major_family,
    norm,
    pay_text,
    reason,
)
from .models import Area, Household, Job, Person

#: Weight of each part. A perfect fit scores 1 (a supported person's public-welfare fit can lift
#: a score past 1 before clipping); missing education can take a score down.
WEIGHTS: dict[str, float] = {
    "major": 0.25,
    "industry": 0.15,
    "role": 0.15,
    "skills": 0.10,
    "place": 0.15,
    "pay": 0.10,
    "education": 0.10,
    "public_welfare": 0.15,
}
#: Value of a related (same family) major, and of the place levels.
RELATED_MAJOR = 0.6
PLACE_VALUE = {"committee": 1.0, "subdistrict": 0.7, "district": 0.4, "wanted": 0.8}
#: Role similarity below this (bigram Dice) is no similarity.
ROLE_MIN_DICE = 0.6
#: Falling short of the education a job asks for costs this many times what meeting it earns:
#: it all but rules the job out, whatever else fits.
EDUCATION_SHORTFALL = 3.0
#: Format version of `Recommendation.match`.
MATCH_VERSION = 2

Areas = dict[Any, tuple[str, Any, str]]  # id → (kind, parent_id, name)


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is: its committee, sub-district and district ids and their names."""

    committee: Any = None
    subdistrict: Any = None
    district: Any = None
    names: tuple[str, str, str] = ("", "", "")

    @classmethod
    def of(cls, area_id: Any, areas: Areas) -> Place:
        ids: dict[str, Any] = {}
        names = {"committee": "", "subdistrict": "", "district": ""}
        current = area_id
        while current is not None and current in areas:
            kind, parent, name = areas[current]
            ids[kind] = current
            names[kind] = name
            current = parent
        return cls(ids.get("committee"), ids.get("subdistrict"), ids.get("district"),
                   (names["committee"], names["subdistrict"], names["district"]))


@dataclass(slots=True)
class PersonFeatures:
    major: str = ""
    major_label: str = ""
    family: int | None = None
    industry: str = ""
    industry_label: str = ""
    role: str = ""
    role_label: str = ""
    role_grams: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    home: Place = field(default_factory=Place)
    wanted_place: str = ""
    wanted_place_label: str = ""
    pay_min: int | None = None
    education: int | None = None
    education_code: str | None = None
    #: Why a public-welfare post suits them (`zero_employment_family`...), or None.
    support: str | None = None


@dataclass(slots=True)
class JobFeatures:
    id: Any
    title: str = ""
    industry: str = ""
    industry_label: str = ""
    majors: tuple[str, ...] = ()
    major_labels: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    skill_labels: tuple[str, ...] = ()
    place: Place = field(default_factory=Place)
    place_text: str = ""
    pay_min: int | None = None
    pay_max: int | None = None
    education: int | None = None
    education_code: str | None = None
    public_welfare: bool = False


def person_features(person: Person, household: Household | None, areas: Areas) -> PersonFeatures:
    """Normalise a person's file once for matching. `household` gives home and family flags."""
    major = norm(person.major)
    role = norm(person.intention_role)
    wanted = norm(person.intention_place)
    support = None
    if person.category == "zero_employment_family" or (household and household.zero_employment):
        support = "zero_employment_family"
    elif person.category == "employment_difficulty":
        support = "employment_difficulty"
    elif person.disadvantaged:
        support = "disadvantaged"
    return PersonFeatures(
        major=major, major_label=person.major or "", family=major_family(major),
        industry=norm(person.intention_industry), industry_label=person.intention_industry or "",
        role=role, role_label=person.intention_role or "", role_grams=grams(role),
        skills=frozenset(s for s in (norm(x) for x in person.skills or []) if s),
        home=Place.of(household.committee_id, areas) if household else Place(),
        wanted_place="" if wanted in ANYWHERE else wanted,
        wanted_place_label=person.intention_place or "",
        pay_min=person.intention_pay_min,
        education=EDUCATION_RANK.get(person.education_level or ""),
        education_code=person.education_level, support=support,
    )


def job_features(job: Job | Any, areas: Areas) -> JobFeatures:
    """Normalise a job (or a row with its columns) once; the index keeps these for open jobs."""
    majors = [(norm(m), m) for m in job.majors or [] if norm(m)]
    skills = [(norm(s), s) for s in job.skills or [] if norm(s)]
    place = Place.of(job.area_id, areas)
    return JobFeatures(
        id=job.id, title=norm(job.title), industry=norm(job.industry),
        industry_label=job.industry or "",
        majors=tuple(m for m, _ in majors), major_labels=tuple(label for _, label in majors),
        skills=tuple(s for s, _ in skills), skill_labels=tuple(label for _, label in skills),
        place=place, place_text=norm(" ".join(x for x in (job.place, *place.names) if x)),
        pay_min=job.pay_min, pay_max=job.pay_max,
        education=EDUCATION_RANK.get(job.education_level or ""),
        education_code=job.education_level, public_welfare=bool(job.public_welfare),
    )


# --- the parts: each returns (value, reason or None) ------------------------------------------
# The index calls the same functions once per distinct key, so keep them free of job identity.

Part = tuple[float, dict[str, Any] | None]


def major_value(p: PersonFeatures, job_major: str) -> float:
    if not p.major or not job_major:
        return 0.0
    if contains_either(p.major, job_major):
        return 1.0
    if p.family is not None and major_family(job_major) == p.family:
        return RELATED_MAJOR
    return 0.0


def major_part(p: PersonFeatures, j: JobFeatures) -> Part:
    best, label = 0.0, ""
    for key, job_label in zip(j.majors, j.major_labels, strict=True):
        value = major_value(p, key)
        if value > best:
            best, label = value, job_label
    if best == 1.0:
        return best, reason("major", "major_same", major=p.major_label)
    if best:
        return best, reason("major", "major_related", major=p.major_label, job_major=label)
    return 0.0, None


def industry_value(p: PersonFeatures, industry: str) -> float:
    return 1.0 if contains_either(p.industry, industry) else 0.0


def industry_part(p: PersonFeatures, j: JobFeatures) -> Part:
    if industry_value(p, j.industry):
        return 1.0, reason("industry", "industry_same", industry=j.industry_label)
    return 0.0, None


def role_value(p: PersonFeatures, title: str) -> float:
    if not p.role or not title:
        return 0.0
    if contains_either(p.role, title):
        return 1.0
    similarity = dice(p.role_grams, grams(title))
    return round(similarity, 3) if similarity >= ROLE_MIN_DICE else 0.0


def role_part(p: PersonFeatures, j: JobFeatures) -> Part:
    value = role_value(p, j.title)
    if value == 1.0:
        return value, reason("role", "role_same", role=p.role_label)
    if value:
        return value, reason("role", "role_similar", role=p.role_label)
    return 0.0, None


def skills_value(matched: int, asked: int) -> float:
    return round(matched / asked, 3) if asked else 0.0


def skills_part(p: PersonFeatures, j: JobFeatures) -> Part:
    matched = {key: label for key, label in zip(j.skills, j.skill_labels, strict=True)
               if key in p.skills}
    value = skills_value(len(matched), len(set(j.skills)))
    if value:
        return value, reason("skills", "skills", skills="、".join(matched.values()))
    return 0.0, None


def area_value(p: PersonFeatures, place: Place) -> tuple[float, str | None, str]:
    """How near the job's area is to home: the level and the area's name."""
    home = p.home
    if place.committee is not None and place.committee == home.committee:
        return PLACE_VALUE["committee"], "place_committee", place.names[0]
    if place.subdistrict is not None and place.subdistrict == home.subdistrict:
        return PLACE_VALUE["subdistrict"], "place_subdistrict", place.names[1]
    if place.district is not None and place.district == home.district:
        return PLACE_VALUE["district"], "place_district", place.names[2]
    return 0.0, None, ""


def place_value(p: PersonFeatures, place: Place, place_text: str) -> float:
    value = area_value(p, place)[0]
    if p.wanted_place and contains_either(p.wanted_place, place_text):
        value = max(value, PLACE_VALUE["wanted"])
    return value


def place_part(p: PersonFeatures, j: JobFeatures) -> Part:
    value, code, name = area_value(p, j.place)
    wanted = bool(p.wanted_place) and contains_either(p.wanted_place, j.place_text)
    if wanted and PLACE_VALUE["wanted"] > value:
        return PLACE_VALUE["wanted"], reason("place", "place_wanted", place=p.wanted_place_label)
    if code:
        return value, reason("place", code, area=name)
    return 0.0, None


def pay_value(want: int | None, low: int | None, high: int | None) -> tuple[float, str | None]:
    if not want:
        return 0.0, None
    if low is None and high is None:
        return 0.3, "pay_unknown"
    low = low if low is not None else high
    high = high if high is not None else low
    assert low is not None and high is not None
    if low >= want:
        return 1.0, "pay_meets"
    if high >= want:
        return 0.8, "pay_reaches"
    if high >= 0.85 * want:
        return 0.4, "pay_close"
    return 0.0, "pay_below"


def pay_part(p: PersonFeatures, j: JobFeatures) -> Part:
    value, code = pay_value(p.pay_min, j.pay_min, j.pay_max)
    if code is None:
        return 0.0, None
    return value, reason("pay", code, positive=value >= 0.8, pay=pay_text(j.pay_min, j.pay_max),
                         want=p.pay_min)


def education_value(level: int | None, required: int | None) -> float:
    """Met (or nothing asked): 1; unknown: 0; short of it: -EDUCATION_SHORTFALL."""
    if required is None:
        return 1.0
    if level is None:
        return 0.0
    return 1.0 if level >= required else -EDUCATION_SHORTFALL


def education_part(p: PersonFeatures, j: JobFeatures) -> Part:
    value = education_value(p.education, j.education)
    if j.education_code is None:
        return value, None
    required = EDUCATION_LABEL[j.education_code]
    if value > 0:
        return value, reason("education", "education_met", required=required)
    if value < 0:
        level = EDUCATION_LABEL[p.education_code or "secondary"]
        return value, reason("education", "education_unmet", positive=False, required=required,
                             level=level)
    return value, reason("education", "education_unknown", positive=False, required=required)


def welfare_value(p: PersonFeatures, public_welfare: bool) -> float:
    return 1.0 if public_welfare and p.support else 0.0


def welfare_part(p: PersonFeatures, j: JobFeatures) -> Part:
    if welfare_value(p, j.public_welfare):
        assert p.support is not None
        return 1.0, reason("public_welfare", "public_welfare", group=SUPPORT_LABEL[p.support])
    return 0.0, None


PARTS = {
    "major": major_part, "industry": industry_part, "role": role_part, "skills": skills_part,
    "place": place_part, "pay": pay_part, "education": education_part,
    "public_welfare": welfare_part,
}


def clip(total: float) -> float:
    return round(min(1.0, max(0.0, total)), 3)


def score(p: PersonFeatures, j: JobFeatures) -> dict[str, Any]:
    """The match of one pair: `{version, score, parts, reasons}`.

    `parts` maps each part to its weighted contribution (they add up to the score before it is
    clipped to [0, 1]); `reasons` lists the ones worth saying, positive first.
    """
    parts: dict[str, float] = {}
    reasons: list[dict[str, Any]] = []
    total = 0.0
    for name, fn in PARTS.items():
        value, why = fn(p, j)
        contribution = WEIGHTS[name] * value
        total += contribution
        if value:
            parts[name] = round(contribution, 3)
        if why is not None:
            reasons.append(why)
    reasons.sort(key=lambda r: not r["positive"])
    return {"version": MATCH_VERSION, "score": clip(total), "parts": parts, "reasons": reasons}


def load_areas() -> Areas:
    from sqlalchemy import select

    from .extensions import db

    return {i: (kind, parent, name) for i, kind, parent, name in db.session.execute(
        select(Area.id, Area.kind, Area.parent_id, Area.name))}


def explain(person: Person, job: Job) -> dict[str, Any]:
    """Score parts and reasons for recommending `job` to `person` (stored on the recommendation)."""
    areas = load_areas()
    return score(person_features(person, person.household, areas), job_features(job, areas))
