"""Who a report is about: the caller's scope (as `scoping` defines it) narrowed by filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_

from ..models import Household, Person, User
from ..scoping import household_filter


@dataclass
class ReportScope:
    user: User
    #: Optional narrowing: committee_id, helper_id (the person's helper), category.
    filters: dict[str, Any] = field(default_factory=dict)

    def households(self) -> Any:
        """Condition on `Household` (committee filter included)."""
        cond = household_filter(self.user)
        if self.filters.get("committee_id"):
            cond = and_(cond, Household.committee_id == self.filters["committee_id"])
        return cond

    def persons(self) -> Any:
        """Condition on `Person` joined to its `Household`."""
        cond = self.households()
        if self.user.role == "client":
            cond = and_(cond, Person.id == self.user.person_id)
        if self.filters.get("helper_id"):
            cond = and_(cond, Person.helper_id == self.filters["helper_id"])
        if self.filters.get("category"):
            cond = and_(cond, Person.category == self.filters["category"])
        return cond
