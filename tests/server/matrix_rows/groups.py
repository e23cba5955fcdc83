"""Matrix rows of job-search groups, their posts, a member's deliveries and the groups' board
(issue 13.3). One group in the standard sub-district (served by helper1, members 李杰 and Chen
Mei, one post) and one in the other sub-district (served by helper9, member 赵敏)."""

from __future__ import annotations

import uuid

from server.extensions import db
from server.models.groups import GroupMember, GroupPost, JobGroup, PostDelivery
from tests.server.matrix_rows.kit import STAFF, Endpoint, allow, at


def _in_scope_person(s: dict[str, str], role: str) -> str:
    return s["zhaoqiang" if role == "other_helper" else "wangfang"]


def _member(s: dict[str, str], role: str) -> str:
    return s["zhao" if role == "other_helper" else "grad"]


ROWS = [
    Endpoint("GET", "/api/groups", allow(STAFF), at("/api/groups"), lists="group"),
    Endpoint("POST", "/api/groups", allow(STAFF, 201),
             lambda s, t, r: ("/api/groups", {"name": "新求职小组", "kind": "offline"})),
    Endpoint("GET", "/api/groups/<uuid:group_id>", allow(STAFF), at("/api/groups/{t}"), "group"),
    Endpoint("PATCH", "/api/groups/<uuid:group_id>", allow(STAFF),
             lambda s, t, r: (f"/api/groups/{t}", {"description": "每周三下午"}), "group"),
    Endpoint("POST", "/api/groups/<uuid:group_id>/members", allow(STAFF),
             lambda s, t, r: (f"/api/groups/{t}/members",
                              {"person_ids": [_in_scope_person(s, r)]}), "group"),
    Endpoint("DELETE", "/api/groups/<uuid:group_id>/members/<uuid:person_id>", allow(STAFF, 204),
             lambda s, t, r: (f"/api/groups/{t}/members/{_member(s, r)}", None), "group"),
    Endpoint("POST", "/api/groups/<uuid:group_id>/posts", allow(STAFF, 201),
             lambda s, t, r: (f"/api/groups/{t}/posts",
                              {"kind": "text", "title": "本周招聘会", "body": "周五上午"}), "group"),
    Endpoint("GET", "/api/deliveries", allow(("client",)), at("/api/deliveries"), lists="delivery"),
    Endpoint("PATCH", "/api/deliveries/<uuid:delivery_id>", allow(("client",)),
             lambda s, t, r: (f"/api/deliveries/{t}", {"read_at": "2026-12-01T08:00:00Z"}),
             "delivery"),
    Endpoint("GET", "/api/reports/groups", allow(("admin", "supervisor")),
             at("/api/reports/groups"), lists="group"),
]

TARGETS = {
    "group": (
        {"admin": "g_sub", "supervisor": "g_sub", "helper": "g_sub", "other_helper": "g_other"},
        {"supervisor": "g_other", "helper": "g_other", "other_helper": "g_sub"},
    ),
    "delivery": ({"client": "pd_grad"}, {"client": "pd_chen"}),
}


def scene(s: dict[str, str]) -> None:
    for key, area_id, staff, members in (
        ("sub", uuid.UUID(s["subdistrict"]), "u_helper1", ("grad", "chen")),
        ("other", _parent_of(s["other_committee"]), "u_helper9", ("zhao",)),
    ):
        group = JobGroup(name=f"求职小组-{key}", kind="offline", area_id=area_id,
                         primary_staff_id=uuid.UUID(s[staff]))
        db.session.add(group)
        db.session.flush()
        s[f"g_{key}"] = str(group.id)
        post = GroupPost(group_id=group.id, kind="text", title="欢迎", body="")
        db.session.add(post)
        db.session.flush()
        for person in members:
            db.session.add(GroupMember(group_id=group.id, person_id=uuid.UUID(s[person])))
            delivery = PostDelivery(post_id=post.id, group_id=group.id,
                                    person_id=uuid.UUID(s[person]), kind="text", title="欢迎",
                                    body="", posted_at=post.posted_at, stamps={})
            db.session.add(delivery)
            db.session.flush()
            s[f"pd_{person}"] = str(delivery.id)


def _parent_of(area_id: str) -> uuid.UUID:
    from server.models import Area

    area = db.session.get(Area, uuid.UUID(area_id))
    assert area is not None and area.parent_id is not None
    return area.parent_id
