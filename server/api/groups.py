"""Job-search groups: staff keep them and post to them; members answer; the reach funnel."""

from __future__ import annotations

import uuid
from typing import Any

from flask_smorest import Blueprint
from sqlalchemy import select

from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..models import Household, Person, User
from ..models.groups import GroupMember, GroupPost, JobGroup, PostDelivery
from ..records import groups, post_answers, rest_actor
from ..reporting.period import BadPeriod, parse_period
from ..reports.group_reach import board, group_funnels, post_funnels
from ..schemas.groups import (
    GroupCreate,
    GroupDetail,
    GroupList,
    GroupMembersAdd,
    GroupMembersAdded,
    GroupPostCreate,
    GroupPostCreated,
    GroupReport,
    GroupReportQuery,
    GroupSummary,
    GroupUpdate,
    PostDeliveryAnswer,
    PostDeliveryList,
    PostDeliverySchema,
)
from ..scoping import household_filter
from ..security import login_required, me

blp = Blueprint("groups", __name__, url_prefix="/api", description="Job-search groups")

STAFF = ("admin", "supervisor", "helper")


@blp.get("/groups")
@login_required(*STAFF)
@blp.response(200, GroupList)
def all_groups() -> dict[str, Any]:
    """The groups of your office and those you serve, each with its funnel so far"""
    rows = db.session.scalars(groups.visible(me()).order_by(JobGroup.name, JobGroup.id)).all()
    return {"items": group_funnels(rows)}


@blp.post("/groups")
@login_required(*STAFF)
@blp.arguments(GroupCreate)
@blp.response(201, GroupSummary)
def new(body: dict[str, Any]) -> dict[str, Any]:
    """Open a group (kept by your sub-district unless you name an area of it)"""
    group = groups.create(rest_actor(), body)
    db.session.commit()
    return group_funnels([group])[0]


def _staff(user_id: uuid.UUID | None) -> User | None:
    return db.session.get(User, user_id) if user_id else None


def _detail(group: JobGroup) -> dict[str, Any]:
    user = me()
    members = db.session.execute(
        select(GroupMember.person_id, GroupMember.joined_at).where(
            GroupMember.group_id == group.id, GroupMember.left_at.is_(None))
        .order_by(GroupMember.joined_at, GroupMember.person_id)).all()
    # Names only of the members the viewer may reach (one query), the others counted.
    names: dict[uuid.UUID, str] = {pid: name for pid, name in db.session.execute(
        select(Person.id, Person.name).join(Household, Person.household_id == Household.id)
        .join(GroupMember, GroupMember.person_id == Person.id)
        .where(GroupMember.group_id == group.id, GroupMember.left_at.is_(None),
               household_filter(user)))}
    posts = db.session.scalars(select(GroupPost).where(GroupPost.group_id == group.id)
                               .order_by(GroupPost.posted_at.desc(), GroupPost.id)).all()
    funnels = post_funnels([p.id for p in posts])
    summary = group_funnels([group])[0]
    return {
        **summary, "description": group.description, "reported_on": group.reported_on,
        "primary_staff": _staff(group.primary_staff_id),
        "partner_staff": _staff(group.partner_staff_id),
        "may_manage": groups.may_manage(user, group),
        "members_elsewhere": sum(1 for pid, _ in members if pid not in names),
        "member_list": [{"person_id": pid, "name": names[pid], "joined_at": at}
                        for pid, at in members if pid in names],
        "post_list": [{"id": p.id, "kind": p.kind, "ref_id": p.ref_id, "title": p.title,
                       "body": p.body, "posted_at": p.posted_at, "by_user_id": p.by_user_id,
                       "funnel": funnels[p.id]} for p in posts],
    }


@blp.get("/groups/<uuid:group_id>")
@login_required(*STAFF)
@blp.response(200, GroupDetail)
def get(group_id: uuid.UUID) -> dict[str, Any]:
    """One group: its staff, members (named if in your scope), posts and their funnels"""
    return _detail(groups.get_visible(me(), group_id))


