"""Role views that need the caller, not only their role: what a graduate sees of a visit.

A visit concerns a household; a graduate sees the visits that concerned them (scoping) but not
what they recorded about the other members: other persons' status changes and ids are left out
of the graduate's view, like staff notes are (`VisitSchema.hidden_for`). A schema concern, so
the view never decides. Kept apart from `server/schemas/` so the REST contract's component
names stay (`Visit`, `VisitPage`).
"""

from __future__ import annotations

from typing import Any

from flask import g
from marshmallow import post_dump

from .schemas.common import page_schema
from .schemas.visits import VisitSchema as _StaffVisit
from .security import me


class VisitSchema(_StaffVisit):
    """A visit; for a client, only their own part of it."""

    @post_dump
    def _own_part(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if getattr(g, "role", None) != "client":
            return data
        own = str(me().person_id)
        if "status_changes" in data:
            data["status_changes"] = [c for c in data["status_changes"] or []
                                      if str(c.get("person_id")) == own]
        if "person_ids" in data:
            data["person_ids"] = [p for p in data["person_ids"] or [] if str(p) == own]
        return data


VisitView = VisitSchema
VisitPageView = page_schema(VisitSchema, "VisitPage")
