"""Job-search groups: who keeps them, who is in them, and posting to them.

Groups are staff's, managed online (REST only), kept like vacancies by the office of their
area (`scoping.job_reaches`): an admin keeps any; a supervisor those of their sub-district or
its committees; a helper those they serve (one of the group's pair of staff). Staff of the
office see its groups; a member is added only from the adding staff's own scope
(`Actor.require_person`), so a group is never a way to reach someone else's file.

Posting fans the post out to every current member as a `post_delivery` row: all the rows are
added at once and written by one flush (one multi-row INSERT and one change-log upsert), so an
online group of hundreds costs one round trip, not one per member.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, false, or_, select

from sync.vocabulary import VOCABULARY

from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..models import Area, Job, Person, Policy, TrainingCourse, User, utcnow
from ..models.groups import GroupMember, GroupPost, JobGroup, PostDelivery
from ..models.recruitment_events import Event
from ..policy import Actor, forbidden
from ..scoping import job_reaches

GROUP_KINDS: tuple[str, ...] = tuple(VOCABULARY["group_kinds"])
POST_KINDS: tuple[str, ...] = tuple(VOCABULARY["post_kinds"])
#: What a post of each kind refers to (the `ref_id` table); a plain message refers to nothing.
REF_MODELS: dict[str, Any] = {"job": Job, "event": Event, "policy": Policy,
                              "training": TrainingCourse}
#: Group fields staff write (`name`, `kind`... as in the schemas).
GROUP_FIELDS = ("name", "kind", "area_id", "description", "primary_staff_id", "partner_staff_id",
                "reported_reached", "reported_interviews", "reported_hires", "reported_on")


def visible(user: User) -> Select[Any]:
    """The groups `user` sees: their office's and the ones they serve (clients: none)."""
    query = select(JobGroup)
    if user.role == "admin":
        return query
    if user.role not in ("supervisor", "helper") or user.area_id is None:
        serves = or_(JobGroup.primary_staff_id == user.id, JobGroup.partner_staff_id == user.id)
        return query.where(serves if user.role == "helper" else false())
    committees = select(Area.id).where(Area.parent_id == user.area_id)
    return query.where(or_(
        JobGroup.area_id == user.area_id, JobGroup.area_id.in_(committees),
        JobGroup.primary_staff_id == user.id, JobGroup.partner_staff_id == user.id,
    ))


def get_visible(user: User, group_id: uuid.UUID) -> JobGroup:
    """One group the user sees, else 404 (like a missing one, so ids cannot be probed)."""
    group: JobGroup | None = db.session.scalar(visible(user).where(JobGroup.id == group_id))
    if group is None:
        raise NotFound("No group with that id.")
    return group


def may_manage(user: User, group: JobGroup) -> bool:
    """Edit, add members, post: the pair who serve it, or the office's supervisor, or an admin."""
    if user.id in (group.primary_staff_id, group.partner_staff_id):
        return True
    return user.role in ("admin", "supervisor") and job_reaches(user, group.area_id)


def _require_manage(actor: Actor, group: JobGroup) -> None:
    if not may_manage(actor.user, group):
        raise forbidden("Only the staff who serve this group, or its office, can do this.")


def _stamp(actor: Actor, row: Any) -> None:
    row.updated_by_id, row.updated_device = actor.id, actor.device


def _check_values(actor: Actor, values: dict[str, Any]) -> None:
    if "kind" in values and values["kind"] not in GROUP_KINDS:
        raise Unprocessable("Unknown kind of group.", fields={"kind": ["unknown"]})
    if values.get("area_id") is not None:
        if db.session.get(Area, values["area_id"]) is None:
            raise Unprocessable("No area with that id.", fields={"area_id": ["unknown area"]})
        if not job_reaches(actor.user, values["area_id"]):
            raise forbidden("Groups of that area are kept by another office.",
                            {"area_id": ["not your sub-district"]})
    for name in ("primary_staff_id", "partner_staff_id"):
        staff_id = values.get(name)
        if staff_id is None:
            continue
        staff = db.session.get(User, staff_id)
        if staff is None or staff.role == "client" or not staff.is_active:
            raise Unprocessable("That is not an active staff account.", fields={name: ["not staff"]})
    pair = (values.get("primary_staff_id"), values.get("partner_staff_id"))
    if pair[0] is not None and pair[0] == pair[1]:
        raise Unprocessable("A group is served by two different people.",
                            fields={"partner_staff_id": ["same as primary"]})


