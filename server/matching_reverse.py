"""Matching from the other side: for a vacancy or an event, the best candidates ("一键人岗匹配").

The person → jobs ranking (`server.matching_index`) is turned round with the very same scorer,
`server.matching.score`, so a candidate's score and reasons are exactly what the person's own
match list would say about that job. The candidates are the persons the caller may reach
(`scoping.persons`: a helper's caseload, a supervisor's sub-district, the district for an
admin) who are looking for work; one query reads them with their homes as plain rows, one
reads the areas, and each is valued in memory with the index's part values (`JobIndex.totals`,
no reasons built); only the few kept are explained by `score`.

An event is matched through its vacancies: each person's best-fitting vacancy of the event is
their score, and the reasons name that vacancy.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from . import scoping
from .extensions import db
from .matching import PersonFeatures, clip, job_features, load_areas, person_features, score
from .matching_index import JobIndex
from .models import Household, Job, Person, User

#: Statuses of persons who are not looking for a job now: never suggested.
NOT_LOOKING = frozenset({"employed", "further_study", "studying", "not_eligible"})


@dataclass(frozen=True, slots=True)
class Candidate:
    #: A row with the person's columns (id, name, status, category, major, household_id...).
    person: Any
    job_id: uuid.UUID
    match: dict[str, Any]


#: What scoring and the answer read of a person (plain rows: no ORM objects for thousands).
_COLUMNS = (Person.id, Person.name, Person.status, Person.category, Person.major,
            Person.household_id, Person.disadvantaged, Person.education_level, Person.skills,
            Person.intention_industry, Person.intention_role, Person.intention_place,
            Person.intention_pay_min, Household.committee_id, Household.zero_employment)


def _looking(user: User) -> Iterable[Any]:
    """Rows of the persons in `user`'s scope who are looking for work, with their home."""
    query = scoping.persons(user).with_only_columns(*_COLUMNS).where(
        Person.status.not_in(NOT_LOOKING))
    yield from db.session.execute(query)


def rank(user: User, jobs: Sequence[Job], *, limit: int = 20,
         exclude: Iterable[uuid.UUID] = ()) -> tuple[list[Candidate], int]:
    """The `limit` best candidates for any of `jobs` (best fit each), and how many were scored.

    Every person is valued with the index's part values (no reasons built); only the few kept
    are then explained by `score`, which gives the same number (clipped).
    """
    if not jobs:
        return [], 0
    areas = load_areas()
    index = JobIndex([job_features(job, areas) for job in jobs], areas)
    skip = set(exclude)
    valued: list[tuple[float, str, Any, PersonFeatures, int]] = []
    seen = 0
    for person in _looking(user):
        if person.id in skip:
            continue
        seen += 1
        p = person_features(person, person, areas)  # the row carries the home's columns
        totals = index.totals(p)
        best = max(range(len(totals)), key=totals.__getitem__)  # the first of equals
        if clip(totals[best]) > 0:
            valued.append((clip(totals[best]), person.name, person, p, best))
    # Ties by name, so the list is the same on every call.
    top = heapq.nsmallest(limit, valued, key=lambda v: (-v[0], v[1]))
    return [Candidate(person, index.jobs[i].id, score(p, index.jobs[i]))
            for _, _, person, p, i in top], seen


def jobs_of(job_ids: Iterable[str]) -> list[Job]:
    """The open vacancies among `job_ids` (an event's), in the order given."""
    keys = [uuid.UUID(str(j)) for j in job_ids]
    if not keys:
        return []
    found = {j.id: j for j in db.session.scalars(select(Job).where(Job.id.in_(keys),
                                                                    Job.is_open.is_(True)))}
    return [found[k] for k in keys if k in found]
