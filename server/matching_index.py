"""Ranking many open jobs for one person, fast: an index of pre-normalised job features.

Scoring 10,000 jobs one by one in Python is too slow for "Match" in one tap, and most jobs share
their industry, place, pay range and education asked. So the index groups jobs by each feature
(and keeps postings for majors, skills and title bigrams); a query computes each part's value
once per distinct key, with the very functions `server.matching.score` uses, and adds it to the
members. Only the top few are then explained pair by pair. The index is built from the database
once and rebuilt when a job or an area changes: at once when the change is made in this process
(a session hook), and within `RECHECK_SECONDS` when another worker made it (a fingerprint query,
which scans the job table and so is not run on every request).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from .extensions import db
from .matching import (
    WEIGHTS,
    Areas,
    JobFeatures,
    PersonFeatures,
    education_value,
    industry_value,
    job_features,
    major_value,
    pay_value,
    person_features,
    place_value,
    role_value,
    score,
    skills_value,
    welfare_value,
)
from .matching_text import grams
from .models import Area, Household, Job, Person, utcnow


class JobIndex:
    """Open jobs' features grouped for ranking (see module docstring)."""

    def __init__(self, jobs: Sequence[JobFeatures], areas: Areas | None = None) -> None:
        self.jobs = list(jobs)
        self.areas: Areas = areas or {}
        self.by_id = {j.id: i for i, j in enumerate(self.jobs)}
        self.by_major: dict[str, list[int]] = defaultdict(list)
        self.by_industry: dict[str, list[int]] = defaultdict(list)
        self.by_title: dict[str, list[int]] = defaultdict(list)
        self.title_grams: dict[str, set[str]] = defaultdict(set)
        self.short_titles: set[str] = set()
        self.by_skill: dict[str, list[int]] = defaultdict(list)
        self.skill_count: list[int] = []
        self.by_place: dict[tuple[Any, str], list[int]] = defaultdict(list)
        self.by_area: dict[Any, list[int]] = defaultdict(list)
        self.by_pay: dict[tuple[int | None, int | None], list[int]] = defaultdict(list)
        self.by_education: dict[int | None, list[int]] = defaultdict(list)
        self.welfare: list[int] = []
        for i, job in enumerate(self.jobs):
            for key in set(job.majors):
                self.by_major[key].append(i)
            if job.industry:
                self.by_industry[job.industry].append(i)
            if job.title:
                self.by_title[job.title].append(i)
                if len(job.title) < 2:
                    self.short_titles.add(job.title)
                for gram in grams(job.title):
                    self.title_grams[gram].add(job.title)
            skills = set(job.skills)
            for key in skills:
                self.by_skill[key].append(i)
            self.skill_count.append(len(skills))
            self.by_place[(job.place, job.place_text)].append(i)
            self.by_area[job.place].append(i)
            self.by_pay[(job.pay_min, job.pay_max)].append(i)
            self.by_education[job.education].append(i)
            if job.public_welfare:
                self.welfare.append(i)
        # Pay ranges by their top, so a query skips the ranges far below what a person expects.
        known = [k for k in self.by_pay if k != (None, None)]
        known.sort(key=_top)
        self.pay_keys = known
        self.pay_tops = [_top(k) for k in known]

    def __len__(self) -> int:
        return len(self.jobs)

    def totals(self, p: PersonFeatures) -> list[float]:
        """Every job's unclipped score for `p`, parts added in `score()`'s order."""
        s = [0.0] * len(self.jobs)

        def add(members: Iterable[int], contribution: float) -> None:
            if contribution:
                for i in members:
                    s[i] += contribution

        if p.major:
            best: dict[int, float] = {}
            for key, members in self.by_major.items():
                value = major_value(p, key)
                if value:
                    for i in members:
                        if value > best.get(i, 0.0):
                            best[i] = value
            for i, value in best.items():
                s[i] += WEIGHTS["major"] * value
        if p.industry:
            for key, members in self.by_industry.items():
                add(members, WEIGHTS["industry"] * industry_value(p, key))
        if p.role:
            titles: set[str] = set(self.short_titles)
            if len(p.role) < 2:
                titles = set(self.by_title)
            for gram in p.role_grams:
                titles |= self.title_grams.get(gram, set())
            for title in titles:
                add(self.by_title[title], WEIGHTS["role"] * role_value(p, title))
        if p.skills:
            matched: dict[int, int] = defaultdict(int)
            for key in p.skills:
                for i in self.by_skill.get(key, ()):
                    matched[i] += 1
            for i, count in matched.items():
                s[i] += WEIGHTS["skills"] * skills_value(count, self.skill_count[i])
        if p.wanted_place:
            for (place, text), members in self.by_place.items():
                add(members, WEIGHTS["place"] * place_value(p, place, text))
        else:  # without a wanted place only the area counts: far fewer keys
            for place, members in self.by_area.items():
                add(members, WEIGHTS["place"] * place_value(p, place, ""))
        if p.pay_min:
            # Ranges whose top is under 85% of the expectation score 0 (`pay_value`): skip them.
            start = bisect.bisect_left(self.pay_tops, 0.85 * p.pay_min)
            for pay_key in [*self.pay_keys[start:], (None, None)]:
                in_range = self.by_pay.get(pay_key)
                if in_range:
                    add(in_range, WEIGHTS["pay"] * pay_value(p.pay_min, *pay_key)[0])
        for level, members in self.by_education.items():
            add(members, WEIGHTS["education"] * education_value(p.education, level))
        if p.support:
            add(self.welfare, WEIGHTS["public_welfare"] * welfare_value(p, True))
        return s

    def top(self, p: PersonFeatures, limit: int = 10, exclude: Iterable[Any] = ()) -> list[int]:
        """Indices of the `limit` best jobs for `p`, best first (ties keep index order)."""
        s = self.totals(p)
        skip = {self.by_id[job_id] for job_id in exclude if job_id in self.by_id}
        best = heapq.nlargest(limit + len(skip), range(len(s)), key=s.__getitem__)
        return [i for i in best if i not in skip][:limit]

    def rank(self, p: PersonFeatures, limit: int = 10,
             exclude: Iterable[Any] = ()) -> list[tuple[JobFeatures, dict[str, Any]]]:
        """The best `limit` jobs with their explained matches."""
        return [(self.jobs[i], score(p, self.jobs[i])) for i in self.top(p, limit, exclude)]


