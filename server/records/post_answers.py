"""A member's side of a group post: reading it and answering it, and what an answer sets going.

The member writes only `read_at`, `answer` and `answered_at` of their own delivery (the policy
table; a sync op from their phone, often typed offline). An answer is then followed through
on the file, once, when it changes:

- **interested** in a vacancy opens a recommendation of it carrying `source_post_id`, so the
  interview and the hire that follow are the post's. It is made in the name of the staff who
  posted (the post recommended the vacancy to the group; failing them, the member's helper),
  through `records.recommendations.create`, and moved to `interested` by the member. An existing
  recommendation of that vacancy is moved on instead (never a second one).
- **signed up** to an event signs the member up (the events feature's `add_participant` /
  `move`, as the member).
- **interested** in a training asks to join it (the support feature's `requested` enrolment).
- **not for me** after "interested" declines the post's own recommendation again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from sync.vocabulary import VOCABULARY

from ..errors import ApiError, Unprocessable
from ..extensions import db
from ..models import Household, Job, Person, Recommendation, User, utcnow
from ..models.groups import GroupPost, PostDelivery
from ..policy import Actor, check_fields
from . import actor_for, recommendations

ANSWERS: tuple[str, ...] = tuple(VOCABULARY["post_answers"])
#: The answers that make sense for each kind of post (a plain message is only read).
ANSWERS_FOR: dict[str, tuple[str, ...]] = {
    kind: tuple(answers) for kind, answers in VOCABULARY["post_answers_for"].items()
}
#: A recommendation the member may still move to `interested` (the machine allows it).
_REOPENABLE = ("recommended", "viewed", "declined")


def answer(actor: Actor, delivery: PostDelivery, changes: dict[str, Any]) -> None:
    """Write the member's `read_at` / `answer` / `answered_at` and follow a new answer through."""
    check_fields(actor, "post_delivery", "update", changes)
    actor.require_target("post_delivery", delivery)
    new = changes.get("answer", delivery.answer)
    if "answer" in changes and new is not None and new not in ANSWERS_FOR.get(delivery.kind, ()):
        raise Unprocessable("That answer does not fit this post.", code="validation_error",
                            fields={"answer": [f"one of {', '.join(ANSWERS_FOR[delivery.kind])}"
                                               if ANSWERS_FOR.get(delivery.kind) else "no answer"]})
    before = delivery.answer
    for key in ("read_at", "answer", "answered_at"):
        if key in changes:
            setattr(delivery, key, changes[key])
    if delivery.answer is not None:
        delivery.answered_at = delivery.answered_at or utcnow()
        delivery.read_at = delivery.read_at or delivery.answered_at
    delivery.updated_by_id, delivery.updated_device = actor.id, actor.device
    if new != before:
        _follow(actor, delivery, before)


def _follow(actor: Actor, delivery: PostDelivery, before: str | None) -> None:
    if delivery.kind == "job" and delivery.ref_id is not None:
        if delivery.answer == "interested":
            _interested(actor, delivery)
        elif before == "interested":
            _withdraw_interest(actor, delivery)
    elif delivery.kind == "event" and delivery.answer == "signed_up" and delivery.ref_id:
        _sign_up(actor, delivery)
    elif delivery.kind == "training" and delivery.answer == "interested" and delivery.ref_id:
        _request_course(actor, delivery)


def _recommendation(delivery: PostDelivery) -> Recommendation | None:
    found: Recommendation | None = db.session.scalar(select(Recommendation).where(
        Recommendation.person_id == delivery.person_id, Recommendation.job_id == delivery.ref_id))
    return found


def _interested(actor: Actor, delivery: PostDelivery) -> None:
    rec = _recommendation(delivery)
    if rec is None:
        rec = _recommend_from_post(actor, delivery)
        if rec is None:
            return
    if rec.state in _REOPENABLE:
        recommendations.move(actor, rec, "interested")


def _recommend_from_post(actor: Actor, delivery: PostDelivery) -> Recommendation | None:
    """The post's recommendation of its vacancy, in the name of whoever posted it, or of the
    member's own helper when the poster does not reach the member's file (an online group's
    members come from several caseloads). A closed vacancy, or nobody who may: none, and the
    answer still counts in the funnel."""
    job = db.session.get(Job, delivery.ref_id)
    if job is None or not job.is_open:
        return None
    group_post = db.session.get(GroupPost, delivery.post_id)
    person = db.session.get(Person, delivery.person_id)
    home = db.session.get(Household, person.household_id) if person is not None else None
    for user_id in (group_post.by_user_id if group_post else None,
                    home.primary_helper_id if home else None):
        staff = db.session.get(User, user_id) if user_id else None
        if staff is None or not staff.is_active or staff.role == "client":
            continue
        try:  # create refuses before it adds anything, so a refusal leaves nothing behind
            rec = recommendations.create(actor_for(staff, actor.device), {
                "person_id": delivery.person_id, "job_id": job.id,
                "reasons": delivery.title, "source_post_id": delivery.post_id,
            })
        except ApiError:
            continue
        if rec.source_post_id is None:  # until create takes the field (issue 12's work)
            rec.source_post_id = delivery.post_id
        return rec
    return None


def _withdraw_interest(actor: Actor, delivery: PostDelivery) -> None:
    rec = _recommendation(delivery)
    if rec is not None and rec.source_post_id == delivery.post_id and rec.state == "interested":
        recommendations.move(actor, rec, "declined")


def _sign_up(actor: Actor, delivery: PostDelivery) -> None:
    from ..models.recruitment_events import Event, EventParticipant
    from . import events

    event = db.session.get(Event, delivery.ref_id)
    row = db.session.scalar(select(EventParticipant).where(
        EventParticipant.event_id == delivery.ref_id,
        EventParticipant.person_id == delivery.person_id))
    if row is None:
        events.add_participant(actor, event, {
            "event_id": delivery.ref_id, "person_id": delivery.person_id,
            "state": "signed_up"})
    elif row.state in ("invited", "declined"):
        events.move(actor, row, "signed_up")


def _request_course(actor: Actor, delivery: PostDelivery) -> None:
    """The member asks to join the course (the support feature's `requested` enrolment); one
    already on their file stays as it is, and the answer counts all the same."""
    from . import support

    try:
        support.open_track(actor, support.TRAINING, {
            "person_id": delivery.person_id, "course_id": delivery.ref_id, "state": "requested"})
    except ApiError:
        return


def read(actor: Actor, delivery: PostDelivery, at: datetime | None = None) -> None:
    """The member opened the post (REST; the phone sends `read_at` as a sync op)."""
    if delivery.read_at is None:
        answer(actor, delivery, {"read_at": at or utcnow()})
