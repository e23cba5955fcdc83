"""The `attachment` entity on the wire: the metadata row only, written like a note.

The bytes never travel in an op; the phone uploads them after its push (tus, `/api/attachments/
<id>/upload`). A device's values are validated by the REST schema, then written by the one
domain function (`server.attachments.records.create`), so sync and REST refuse the same things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...attachments import records
from ...models.attachments import Attachment
from ...schemas.attachments import AttachmentCreate
from ..mapping import EntityMap, _load, domain, to_wire

if TYPE_CHECKING:
    from ..storage import SqlStorage


class AttachmentMap(EntityMap):
    entity, model = "attachment", Attachment
    fields = ("person_id", "household_id", "visit_id", "kind", "title", "content_type", "size",
              "sha256", "cv_version", "uploaded_at", "author_id", "device_id")
    schema = AttachmentCreate()

    def wire(self, row: Any) -> dict[str, Any]:
        return {name: to_wire(getattr(row, name)) for name in self.fields}

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        body = _load(self.schema, {**data, "id": entity_id}, partial=False)
        body.pop("cv_version", None)  # numbered by the server
        with domain():
            return records.create(store.actor, body)


MAPS: list[EntityMap] = [AttachmentMap()]