def _top(key: tuple[int | None, int | None]) -> int:
    low, high = key
    return high if high is not None else low or 0


# --- the index of the database's open jobs, cached per app ------------------------------------

_JOB_COLUMNS = (
    Job.id, Job.title, Job.industry, Job.majors, Job.skills, Job.area_id, Job.place, Job.pay_min,
    Job.pay_max, Job.education_level, Job.public_welfare,
)


#: How long a fingerprint is trusted before the database is asked again.
RECHECK_SECONDS = 1.0


@dataclass
class _Cached:
    fingerprint: tuple[Any, ...]
    index: JobIndex
    generation: int
    checked_at: float


_lock = threading.Lock()
_counter = itertools.count(1)
#: Bumped whenever a session of this process flushes a job or an area.
_generation = 0


@event.listens_for(Session, "after_flush")
def _jobs_changed(session: Session, _context: Any) -> None:
    global _generation
    touched = itertools.chain(session.new, session.dirty, session.deleted)
    if any(isinstance(obj, Job | Area) for obj in touched):
        _generation = next(_counter)


def live_jobs_filter(today: date) -> Any:
    return Job.is_open.is_(True) & ((Job.closing_date.is_(None)) | (Job.closing_date >= today))


def _fingerprint(today: date) -> tuple[Any, ...]:
    row = db.session.execute(
        select(func.count(Job.id), func.max(Job.updated_at), func.max(Job.created_at))
    ).one()
    areas = db.session.execute(select(func.count(Area.id), func.max(Area.updated_at))).one()
    return (today, *row, *areas)


def build_index(today: date | None = None) -> JobIndex:
    """Read every live job once (columns only, no ORM objects) and index them."""
    today = today or utcnow().date()
    areas: Areas = {i: (kind, parent, name) for i, kind, parent, name in db.session.execute(
        select(Area.id, Area.kind, Area.parent_id, Area.name))}
    rows = db.session.execute(select(*_JOB_COLUMNS).where(live_jobs_filter(today)).order_by(
        Job.created_at, Job.id))
    return JobIndex([job_features(row, areas) for row in rows], areas)


def job_index() -> JobIndex:
    """The current app's index of live jobs, rebuilt when jobs or areas changed."""
    cache: dict[str, _Cached] = current_app.extensions.setdefault("doorstep_matching", {})
    cached = cache.get("jobs")
    now, generation = time.monotonic(), _generation
    if (cached is not None and cached.generation == generation
            and now - cached.checked_at < RECHECK_SECONDS):
        return cached.index
    today = utcnow().date()
    fingerprint = _fingerprint(today)
    if cached is not None and cached.fingerprint == fingerprint:
        cached.generation, cached.checked_at = generation, now
        return cached.index
    with _lock:
        cached = _Cached(fingerprint, build_index(today), generation, now)
        cache["jobs"] = cached
    return cached.index


def features_of(person: Person, index: JobIndex) -> PersonFeatures:
    household = db.session.get(Household, person.household_id)
    return person_features(person, household, index.areas)
