"""Questions a graduate asks their helper in the app, and the helper's answer.

A question hangs off the person's file (no household of its own), so it is keyed to the
person's household for sync and follows the person when they move. The graduate writes the
question (offline, as an op); staff write the answer (offline too); who answered and when is
the server's to record (`answered_by`, `answered_at` are `server_only` in the registry).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin, utcnow


class Question(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "question"
    __sync_entity__ = "question"
    #: "Questions waiting" lists a caseload's unanswered ones, oldest first.
    __table_args__ = (Index("ix_question_person_answered", "person_id", "answered_at"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    #: When the graduate typed it (UTC; offline questions arrive later).
    asked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    answer: Mapped[str | None] = mapped_column(Text, default=None)
    answered_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None)
    #: When the answer was typed (UTC); None while the question waits.
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
