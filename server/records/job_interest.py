"""A graduate's "I'm interested" in an open job they found in the app themselves.

Interest is a recommendation, not a new kind of row: the helper already works from the
person's recommendations (the file, the funnel, "interested: help them apply"), so a job the
graduate found lands in the same list and the same funnel, told apart by having no helper's
reason. It is made through `records.recommendations` with the graduate's own rights (the
policy lets a client create one on their own file, with no reason), then moved to
`interested` like any answer. A job the helper had already recommended just moves on.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db
from ..models import Job, Recommendation
from ..policy import Actor, forbidden
from . import recommendations

#: States from which "I'm interested" moves a recommendation (the machine allows it there).
MOVES_TO_INTERESTED = frozenset({"recommended", "viewed", "declined"})


def show_interest(actor: Actor, job_id: uuid.UUID) -> tuple[Recommendation, bool]:
    """The caller's recommendation of `job_id`, made or moved to `interested`; (row, made)."""
    person_id = actor.user.person_id
    if actor.role != "client" or person_id is None:
        raise forbidden("Only a graduate says they are interested, for themselves.")
    if db.session.get(Job, job_id) is None:
        raise NotFound("No job with that id.")
    rec = db.session.scalar(select(Recommendation).where(
        Recommendation.person_id == person_id, Recommendation.job_id == job_id))
    made = rec is None
    if rec is None:
        rec = recommendations.create(actor, {"person_id": person_id, "job_id": job_id})
        db.session.flush()
    if rec.state in MOVES_TO_INTERESTED:
        recommendations.move(actor, rec, "interested")
    return rec, made