def create(actor: Actor, body: dict[str, Any]) -> JobGroup:
    """A new group, kept by the actor's sub-district unless an area of it is named; a helper
    who makes one serves it, and so does anyone who makes one without naming its staff."""
    if actor.role not in ("admin", "supervisor", "helper"):
        raise forbidden("Your role cannot do this.")
    values = {k: body[k] for k in GROUP_FIELDS if k in body}
    if values.get("area_id") is None and actor.role != "admin":
        values["area_id"] = actor.user.area_id
    staff = (values.get("primary_staff_id"), values.get("partner_staff_id"))
    if (actor.role == "helper" and actor.id not in staff) or staff == (None, None):
        values["primary_staff_id"] = actor.id  # whoever opens it serves it until others do
    _check_values(actor, values)
    group = JobGroup(id=body.get("id") or uuid.uuid4(), **values)
    _stamp(actor, group)
    db.session.add(group)
    return group


def update(actor: Actor, group: JobGroup, changes: dict[str, Any]) -> None:
    """Edit a group the actor manages (its pair of staff, its reported figures...)."""
    _require_manage(actor, group)
    values = {k: changes[k] for k in GROUP_FIELDS if k in changes}
    merged = {"primary_staff_id": group.primary_staff_id,
              "partner_staff_id": group.partner_staff_id, **values}
    _check_values(actor, merged if "area_id" in values else
                  {k: v for k, v in merged.items() if k != "area_id"})
    for key, value in values.items():
        setattr(group, key, value)
    _stamp(actor, group)


def add_members(actor: Actor, group: JobGroup, person_ids: Iterable[uuid.UUID]) -> int:
    """Add persons of the actor's scope (a member who left comes back); returns how many joined."""
    _require_manage(actor, group)
    wanted = list(dict.fromkeys(person_ids))
    db.session.scalars(select(Person).where(Person.id.in_(wanted))).all()  # one query, then cached
    for person_id in wanted:
        actor.require_person(person_id)
    existing = {m.person_id: m for m in db.session.scalars(select(GroupMember).where(
        GroupMember.group_id == group.id, GroupMember.person_id.in_(wanted)))}
    joined, now = 0, utcnow()
    for person_id in wanted:
        member = existing.get(person_id)
        if member is None:
            member = GroupMember(group_id=group.id, person_id=person_id, joined_at=now,
                                 added_by_id=actor.id)
            db.session.add(member)
        elif member.left_at is not None:
            member.left_at, member.joined_at = None, now
        else:
            continue
        _stamp(actor, member)
        joined += 1
    return joined


def remove_member(actor: Actor, group: JobGroup, person_id: uuid.UUID) -> None:
    """The person leaves the group: no later post reaches them (earlier ones stay theirs)."""
    _require_manage(actor, group)
    member = db.session.scalar(select(GroupMember).where(
        GroupMember.group_id == group.id, GroupMember.person_id == person_id,
        GroupMember.left_at.is_(None)))
    if member is None:
        raise NotFound("That person is not a member of this group.")
    actor.require_person(person_id, primary=True)
    member.left_at = utcnow()
    _stamp(actor, member)


def _reference(kind: str, ref_id: uuid.UUID | None) -> Any:
    """The vacancy, policy, training or event a post names (it must exist, a vacancy be open,
    an event not be cancelled)."""
    if kind == "text":
        return None
    if ref_id is None:
        raise Unprocessable("Name what you post.", fields={"ref_id": ["required for this kind"]})
    row = db.session.get(REF_MODELS[kind], ref_id)
    if row is None or not getattr(row, "is_open", True) or getattr(row, "cancelled", False):
        raise Unprocessable("Nothing of that kind with that id is open.",
                            fields={"ref_id": ["unknown or closed"]})
    return row


def post(actor: Actor, group: JobGroup, body: dict[str, Any]) -> tuple[GroupPost, int]:
    """Post to the group and deliver a copy to every current member; returns (post, reached)."""
    _require_manage(actor, group)
    kind = body["kind"]
    if kind not in POST_KINDS:
        raise Unprocessable("Unknown kind of post.", fields={"kind": ["unknown"]})
    ref = _reference(kind, body.get("ref_id"))
    title = (body.get("title") or "").strip() or (getattr(ref, "title", None) or "")
    if not title:
        raise Unprocessable("A post needs a title.", fields={"title": ["required"]})
    entry = GroupPost(id=body.get("id") or uuid.uuid4(), group_id=group.id, kind=kind,
                      ref_id=body.get("ref_id") if ref is not None else None, title=title[:160],
                      body=body.get("body") or "", posted_at=utcnow(), by_user_id=actor.id)
    _stamp(actor, entry)
    db.session.add(entry)
    members = db.session.scalars(select(GroupMember.person_id).where(
        GroupMember.group_id == group.id, GroupMember.left_at.is_(None))).all()
    db.session.add_all([
        PostDelivery(id=uuid.uuid4(), post_id=entry.id, group_id=group.id, person_id=person_id,
                     kind=kind, ref_id=entry.ref_id, title=entry.title, body=entry.body,
                     posted_at=entry.posted_at, stamps={}, updated_by_id=actor.id,
                     updated_device=actor.device)
        for person_id in members
    ])
    db.session.flush()  # the post and every delivery: one INSERT each, one change-log upsert
    return entry, len(members)
