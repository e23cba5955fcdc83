"""The board's event figures: events held in a period, attendance, interviews and hires from them.

Definitions (the e2e story counts the same from the database):

- an event is *held* in a period when it is not cancelled and has started, on one of the
  period's days (business timezone); a supervisor's are those of their sub-district and its
  committees, an admin's all (or one committee's with `committee_id`);
- *invited* counts every participant row of those events, *attended* the `attended` ones;
- an *interview* from an event is a recommendation carrying its `source_event_id` that reached
  `interview` (it is there now, or its history passed through it, or it was `hired`); a *hire*
  one that is `hired`;
- `reported_*` are the organisers' own counts for people not on file (the viewers of a live
  stream), summed apart: recorded and reported figures are never added together here.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import false, func, or_, select

from ..extensions import db
from ..models import Area, Recommendation, User, utcnow
from ..models.recruitment_events import Event, EventParticipant
from .period import Period

FIGURES = ("events", "invited", "attended", "interviews", "hires", "reported_attendance",
           "reported_interviews", "reported_hires")


def _scope(user: User, committee_id: uuid.UUID | None) -> Any:
    if committee_id is not None:
        condition = Event.area_id == committee_id
        if user.role == "admin":
            return condition
        parent = select(Area.parent_id).where(Area.id == committee_id).scalar_subquery()
        return condition & (parent == user.area_id)
    if user.role == "admin":
        return Event.id.is_not(None)
    if user.area_id is None:
        return false()
    committees = select(Area.id).where(Area.parent_id == user.area_id)
    return or_(Event.area_id == user.area_id, Event.area_id.in_(committees))


def reached_interview(state: str, history: list[dict[str, Any]] | None) -> bool:
    """Did this recommendation get an interview (now, on the way, or by being hired)?"""
    return state in ("interview", "hired") or any(
        step.get("to") == "interview" for step in history or [])


def event_report(user: User, period: Period, committee_id: uuid.UUID | None = None) -> dict[str, Any]:
    """`{period, totals, by_kind, events}`: the figures per event, per kind and in total."""
    start, end = period.instants()
    events = list(db.session.scalars(select(Event).where(
        _scope(user, committee_id), Event.cancelled.is_(False), Event.starts_at >= start,
        Event.starts_at < min(end, utcnow())).order_by(Event.starts_at, Event.id)))
    ids = [e.id for e in events]
    per: dict[uuid.UUID, dict[str, int]] = {e.id: dict.fromkeys(FIGURES, 0) for e in events}
    if ids:
        for event_id, state, n in db.session.execute(
                select(EventParticipant.event_id, EventParticipant.state, func.count())
                .where(EventParticipant.event_id.in_(ids))
                .group_by(EventParticipant.event_id, EventParticipant.state)):
            per[event_id]["invited"] += n
            if state == "attended":
                per[event_id]["attended"] += n
        for event_id, state, history in db.session.execute(
                select(Recommendation.source_event_id, Recommendation.state, Recommendation.history)
                .where(Recommendation.source_event_id.in_(ids))):
            per[event_id]["interviews"] += reached_interview(state, history)
            per[event_id]["hires"] += state == "hired"
    rows = []
    totals = dict.fromkeys(FIGURES, 0)
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for event in events:
        figures = per[event.id]
        figures["events"] = 1
        for name in ("reported_attendance", "reported_interviews", "reported_hires"):
            figures[name] = getattr(event, name) or 0
        rows.append({"id": event.id, "title": event.title, "kind": event.kind,
                     "starts_at": event.starts_at, **figures})
        for name, value in figures.items():
            totals[name] += value
            kinds[event.kind][name] += value
    return {
        "period": {"name": period.name, "start": period.start.isoformat(),
                   "end": period.end.isoformat()},
        "totals": {"id": None, "title": "", "kind": None, "starts_at": None, **totals},
        "by_kind": [{"id": None, "title": kind, "kind": kind, "starts_at": None, **f}
                    for kind, f in sorted(kinds.items())],
        "events": rows,
    }
