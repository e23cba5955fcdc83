"""Areas and accounts: the district, its sub-districts and committees, and the demo logins.

Sub-district 1 has `supervisor1` and the pair `helper1`/`helper2`; the others `supervisor2`/`3`
and helpers 3–6. Every account shares one password hash (hashing is deliberately slow).
"""

from __future__ import annotations

from ..extensions import db
from ..models import Area, User
from .context import Demo
from .places import DISTRICT, SUBDISTRICTS

#: Display names the seeds give us (Wei Rui runs the Zhumeng studio of Liangcheng Xincun).
SUPERVISOR_NAMES = ("魏蕊", "陈静", "Zhou Min")


def build_areas(demo: Demo) -> None:
    district = Area(id=demo.new_id(), name=DISTRICT, kind="district", parent_id=None)
    demo.district = district
    db.session.add(district)
    for name, committees, _roads in SUBDISTRICTS:
        sub = Area(id=demo.new_id(), name=name, kind="subdistrict", parent_id=district.id)
        demo.subdistricts.append(sub)
        demo.committees[name] = [
            Area(id=demo.new_id(), name=c, kind="committee", parent_id=sub.id) for c in committees
        ]
        db.session.add_all([sub, *demo.committees[name]])


def _user(demo: Demo, username: str, role: str, display_name: str, password_hash: str,
          area: Area | None = None, locale: str = "zh-CN") -> User:
    user = User(id=demo.new_id(), username=username, display_name=display_name, role=role,
                area_id=area.id if area else None, password_hash=password_hash, locale=locale,
                phone=demo.zh.phone_number() if role != "admin" else None)
    demo.users[username] = user
    db.session.add(user)
    return user


def build_staff(demo: Demo, password_hash: str) -> None:
    """The admin, a supervisor per sub-district and two helpers (a pair) per sub-district."""
    _user(demo, "admin", "admin", "系统管理员 Admin", password_hash, locale="en")
    helper_no = 0
    for index, sub in enumerate(demo.subdistricts, start=1):
        demo.supervisor_of[sub.name] = _user(
            demo, f"supervisor{index}", "supervisor", SUPERVISOR_NAMES[index - 1], password_hash, sub
        )
        pair = []
        for _ in range(2):
            helper_no += 1
            english = helper_no in (2, 5)
            name = demo.en.name() if english else demo.zh.name()
            pair.append(_user(demo, f"helper{helper_no}", "helper", name, password_hash, sub,
                              locale="en" if english else "zh-CN"))
        demo.helpers_of[sub.name] = pair
