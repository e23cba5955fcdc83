"""Employers and enterprise visits on the wire: written through `records/employers.py`.

Both are held by the staff of the employer's district (`__sync_catalogue__ = "district"` on the
models). A visit pushed from a phone creates or updates the jobs of its vacancy lines in the
same savepoint as the visit, so a rejected visit leaves no vacancy behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...models.employers import Employer, EnterpriseVisit
from ...records import employers
from ...schemas.employers import EmployerCreate, EmployerUpdate, EnterpriseVisitCreate
from ..mapping import EntityMap, StoreRejected, _load, as_uuid, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage


class EmployerMap(EntityMap):
    entity, model = "employer", Employer
    fields = ("name", "credit_code", "industry", "size", "address", "park", "area_id",
              "contacts", "notes", "by_user_id")
    schema = EmployerUpdate()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        if not data.get("name"):
            raise StoreRejected("invalid_op", "an employer needs a name", {"name": ["required"]})
        loaded = _load(EmployerCreate(), data, partial=False)
        with domain():
            return employers.create(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            employers.update(store.actor, row, loaded, stamp=False)


class EnterpriseVisitMap(EntityMap):
    entity, model = "enterprise_visit", EnterpriseVisit
    fields = ("employer_id", "area_id", "occurred_at", "notes", "met", "vacancies", "lat", "lng",
              "author_id", "device_id")
    schema = EnterpriseVisitCreate()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        assert self.schema is not None
        body = _load(self.schema, {**data, "id": entity_id}, partial=False)
        with domain():
            return employers.record_visit(store.actor, body)


MAPS: list[EntityMap] = [EmployerMap(), EnterpriseVisitMap()]
