"""The reach funnel of group posts: reached → read → interested → interview → hired.

Counted, per post and per group, from what is recorded: a post *reached* a member when it was
delivered to them, was *read* when their phone said so, drew *interest* when they answered
"interested" or "signed up"; an *interview* and a *hire* are those of recommendations carrying
the post's id (`source_post_id`), whenever they happened. A group counts people, not posts: a
member who read three posts was reached once. A period takes the posts sent in it (the funnel
of that period's outreach); the group's `reported_*` figures (people reached outside Doorstep's
files) count in the period of their `reported_on` day, and are always shown apart.

Three queries per screen whatever the number of posts: the posts, their deliveries, their
recommendations.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..models import Recommendation
from ..models.groups import GroupMember, GroupPost, JobGroup, PostDelivery

STEPS = ("reached", "read", "interested", "interview", "hired")
INTERESTED = ("interested", "signed_up")
#: The steps a group's reported figures give.
REPORTED = ("reached", "interview", "hired")
_INTERVIEWED = ("interview", "hired")


def _interviewed(state: str, interview_at: datetime | None, history: list[dict[str, Any]]) -> bool:
    return (state in _INTERVIEWED or interview_at is not None
            or any(move.get("to") in _INTERVIEWED for move in history or ()))


def _people(post_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, set[uuid.UUID]]]:
    """post id → step → the persons at that step."""
    out: dict[uuid.UUID, dict[str, set[uuid.UUID]]] = {
        p: {step: set() for step in STEPS} for p in post_ids}
    if not post_ids:
        return out
    for post_id, person_id, read_at, answer in db.session.execute(
        select(PostDelivery.post_id, PostDelivery.person_id, PostDelivery.read_at,
               PostDelivery.answer).where(PostDelivery.post_id.in_(post_ids))
    ):
        steps = out[post_id]
        steps["reached"].add(person_id)
        if read_at is not None or answer is not None:
            steps["read"].add(person_id)
        if answer in INTERESTED:
            steps["interested"].add(person_id)
    for post_id, person_id, state, interview_at, history in db.session.execute(
        select(Recommendation.source_post_id, Recommendation.person_id, Recommendation.state,
               Recommendation.interview_at, Recommendation.history)
        .where(Recommendation.source_post_id.in_(post_ids))
    ):
        steps = out[post_id]
        if _interviewed(state, interview_at, history):
            steps["interview"].add(person_id)
        if state == "hired":
            steps["hired"].add(person_id)
    return out


def _counts(people: dict[str, set[uuid.UUID]]) -> dict[str, int]:
    return {step: len(people[step]) for step in STEPS}


def post_funnels(post_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """Each post's funnel."""
    return {post_id: _counts(steps) for post_id, steps in _people(post_ids).items()}


def _reported(group: JobGroup, start: date | None, end: date | None) -> dict[str, int] | None:
    figures = (group.reported_reached, group.reported_interviews, group.reported_hires)
    if all(v is None for v in figures):
        return None
    if start is not None and end is not None and (
            group.reported_on is None or not start <= group.reported_on <= end):
        return None
    reached, interviews, hires = (v or 0 for v in figures)
    return dict(zip(REPORTED, (reached, interviews, hires), strict=True))


def _group_people(ids: list[uuid.UUID], since: datetime | None, until: datetime | None,
                  ) -> tuple[dict[uuid.UUID, dict[str, set[uuid.UUID]]], dict[uuid.UUID, int]]:
    """group id → step → persons, over the posts sent in [since, until); and posts per group."""
    query = select(GroupPost.id, GroupPost.group_id).where(GroupPost.group_id.in_(ids))
    if since is not None and until is not None:
        query = query.where(GroupPost.posted_at >= since, GroupPost.posted_at < until)
    posts = list(db.session.execute(query)) if ids else []
    people = _people([p for p, _ in posts])
    merged: dict[uuid.UUID, dict[str, set[uuid.UUID]]] = defaultdict(
        lambda: {step: set() for step in STEPS})
    post_count: dict[uuid.UUID, int] = defaultdict(int)
    for post_id, group_id in posts:
        post_count[group_id] += 1
        for step in STEPS:
            merged[group_id][step] |= people[post_id][step]
    return merged, post_count


def group_funnels(groups: Iterable[JobGroup], *, since: datetime | None = None,
                  until: datetime | None = None, days: tuple[date, date] | None = None,
                  ) -> list[dict[str, Any]]:
    """Each group's funnel over its posts sent in [since, until) (None: all time), with its
    member count, its reported figures and the two added up."""
    items: list[dict[str, Any]] = board(groups, since=since, until=until, days=days)["items"]
    return items


def board(groups: Iterable[JobGroup], *, since: datetime | None = None,
          until: datetime | None = None, days: tuple[date, date] | None = None) -> dict[str, Any]:
    """`group_funnels`' items, and the totals over all of them: recorded people counted once
    however many of the groups reached them, plus the groups' reported figures."""
    groups = list(groups)
    ids = [g.id for g in groups]
    merged, post_count = _group_people(ids, since, until)
    members: dict[uuid.UUID, int] = {gid: n for gid, n in db.session.execute(
        select(GroupMember.group_id, func.count()).where(
            GroupMember.group_id.in_(ids), GroupMember.left_at.is_(None))
        .group_by(GroupMember.group_id))} if ids else {}
    start, end = days if days else (None, None)
    items = []
    everyone: dict[str, set[uuid.UUID]] = {step: set() for step in STEPS}
    reported_all = dict.fromkeys(REPORTED, 0)
    for group in groups:
        recorded = _counts(merged[group.id])
        for step in STEPS:
            everyone[step] |= merged[group.id][step]
        reported = _reported(group, start, end)
        total = dict(recorded)
        if reported:
            for step, value in reported.items():
                total[step] += value
                reported_all[step] += value
        items.append({"id": group.id, "name": group.name, "kind": group.kind,
                      "area_id": group.area_id, "members": members.get(group.id, 0),
                      "posts": post_count[group.id], "recorded": recorded,
                      "reported": reported, "total": total})
    recorded_all = _counts(everyone)
    return {"items": items, "recorded": recorded_all, "reported": reported_all,
            "total": {step: recorded_all[step] + reported_all.get(step, 0) for step in STEPS}}
