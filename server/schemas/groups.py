"""Job-search groups, their members and posts, a member's deliveries, and the reach funnel."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from sync.vocabulary import VOCABULARY

from .common import UTCDateTime, one_of, text

_COUNT = dict(allow_none=True, validate=validate.Range(min=0, max=10_000_000))

_GROUP_FIELDS: dict[str, fields.Field[Any]] = dict(
    name=text(120, min_len=1),
    kind=fields.String(validate=one_of(VOCABULARY["group_kinds"])),
    area_id=fields.UUID(allow_none=True),
    description=text(4000, allow_none=True),
    primary_staff_id=fields.UUID(allow_none=True),
    partner_staff_id=fields.UUID(allow_none=True),
    reported_reached=fields.Integer(**_COUNT),  # type: ignore[arg-type]
    reported_interviews=fields.Integer(**_COUNT),  # type: ignore[arg-type]
    reported_hires=fields.Integer(**_COUNT),  # type: ignore[arg-type]
    reported_on=fields.Date(allow_none=True),
)

GroupUpdate = Schema.from_dict(dict(_GROUP_FIELDS), name="GroupUpdate")


class GroupCreate(Schema.from_dict(dict(_GROUP_FIELDS), name="GroupCreateBase")):  # type: ignore[misc]
    id = fields.UUID()
    name = text(120, min_len=1, required=True)


class ReachFunnel(Schema):
    reached = fields.Integer()
    read = fields.Integer()
    interested = fields.Integer()
    interview = fields.Integer()
    hired = fields.Integer()


class ReachReported(Schema):
    reached = fields.Integer()
    interview = fields.Integer()
    hired = fields.Integer()


class GroupSummary(Schema):
    id = fields.UUID()
    name = fields.String()
    kind = fields.String()
    area_id = fields.UUID(allow_none=True)
    members = fields.Integer(metadata={"description": "Current members with a file here"})
    posts = fields.Integer()
    recorded = fields.Nested(ReachFunnel, metadata={"description": "Counted from deliveries and "
                                               "recommendations with source_post_id"})
    reported = fields.Nested(ReachReported, allow_none=True, metadata={
        "description": "People outside Doorstep's files, as the office reported them"})
    total = fields.Nested(ReachFunnel, metadata={"description": "recorded + reported"})


class GroupList(Schema):
    items = fields.List(fields.Nested(GroupSummary))


class GroupStaff(Schema):
    id = fields.UUID()
    display_name = fields.String()


class GroupMemberItem(Schema):
    person_id = fields.UUID()
    name = fields.String(metadata={"description": "Only for members in your scope"},
                         allow_none=True)
    joined_at = UTCDateTime()


class GroupPostItem(Schema):
    id = fields.UUID()
    kind = fields.String()
    ref_id = fields.UUID(allow_none=True)
    title = fields.String()
    body = fields.String()
    posted_at = UTCDateTime()
    by_user_id = fields.UUID(allow_none=True)
    funnel = fields.Nested(ReachFunnel)


class GroupDetail(GroupSummary):
    description = fields.String(allow_none=True)
    primary_staff = fields.Nested(GroupStaff, allow_none=True)
    partner_staff = fields.Nested(GroupStaff, allow_none=True)
    reported_on = fields.Date(allow_none=True)
    may_manage = fields.Boolean()
    members_elsewhere = fields.Integer(metadata={
        "description": "Members outside your scope (counted, not named)"})
    member_list = fields.List(fields.Nested(GroupMemberItem), data_key="member_list")
    post_list = fields.List(fields.Nested(GroupPostItem))


class GroupMembersAdd(Schema):
    person_ids = fields.List(fields.UUID(), required=True,
                             validate=validate.Length(min=1, max=2000))


class GroupMembersAdded(Schema):
    joined = fields.Integer()
    members = fields.Integer()


class GroupPostCreate(Schema):
    id = fields.UUID()
    kind = fields.String(required=True, validate=one_of(VOCABULARY["post_kinds"]))
    ref_id = fields.UUID(allow_none=True)
    title = text(160, allow_none=True)
    body = text(4000, allow_none=True)


class GroupPostCreated(GroupPostItem):
    reached = fields.Integer(metadata={"description": "Members it was delivered to"})


class PostDeliverySchema(Schema):
    id = fields.UUID()
    post_id = fields.UUID()
    group_id = fields.UUID()
    person_id = fields.UUID()
    kind = fields.String()
    ref_id = fields.UUID(allow_none=True)
    title = fields.String()
    body = fields.String()
    posted_at = UTCDateTime()
    read_at = UTCDateTime(allow_none=True)
    answer = fields.String(allow_none=True)
    answered_at = UTCDateTime(allow_none=True)


class PostDeliveryList(Schema):
    items = fields.List(fields.Nested(PostDeliverySchema))


class PostDeliveryAnswer(Schema):
    """A member's own answer (REST; the phone sends the same fields as a sync op)."""

    read_at = UTCDateTime(allow_none=True)
    answer = fields.String(allow_none=True, validate=one_of(VOCABULARY["post_answers"]))
    answered_at = UTCDateTime(allow_none=True)


class GroupReportQuery(Schema):
    period = fields.String(validate=validate.Length(max=24), metadata={
        "description": "A month (2026-07), a quarter (2026-Q3) or a year (2026); default: this quarter"})
    committee_id = fields.UUID(metadata={"description": "Only groups of this committee"})


class GroupReport(Schema):
    period = fields.String()
    start = fields.Date()
    end = fields.Date()
    items = fields.List(fields.Nested(GroupSummary))
    recorded = fields.Nested(ReachFunnel)
    reported = fields.Nested(ReachReported)
    total = fields.Nested(ReachFunnel)
