"""Job recommendations in every state, each with the history of its moves (the funnel).

Seekers get a few each; some have applied or been interviewed at least three times in the last
90 days without being hired (the people a city platform singles out for targeted help); people
who found work through a recommendation have a `hired` one that ends on the day their status
changed; graduate1 has one in almost every state, two of them still waiting for an answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..extensions import db
from ..matching import job_features, load_areas, person_features, score
from ..models import Job, Person, Recommendation
from ..records.recommendations import history_entry
from .context import Demo
from .texts import DECLINE_REASONS, RECOMMENDATION_REASONS

#: The moves leading to each state (legal per vocabulary.RECOMMENDATION_MOVES).
PATHS = {
    "recommended": ["recommended"],
    "viewed": ["recommended", "viewed"],
    "interested": ["recommended", "viewed", "interested"],
    "declined": ["recommended", "viewed", "declined"],
    "applied": ["recommended", "viewed", "interested", "applied"],
    "interview": ["recommended", "viewed", "interested", "applied", "interview"],
    "rejected": ["recommended", "viewed", "interested", "applied", "interview", "rejected"],
    "hired": ["recommended", "viewed", "interested", "applied", "interview", "hired"],
}
SEEKER_STATES = ("recommended", "viewed", "interested", "declined", "applied", "interview", "rejected")
SEEKER_WEIGHTS = (20, 15, 15, 15, 12, 10, 13)
GRADUATE1_STATES = ("recommended", "recommended", "viewed", "interested", "declined", "applied", "rejected")
TARGETED = 8
REJECTION = "企业反馈：岗位竞争激烈，暂不录用。"


def _jobs_for(demo: Demo, person: Person, open_jobs: list[Job], k: int) -> list[Job]:
    if person.category in ("employment_difficulty", "zero_employment_family"):
        fitting = [j for j in open_jobs if j.public_welfare]
    else:
        fitting = [j for j in open_jobs if j.industry == person.intention_industry]
    pool = fitting if len(fitting) >= k else open_jobs
    return demo.rng.sample(pool, k=min(k, len(pool)))


def _match(demo: Demo, person: Person, job: Job) -> dict[str, Any]:
    """`matching.explain`, with the areas loaded once for the whole run (not once per call)."""
    household = next(h for h in demo.households if h.id == person.household_id)
    return score(person_features(person, household, demo.areas), job_features(job, demo.areas))


def _recommend(demo: Demo, person: Person, job: Job, state: str, *, start: datetime | None = None,
               end: datetime | None = None, client_id: Any = None) -> Recommendation:
    """A recommendation that went through PATHS[state], starting at `start` or ending at `end`."""
    rng = demo.rng
    path = PATHS[state]
    if state == "declined" and rng.random() < 0.4:
        path = ["recommended", "declined"]
    if state == "rejected" and rng.random() < 0.4:
        path = ["recommended", "viewed", "interested", "applied", "rejected"]
    steps = [rng.randint(1, 6) for _ in path[1:]]
    if end is not None:
        start = end - timedelta(days=sum(steps), hours=1)
    assert start is not None
    helper, answerer = person.helper_id, client_id or person.helper_id
    at, history, before = start, [], None
    for n, to in enumerate(path):
        if n:
            at = min(at + timedelta(days=steps[n - 1], hours=rng.randint(0, 8)), demo.now - timedelta(hours=1))
        by = helper if to in ("recommended", "hired", "rejected") else answerer
        history.append(history_entry(before, to, by, at))
        before = to
    rec = Recommendation(
        id=demo.new_id(), person_id=person.id, job_id=job.id, by_user_id=helper,
        reasons=rng.choice(RECOMMENDATION_REASONS), match=_match(demo, person, job), state=state,
        response_reason=rng.choice(DECLINE_REASONS) if state == "declined"
        else REJECTION if state == "rejected" else None,
        state_changed_at=at, history=history, created_at=start, stamps={},
    )
    db.session.add(rec)
    return rec


def build_recommendations(demo: Demo, graduate1_user_id: Any) -> list[Recommendation]:
    rng = demo.rng
    demo.areas = load_areas()
    open_jobs = [j for j in demo.jobs if j.is_open]
    recs: list[Recommendation] = []
    seekers = [p for p in demo.persons if p.status == "seeking" and p is not demo.graduate1]
    targeted = set(p.id for p in rng.sample(seekers, k=min(len(seekers), demo.scaled(TARGETED, 2))))
    for person in seekers:
        if person.id in targeted:
            states = rng.sample(("applied", "interview", "rejected", "rejected"), k=rng.randint(3, 4))
            for job, state in zip(_jobs_for(demo, person, open_jobs, len(states)), states, strict=False):
                recs.append(_recommend(demo, person, job, state, start=demo.days_ago(rng.randint(20, 70))))
            continue
        k = rng.randint(1, 5)
        for job in _jobs_for(demo, person, open_jobs, k):
            state = rng.choices(SEEKER_STATES, weights=SEEKER_WEIGHTS)[0]
            recs.append(_recommend(demo, person, job, state, start=demo.days_ago(rng.randint(7, 120))))
    # Found work through a recommendation: hired on the day the status changed.
    for person in demo.persons:
        changed = demo.changed_at.get(person.id)
        if changed and person.status in ("employed", "internship") and rng.random() < 0.5:
            job = _jobs_for(demo, person, demo.jobs, 1)[0]
            recs.append(_recommend(demo, person, job, "hired", end=changed))
    if demo.graduate1 is not None:
        jobs = _jobs_for(demo, demo.graduate1, open_jobs, len(GRADUATE1_STATES))
        for n, (job, state) in enumerate(zip(jobs, GRADUATE1_STATES, strict=False)):
            recs.append(_recommend(demo, demo.graduate1, job, state, client_id=graduate1_user_id,
                                   start=demo.days_ago(2 + 9 * n)))
    return recs
