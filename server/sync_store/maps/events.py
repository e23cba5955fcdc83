"""Events and their participants on the wire, written through `server.records.events`.

A staff phone creates and edits events (its district's, `__sync_catalogue__`), invites people
and takes attendance offline: a tick on the list, or a scanned pass (the op carries the token,
checked when it arrives). A graduate's phone signs up or declines on their own row. A sign-up
made offline for an event the person was meanwhile invited to names the same row (its id is
`records.events.participant_id`, the same on every phone), so the two meet as one row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marshmallow import Schema, validate
from marshmallow import fields as mfields

from ...extensions import db
from ...models.recruitment_events import Event, EventParticipant
from ...records import events
from ...schemas.events import PARTICIPATION_STATES, EventWire
from ..mapping import EntityMap, StoreRejected, _load, as_uuid, domain

if TYPE_CHECKING:
    from ..storage import SqlStorage


class EventMap(EntityMap):
    entity, model = "event", Event
    fields = ("kind", "title", "starts_at", "ends_at", "place", "channel", "area_id",
              "employer_ids", "job_ids", "capacity", "description", "cancelled", "by_user_id")
    schema = EventWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("kind", "title", "starts_at") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "an event needs a kind, a title and a start", missing)
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return events.create_event(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            events.update_event(store.actor, row, loaded, stamp=False)


ParticipantWire = Schema.from_dict({
    "event_id": mfields.UUID(),
    "person_id": mfields.UUID(),
    "state": mfields.String(validate=validate.OneOf(PARTICIPATION_STATES)),
    "check_in_via": mfields.String(allow_none=True, validate=validate.OneOf(("list", "qr"))),
    "check_in_token": mfields.String(allow_none=True, validate=validate.Length(max=200)),
}, name="ParticipantWire")


class ParticipantMap(EntityMap):
    entity, model = "event_participant", EventParticipant
    fields = ("event_id", "person_id", "state", "check_in_via", "check_in_token",
              "checked_in_at", "invited_by")
    schema = ParticipantWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("event_id", "person_id") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a participant needs an event and a person", missing)
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return events.add_participant(store.actor, db.session.get(Event, loaded["event_id"]),
                                          {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        loaded = _load(self.schema, changed, partial=True)
        for fixed in ("event_id", "person_id"):
            if fixed in loaded and loaded[fixed] != getattr(row, fixed):
                raise StoreRejected("invalid_op", "a participant's event and person are fixed",
                                    {fixed: ["fixed once made"]})
            loaded.pop(fixed, None)
        with domain():
            events.update_participant(store.actor, row, loaded, stamp=False)


MAPS: list[EntityMap] = [EventMap(), ParticipantMap()]
