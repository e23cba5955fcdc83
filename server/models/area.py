"""Places: district → sub-district (street) → residential committee."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import IdMixin, StampMixin


class Area(IdMixin, StampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "area"

    name: Mapped[str] = mapped_column(String(120))
    #: `district`, `subdistrict` or `committee`.
    kind: Mapped[str] = mapped_column(String(16), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("area.id"), default=None, index=True
    )

    parent: Mapped[Area | None] = relationship(remote_side="Area.id", lazy="joined")

    def subdistrict_id(self) -> uuid.UUID | None:
        """The sub-district this area lies in (itself for a sub-district)."""
        if self.kind == "subdistrict":
            return self.id
        if self.kind == "committee":
            return self.parent_id
        return None
