"""Ranking many open jobs for one person, fast: an index of pre-normalised job features.

Scoring 10,000 jobs one by one in Python is too slow for "Match" in one tap, and most jobs share
their industry, place, pay range and education asked. So the index groups jobs by each feature
(and keeps postings for majors, skills and title bigrams); a query computes each part's value
once per distinct key, with the very functions `server.matching.score` uses, and adds it to the
members. Only the top few are then explained pair by pair.

Each app (each worker, on any host) keeps one index of the live jobs and compares, on every
request, the commit-ordered `server.matching_version` with the version it was built from (one
primary-key read). When they differ, a new index is built in a background thread, off to the
side, and swapped in whole; requests meanwhile keep ranking with the old one. So a stale index
can never recommend a dead job, the few candidates it ranks first are read again from the
database on the way out: a job closed (or past its closing date) since is dropped, a changed one
is scored from its current row. Only a brand-new job waits for the swap (well under a second
for tens of thousands of jobs, see docs/benchmarks.md). Under `TESTING` the request that sees
the change builds the new index itself (`MATCHING_BUILD_IN_BACKGROUND` overrides), so no build
thread outlives a test's app and its database connections.
"""

from __future__ import annotations

import bisect
import heapq
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from . import matching_version
from .business_time import business_today
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
from .models import Area, Household, Job, Person


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


# --- the index of the database's live jobs, one per app, swapped whole ---------------------

_JOB_COLUMNS = (
    Job.id, Job.title, Job.industry, Job.majors, Job.skills, Job.area_id, Job.place, Job.pay_min,
    Job.pay_max, Job.education_level, Job.public_welfare,
)
#: How many more candidates than asked are read back, so a few dead ones do not shorten a page.
SPARE = 5

log = logging.getLogger(__name__)


def live_jobs_filter(today: date) -> Any:
    return Job.is_open.is_(True) & ((Job.closing_date.is_(None)) | (Job.closing_date >= today))


def build_index(today: date | None = None) -> JobIndex:
    """Read every live job once (columns only, no ORM objects) and index them."""
    today = today or business_today()
    areas: Areas = {i: (kind, parent, name) for i, kind, parent, name in db.session.execute(
        select(Area.id, Area.kind, Area.parent_id, Area.name))}
    rows = db.session.execute(select(*_JOB_COLUMNS).where(live_jobs_filter(today)).order_by(
        Job.created_at, Job.id))
    return JobIndex([job_features(row, areas) for row in rows], areas)


#: What an index was built from: the day (closing dates) and the matching version.
Key = tuple[date, int]


@dataclass
class LiveJobs:
    """A built index, ranking through a check of its candidates' current rows."""

    index: JobIndex
    key: Key

    @property
    def areas(self) -> Areas:
        return self.index.areas

    def __len__(self) -> int:
        return len(self.index)

    def rank(self, p: PersonFeatures, limit: int = 10,
             exclude: Iterable[Any] = ()) -> list[tuple[JobFeatures, dict[str, Any]]]:
        """The best `limit` live jobs with their explained matches, from their current rows."""
        skip = set(exclude)
        want = limit + SPARE
        while True:
            picked = [self.index.jobs[i].id for i in self.index.top(p, want, skip)]
            fresh = current_features(picked, self.key[0], self.areas)
            if len(fresh) >= limit or len(picked) < want:
                break
            want *= 2  # many candidates died since the build: look further down
        ranked = JobIndex(fresh, self.areas)
        return [(ranked.jobs[i], score(p, ranked.jobs[i])) for i in ranked.top(p, limit)]


def current_features(job_ids: Sequence[Any], today: date, areas: Areas) -> list[JobFeatures]:
    """The features of those of `job_ids` that are live now, read from their rows."""
    if not job_ids:
        return []
    rows = db.session.execute(select(*_JOB_COLUMNS).where(
        Job.id.in_(job_ids), live_jobs_filter(today)))
    order = {job_id: n for n, job_id in enumerate(job_ids)}
    return sorted((job_features(row, areas) for row in rows), key=lambda f: order[f.id])


class JobIndexCache:
    """One app's index: the newest built one, and at most one build under way."""

    def __init__(self) -> None:
        self.live: LiveJobs | None = None
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self._wanted: Key | None = None

    def get(self, app: Flask) -> LiveJobs:
        key = (business_today(), matching_version.current(db.session))
        live = self.live
        if live is None:
            with self._lock:  # the first request of a worker builds it; the others wait once
                if self.live is None:
                    self.live = LiveJobs(build_index(key[0]), key)
                return self.live
        if live.key == key:
            return live
        if app.config.get("MATCHING_BUILD_IN_BACKGROUND", not app.testing):
            self.rebuild(app, key)
            return live
        with self._lock:  # tests: no thread outlives the app that started it
            self.live = LiveJobs(build_index(key[0]), key)
            return self.live

    def rebuild(self, app: Flask, key: Key) -> None:
        """Build the index for `key` in a thread of its own, unless one is under way."""
        with self._lock:
            self._wanted = key
            if self._building is not None:
                return
            self._building = threading.Thread(
                target=self._build, args=(app,), name="doorstep-job-index", daemon=True)
            self._building.start()

    def _build(self, app: Flask) -> None:
        while True:
            with self._lock:
                key = self._wanted
                if key is None or (self.live is not None and self.live.key == key):
                    self._building = None
                    return
                self._wanted = None
            try:
                with app.app_context():
                    built = LiveJobs(build_index(key[0]), key)
            except Exception:  # the next request that sees the change tries again
                log.exception("rebuilding the job index failed")
                with self._lock:
                    self._building = None
                return
            self.live = built

    def wait(self, timeout: float = 10.0) -> None:
        """Until no build is under way (tests)."""
        building = self._building
        if building is not None:
            building.join(timeout)


def index_cache(app: Flask | None = None) -> JobIndexCache:
    """This app's cache (made at first use)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    cache: JobIndexCache = app.extensions.setdefault("doorstep_job_index", JobIndexCache())
    return cache


def job_index() -> LiveJobs:
    """The current app's index of live jobs (a change seen makes a new one in the background)."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    return index_cache(app).get(app)


def features_of(person: Person, index: LiveJobs | JobIndex) -> PersonFeatures:
    household = db.session.get(Household, person.household_id)
    return person_features(person, household, index.areas)
