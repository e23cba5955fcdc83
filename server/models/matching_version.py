"""One row: a counter bumped by every transaction that writes a job or an area.

The matching index of every worker (`server.matching_index`) compares it with the value its
index was built from. See `server.matching_version` for why a counter and not a fingerprint.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class MatchingVersion(db.Model):  # type: ignore[name-defined,misc]
    """The version of what the matching index is built from (jobs and areas)."""

    __tablename__ = "matching_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