@blp.patch("/groups/<uuid:group_id>")
@login_required(*STAFF)
@blp.arguments(GroupUpdate)
@blp.response(200, GroupDetail)
def update(body: dict[str, Any], group_id: uuid.UUID) -> dict[str, Any]:
    """Edit a group you serve or whose office you run (its pair of staff, reported figures)"""
    group = groups.get_visible(me(), group_id)
    groups.update(rest_actor(), group, body)
    db.session.commit()
    return _detail(group)


@blp.post("/groups/<uuid:group_id>/members")
@login_required(*STAFF)
@blp.arguments(GroupMembersAdd)
@blp.response(200, GroupMembersAdded)
def add_members(body: dict[str, Any], group_id: uuid.UUID) -> dict[str, Any]:
    """Add persons of your caseload or sub-district to a group (all or none)"""
    group = groups.get_visible(me(), group_id)
    joined = groups.add_members(rest_actor(), group, body["person_ids"])
    db.session.commit()
    return {"joined": joined, "members": group_funnels([group])[0]["members"]}


@blp.delete("/groups/<uuid:group_id>/members/<uuid:person_id>")
@login_required(*STAFF)
@blp.response(204)
def remove_member(group_id: uuid.UUID, person_id: uuid.UUID) -> None:
    """A member leaves the group (later posts no longer reach them)"""
    group = groups.get_visible(me(), group_id)
    groups.remove_member(rest_actor(), group, person_id)
    db.session.commit()


@blp.post("/groups/<uuid:group_id>/posts")
@login_required(*STAFF)
@blp.arguments(GroupPostCreate)
@blp.response(201, GroupPostCreated)
def new_post(body: dict[str, Any], group_id: uuid.UUID) -> dict[str, Any]:
    """Post a vacancy, an event, a policy, a training or a message: every current member gets
    it in their app (through sync, offline too)"""
    group = groups.get_visible(me(), group_id)
    entry, reached = groups.post(rest_actor(), group, body)
    db.session.commit()
    return {"id": entry.id, "kind": entry.kind, "ref_id": entry.ref_id, "title": entry.title,
            "body": entry.body, "posted_at": entry.posted_at, "by_user_id": entry.by_user_id,
            "funnel": post_funnels([entry.id])[entry.id], "reached": reached}


@blp.get("/deliveries")
@login_required("client")
@blp.response(200, PostDeliveryList)
def my_deliveries() -> dict[str, Any]:
    """The posts your groups sent you, newest first (the app reads them from sync)"""
    rows = db.session.scalars(select(PostDelivery).where(
        PostDelivery.person_id == me().person_id)
        .order_by(PostDelivery.posted_at.desc(), PostDelivery.id).limit(200)).all()
    return {"items": rows}


@blp.patch("/deliveries/<uuid:delivery_id>")
@login_required("client")
@blp.arguments(PostDeliveryAnswer)
@blp.response(200, PostDeliverySchema)
def answer(body: dict[str, Any], delivery_id: uuid.UUID) -> PostDelivery:
    """Read or answer a post sent to you: interested, not for me, signed up"""
    delivery = db.session.get(PostDelivery, delivery_id)
    if delivery is None or delivery.person_id != me().person_id:
        raise NotFound("No post with that id.")
    post_answers.answer(rest_actor(), delivery, body)
    db.session.commit()
    return delivery


@blp.get("/reports/groups")
@login_required("admin", "supervisor")
@blp.arguments(GroupReportQuery, location="query")
@blp.response(200, GroupReport)
def report(args: dict[str, Any]) -> dict[str, Any]:
    """The board's groups: each group's reach funnel over the period's posts, recorded and
    reported apart, and the totals (a supervisor: their sub-district's groups)"""
    try:
        period = parse_period(args.get("period"))
    except BadPeriod as exc:
        raise Unprocessable(f"Not a period: {exc}.", fields={"period": [str(exc)]}) from exc
    query = groups.visible(me())
    if "committee_id" in args:
        query = query.where(JobGroup.area_id == args["committee_id"])
    rows = db.session.scalars(query.order_by(JobGroup.name, JobGroup.id)).all()
    since, until = period.instants()
    figures = board(rows, since=since, until=until, days=(period.start, period.end))
    return {"period": period.name, "start": period.start, "end": period.end, **figures}
