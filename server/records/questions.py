"""Questions to the helper: a graduate asks (from their phone, offline too), staff answer.

The one write path for REST and sync alike. A question is the graduate's own: only they ask
it, only about their own file, and its words are fixed once asked (the policy table allows
`text` on create only). The answer is staff's: whoever reaches the person's household may
write it, and may correct it later; who answered and when is recorded here, never sent by a
device. `answered_at` is when the answer was typed (an offline answer's op stamp), so the
graduate reads "answered at 09:12" even when the helper's phone synced at noon.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, false, select

from .. import scoping
from ..clock import stamp_fields
from ..errors import Conflict, Unprocessable
from ..extensions import db
from ..models import Household, Person, User, utcnow
from ..models.questions import Question
from ..policy import Actor, check_fields

#: Op stamps are milliseconds since this instant (UTC, naive like the columns).
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class _Target:
    """A question not written yet, as `Actor.require_target` sees it."""

    person_id: uuid.UUID


def _when(actor: Actor) -> datetime:
    """When the actor made the change: an op's stamp (offline), else now; never in the future."""
    now = utcnow()
    if actor.made_at_ms is None:
        return now
    return min(now, _EPOCH + timedelta(milliseconds=actor.made_at_ms))


def _attribute(actor: Actor, question: Question) -> None:
    question.updated_by_id = actor.id
    question.updated_device = actor.device


def ask(actor: Actor, body: dict[str, Any]) -> Question:
    """A graduate's question about their own file (`body`: validated person_id, text, asked_at)."""
    check_fields(actor, "question", "create", body)
    person_id = body["person_id"]
    actor.require_target("question", _Target(person_id))
    if actor.role != "client":
        actor.require_person(person_id, primary=True)
    if body.get("id") and db.session.get(Question, body["id"]) is not None:
        raise Conflict("A question with this id exists already.", code="id_exists")
    text = str(body["text"]).strip()
    if not text:
        raise Unprocessable("Write a question.", fields={"text": ["empty"]})
    asked_at = body.get("asked_at") or _when(actor)
    if asked_at > utcnow() + timedelta(milliseconds=actor.skew_ms):
        raise Unprocessable("A question cannot be asked in the future.",
                            fields={"asked_at": ["after now"]})
    question = Question(id=body.get("id") or uuid.uuid4(), person_id=person_id,
                        text=text, asked_at=asked_at, stamps={})
    _attribute(actor, question)
    db.session.add(question)
    return question


def answer(actor: Actor, question: Question, text: str, *, stamp: bool = True) -> None:
    """Staff answer a question of a person they reach (or correct their answer).

    `stamp`: a REST write stamps the field so it wins over what phones hold; a sync op's
    stamp is written by the engine.
    """
    check_fields(actor, "question", "update", ["answer"])
    actor.require_target("question", question)
    words = text.strip()
    if not words:
        raise Unprocessable("Write an answer.", fields={"answer": ["empty"]})
    question.answer = words
    question.answered_by = actor.id
    question.answered_at = _when(actor)
    _attribute(actor, question)
    if stamp:
        stamp_fields(question, ["answer"])


def in_scope(user: User) -> Select[Any]:
    """The questions a user may read: a graduate their own; staff those of persons they reach."""
    query = select(Question).join(Person, Question.person_id == Person.id)
    if user.role == "client":
        return query.where(Question.person_id == user.person_id) if user.person_id \
            else query.where(false())
    return query.join(Household, Person.household_id == Household.id).where(
        scoping.household_filter(user))
