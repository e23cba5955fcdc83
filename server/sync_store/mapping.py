"""Entity ⇄ row: how a core `Record` (wire values and stamps) maps to the ORM and back.

Reading is column by column (UUIDs and dates become strings, datetimes through the one
`timestamps.iso_utc`). Writing validates the values a device sent with the REST schemas, so a
phone can store nothing the API would refuse, then goes through the same domain functions as
REST (`server/records/`, `case_file`) with the storage's `Actor`: the mapping keeps no rule of
its own, it only turns a domain refusal (`ApiError`, `policy.Denied`) into a rejection code.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from marshmallow import EXCLUDE, Schema, ValidationError, validate
from marshmallow import fields as mfields
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..case_file import record_visit
from ..errors import ApiError
from ..extensions import db
from ..models import (
    Household,
    Job,
    Note,
    Person,
    Policy,
    Recommendation,
    StatusEvent,
    TrainingCourse,
    Visit,
    visit_person,
)
from ..models.rules import FollowUpRule
from ..models.sync import ConflictRecord
from ..policy import Denied
from ..records import households, notes, persons, recommendations
from ..schemas.common import UTCDateTime
from ..schemas.persons import EDITABLE
from ..schemas.places import HouseholdCreate
from ..schemas.visits import NoteCreate, VisitCreate
from ..timestamps import iso_utc

if TYPE_CHECKING:
    from .storage import SqlStorage

EPOCH = datetime(1970, 1, 1)


class StoreRejected(Exception):
    """The database refuses an op the core accepted: its savepoint is rolled back, then rejected."""

    def __init__(self, code: str, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}


def rejected(exc: ApiError) -> StoreRejected:
    """A domain refusal as a sync rejection: the policy names its code; otherwise by status."""
    if isinstance(exc, Denied):
        code = exc.sync_code
    elif exc.status == 404:
        code = "not_found"
    elif exc.status == 403:
        code = "forbidden"
    elif exc.code in ("validation_error", "bad_request"):
        code = "invalid_op"
    else:
        code = exc.code  # already_recommended, id_exists, illegal_transition, status_changed...
    return StoreRejected(code, exc.message, exc.fields)


@contextlib.contextmanager
def domain() -> Any:
    """Run a domain function; its refusal becomes the op's rejection."""
    try:
        yield
    except ApiError as exc:
        raise rejected(exc) from exc


def ms_to_datetime(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)


def datetime_to_ms(value: datetime) -> int:
    return (value - EPOCH) // timedelta(milliseconds=1)


def to_wire(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def as_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise StoreRejected("invalid_op", f"{value!r} is not a UUID") from exc


def _load(schema: Schema, data: Mapping[str, Any], partial: bool) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = schema.load(dict(data), partial=partial, unknown=EXCLUDE)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"data": exc.messages}
        raise StoreRejected(
            "invalid_op", "some values are not valid", {str(k): v for k, v in messages.items()}
        ) from exc
    return loaded


class EntityMap:
    """One synced entity: its model, wire fields, and how a device's values are written."""

    entity: str = ""
    model: Any = None
    #: Wire fields of `data`, in registry order; `columns` renames where the column differs.
    fields: tuple[str, ...] = ()
    columns: Mapping[str, str] = {}
    #: Validates device-writable values (None: read only).
    schema: Schema | None = None

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def wire(self, row: Any) -> dict[str, Any]:
        return {name: to_wire(getattr(row, self.column(name))) for name in self.fields}

    def load_rows(self, ids: Iterable[str]) -> list[Any]:
        """Plain rows for a pull page: one IN query, no ORM objects (a page has 1,000)."""
        table = self.model.__table__
        keys = [uuid.UUID(i) for i in ids]
        return list(db.session.execute(select(table).where(table.c.id.in_(keys))))

    def get(self, entity_id: str, lock: bool = False) -> Any:
        try:
            key = uuid.UUID(entity_id)
        except ValueError:
            return None
        if lock and db.session.get_bind().dialect.name == "postgresql":
            # `of`: a recommendation's joined job is not locked (and an outer join cannot be).
            return db.session.get(self.model, key,
                                  with_for_update={"key_share": True, "of": self.model})
        return db.session.get(self.model, key)

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        raise StoreRejected("read_only", f"{self.entity} cannot be created by a device")

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        raise StoreRejected("read_only", f"{self.entity} cannot be changed by a device")


