"""Attachments: a CV (with versions), a photo of a signed contract, a certificate, a form.

The row is the attachment's metadata; it travels as an append-only sync op like a note. The
bytes travel on their own, resumably (tus 1.0, `server/attachments/tus.py`), after the op, and
`uploaded_at` says when they arrived whole and matched `sha256`. A row belongs to a person's
file (`person_id`, no household: it follows the person's moves) or to a visit of a household
(`household_id` and `visit_id`, a person optional): the same scope as the file it belongs to.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import IdMixin, StampMixin, SyncMixin


class Attachment(IdMixin, StampMixin, SyncMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "attachment"
    __sync_entity__ = "attachment"
    __table_args__ = (Index("ix_attachment_person_kind", "person_id", "kind"),)

    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("person.id"), default=None, index=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("household.id"), default=None, index=True)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("visit.id"), default=None, index=True)
    #: `cv`, `photo`, `contract`, `certificate`, `form` or `other` (vocabulary `attachment_kinds`).
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(160), default="")
    content_type: Mapped[str] = mapped_column(String(64))
    #: Bytes announced by the phone; the upload must bring exactly these, hashing to `sha256`.
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: 1, 2, 3... for a CV: numbered by the server in order of arrival (two phones offline may
    #: both think they made version 2). Each version counts toward 3-3-3-3's CV revisions.
    cv_version: Mapped[int | None] = mapped_column(Integer, default=None)
    #: When the bytes arrived whole and verified (None: not yet).
    uploaded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)

    person: Mapped[Any] = relationship("Person")
