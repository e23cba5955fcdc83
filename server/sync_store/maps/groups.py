"""A member's copy of a group post (`post_delivery`): pulled by the member's phone, answered
offline; the answer (`read_at`, `answer`, `answered_at`) comes back as an op and goes through
`records.post_answers.answer`, like a REST answer. Deliveries are made only by posting
(`records.groups.post`), never by a device."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marshmallow import Schema
from marshmallow import fields as mfields

from sync.vocabulary import VOCABULARY

from ...models.groups import PostDelivery
from ...records import post_answers
from ...schemas.common import UTCDateTime, one_of
from ..mapping import EntityMap, _load, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage


class PostDeliveryMap(EntityMap):
    entity, model = "post_delivery", PostDelivery
    fields = ("post_id", "group_id", "person_id", "kind", "ref_id", "title", "body", "posted_at",
              "read_at", "answer", "answered_at")
    schema = Schema.from_dict(
        {
            "read_at": UTCDateTime(allow_none=True),
            "answer": mfields.String(allow_none=True, validate=one_of(VOCABULARY["post_answers"])),
            "answered_at": UTCDateTime(allow_none=True),
        },
        name="PostDeliveryWire",
    )()

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            post_answers.answer(store.actor, row, loaded)


MAPS: list[EntityMap] = [PostDeliveryMap()]