class HouseholdMap(EntityMap):
    entity, model = "household", Household
    fields = ("committee_id", "address", "zero_employment", "lat", "lng", "primary_helper_id",
              "partner_helper_id")
    schema = HouseholdCreate(only=("address", "committee_id", "zero_employment", "lat", "lng"))

    @staticmethod
    def select() -> Any:
        """Households without their members and committee: scope needs only the row."""
        return select(Household).options(
            lazyload(Household.members), lazyload(Household.committee)
        )

    def get(self, entity_id: str, lock: bool = False) -> Any:
        try:
            key = uuid.UUID(entity_id)
        except ValueError:
            return None
        query = self.select().where(Household.id == key)
        if lock and db.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(of=Household, key_share=True)
        return db.session.scalars(query).first()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return households.create(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            households.update(store.actor, row, loaded, stamp=False)


_PERSON_FIELDS: dict[str, Any] = {k: v for k, v in EDITABLE.items() if k != "notes_summary"}
PersonWire = Schema.from_dict(
    {**_PERSON_FIELDS, "household_id": mfields.UUID(), "status": mfields.String()},
    name="PersonWire",
)


class PersonMap(EntityMap):
    entity, model = "person", Person
    fields = (
        "household_id", "name", "gender", "birth_date", "phone", "email", "wechat", "school",
        "major", "education_level", "graduation_date", "status", "category",
        "intention_industry", "intention_role", "intention_place", "intention_pay_min",
        "intention_pay_max", "skills", "difficulties", "disadvantaged", "group_name",
        "guidance_step", "guidance_know", "guidance_adjust", "guidance_promote", "id_number",
        "registered_on", "helper_id",
    )
    schema = PersonWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("household_id", "name", "category") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a person needs a household, name and category", missing)
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return persons.create(store.actor, {**loaded, "id": as_uuid(entity_id)},
                                  opening_event=False)

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            persons.update(store.actor, row, loaded, stamp=False)


class VisitMap(EntityMap):
    entity, model = "visit", Visit
    fields = (
        "household_id", "person_ids", "channel", "occurred_at", "notes", "services", "lat", "lng",
        "accuracy_m", "next_follow_up", "amends_visit_id", "outcome", "review_state", "review_comment",
        "reviewed_by", "reviewed_at", "late", "author_id", "device_id",
    )
    columns = {"reviewed_by": "reviewed_by_id"}
    schema = VisitCreate(exclude=("status_changes",))

    def wire(self, row: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.fields:
            if name == "person_ids":
                people = getattr(row, "persons", None)
                if people is None:
                    people = self._members.get(row.id, [])
                out[name] = sorted(str(p.id) for p in people)
            else:
                out[name] = to_wire(getattr(row, self.column(name)))
        return out

    #: Visit → the persons it concerned, for the plain rows of the last loaded page.
    _members: dict[uuid.UUID, list[Any]] = {}

    def load_rows(self, ids: Iterable[str]) -> list[Any]:
        rows = super().load_rows(ids)
        members: dict[uuid.UUID, list[Any]] = {row.id: [] for row in rows}
        link = visit_person
        for visit_id, person_id in db.session.execute(
            select(link.c.visit_id, link.c.person_id).where(link.c.visit_id.in_(list(members)))
        ):
            members[visit_id].append(SimpleNamespace(id=person_id))
        self._members = members
        return rows

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        body = _load(self.schema, {**data, "id": entity_id}, partial=False)
        # In batch mode the members query must not flush the batch so far (a visit naming a
        # person opened in the same batch is then refused, and the batch redone op by op).
        unflushed = db.session.no_autoflush if store.fast else contextlib.nullcontext()
        with unflushed, domain():
            return record_visit(store.actor, body, late=bool(data.get("late")),
                                members=store.members(body["household_id"]))


class NoteMap(EntityMap):
    entity, model = "note", Note
    fields = ("person_id", "household_id", "visit_id", "text", "corrects_note_id")
    #: Attribution the registry does not list: the new helper sees who wrote it and that it is late.
    extras = ("late", "author_id", "device_id")
    schema = NoteCreate()

    def wire(self, row: Any) -> dict[str, Any]:
        return {name: to_wire(getattr(row, name)) for name in (*self.fields, *self.extras)}

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        body = _load(self.schema, {**data, "id": entity_id}, partial=False)
        with domain():
            return notes.create(store.actor, body,
                                late=store.actor.scope_of(body["household_id"]) == "grace")


class RecommendationMap(EntityMap):
    entity, model = "recommendation", Recommendation
    #: `history` ({from, to, at, by} moves) and `state_changed_at` are server_only: pulled so a
    #: phone can find persons needing targeted help offline, never written by a device.
    fields = ("person_id", "job_id", "reasons", "match", "state", "response_reason",
              "interview_at", "interview_place", "source_event_id", "source_post_id", "by_user_id",
              "history", "state_changed_at")
    schema = Schema.from_dict(
        {
            "person_id": mfields.UUID(),
            "job_id": mfields.UUID(),
            "reasons": mfields.String(validate=validate.Length(max=4000)),
            "match": mfields.Dict(),
            "state": mfields.String(),
            "response_reason": mfields.String(allow_none=True, validate=validate.Length(max=2000)),
            "interview_at": UTCDateTime(allow_none=True),
            "interview_place": mfields.String(allow_none=True, validate=validate.Length(max=160)),
            "source_event_id": mfields.UUID(allow_none=True),
            "source_post_id": mfields.UUID(allow_none=True),
        },
        name="RecommendationWire",
    )()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("person_id", "job_id") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a recommendation needs a person and a job", missing)
        loaded = _load(self.schema, data, partial=False)
        with domain():
            return recommendations.create(store.actor, {**loaded, "id": as_uuid(entity_id)})

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        loaded = _load(self.schema, changed, partial=True)
        with domain():
            recommendations.update(store.actor, row, loaded, stamp=False)


class StatusEventMap(EntityMap):
    entity, model = "status_event", StatusEvent
    fields = ("id", "person_id", "from_status", "to_status", "at", "by_user_id", "device_id",
              "op_id", "superseded")

    def wire(self, row: Any) -> dict[str, Any]:
        out = super().wire(row)
        out["at"] = datetime_to_ms(row.at) if row.at is not None else None
        return out


class ConflictMap(EntityMap):
    entity, model = "conflict", ConflictRecord
    fields = ("id", "entity", "entity_id", "field", "kind", "round", "candidates", "winner",
              "state", "resolution", "resolved_by", "resolved_at")


class CatalogueMap(EntityMap):
    """Read-only catalogues: every column but the bookkeeping ones."""

    hidden = frozenset({"id", "stamps", "updated_by_id", "updated_device"})

    def __init__(self, entity: str, model: Any) -> None:
        self.entity, self.model = entity, model
        self.fields = tuple(
            c.key for c in model.__mapper__.column_attrs if c.key not in self.hidden
        )

    def load_rows(self, ids: Iterable[str]) -> list[Any]:
        if self.model is FollowUpRule:
            table = FollowUpRule.__table__
            return list(db.session.execute(select(table).where(table.c.category.in_(list(ids)))))
        return super().load_rows(ids)


MAPS: dict[str, EntityMap] = {
    m.entity: m
    for m in (
        HouseholdMap(), PersonMap(), VisitMap(), NoteMap(), RecommendationMap(), StatusEventMap(),
        ConflictMap(), CatalogueMap("job", Job), CatalogueMap("training", TrainingCourse),
        CatalogueMap("policy", Policy), CatalogueMap("follow_up_rule", FollowUpRule),
    )
}


def _feature_maps() -> None:
    """Each feature's entities (`server/sync_store/maps/<feature>.py`, a `MAPS` list of
    `EntityMap`s) join the table; found rather than listed, one module per feature."""
    import importlib
    import pkgutil

    from . import maps as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for entity_map in getattr(module, "MAPS", ()):
            MAPS[entity_map.entity] = entity_map


_feature_maps()
