"""Sync maps of placements, retention checks and the retention schedule (issue 12.2-3).

A phone offline writes the recommendation's moves, then the placement and later its retention
checks, as ops; each is validated with the REST schemas (`server/schemas/outcomes.py`) and
written through `server/records/placements.py` / `retention.py` with the push's actor, so the
status change a hire or a departure causes is made once, by the server, whichever path came.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...models.outcomes import Placement, RetentionCheck, RetentionStep
from ...records import placements, retention
from ...schemas.outcomes import PlacementCreate, RetentionCheckCreate
from ..mapping import CatalogueMap, EntityMap, StoreRejected, _load, as_uuid, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage


class PlacementMap(EntityMap):
    entity, model = "placement", Placement
    fields = ("person_id", "recommendation_id", "employer_id", "employer_name", "job_id",
              "job_title", "start_date", "contract_signed", "pay", "ended_on", "end_reason",
              "at_risk", "at_risk_note", "by_user_id")
    schema = PlacementCreate(exclude=("id",))

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("person_id", "start_date") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a placement needs a person and a start day", missing)
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return placements.create(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            placements.update(store.actor, row, loaded, stamp=False)


class RetentionCheckMap(EntityMap):
    entity, model = "retention_check", RetentionCheck
    fields = ("placement_id", "person_id", "step", "occurred_at", "still_employed", "reason",
              "notes", "author_id", "device_id")
    schema = RetentionCheckCreate(exclude=("id",))

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return retention.record(store.actor, {**loaded, "id": as_uuid(entity_id)})


MAPS: list[EntityMap] = [PlacementMap(), RetentionCheckMap(),
                         CatalogueMap("retention_step", RetentionStep)]
