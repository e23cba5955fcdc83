"""Entity ⇄ row: how a core `Record` (wire values and stamps) maps to the ORM and back.

Reading is column by column (UUIDs and dates become strings). Writing validates the values a
device sent with the REST schemas, so a phone can store nothing the API would refuse, and
creates visits through `case_file.record_visit` so both paths leave the same rows (members'
last contact, the amended visit's review state).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
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
    Area,
    Household,
    Job,
    Note,
    Person,
    Policy,
    Recommendation,
    StatusEvent,
    TrainingCourse,
    Visit,
    utcnow,
    visit_person,
)
from ..models.rules import FollowUpRule
from ..models.sync import ConflictRecord
from ..schemas.persons import EDITABLE
from ..schemas.places import HouseholdCreate
from ..schemas.visits import NoteCreate, VisitCreate

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


def iso_z(value: datetime) -> str:
    """Naive UTC datetime → ISO 8601 with `Z` (milliseconds only when there are some)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    spec = "milliseconds" if value.microsecond else "seconds"
    return value.isoformat(timespec=spec) + "Z"


def ms_to_datetime(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)


def datetime_to_ms(value: datetime) -> int:
    return (value - EPOCH) // timedelta(milliseconds=1)


def to_wire(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return iso_z(value)
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


def _household(store: SqlStorage, household_id: uuid.UUID) -> None:
    if store.household_facts(str(household_id)) is None:
        raise StoreRejected("not_found", "no such household", {"household_id": ["unknown"]})


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
            return db.session.get(self.model, key, with_for_update={"key_share": True})
        return db.session.get(self.model, key)

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        raise StoreRejected("read_only", f"{self.entity} cannot be created by a device")

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        assert self.schema is not None
        loaded = _load(self.schema, changed, partial=True)
        for name, value in loaded.items():
            setattr(row, self.column(name), value)


class HouseholdMap(EntityMap):
    entity, model = "household", Household
    fields = ("committee_id", "address", "zero_employment", "primary_helper_id", "partner_helper_id")
    schema = HouseholdCreate(only=("address", "committee_id", "zero_employment"))

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

    def _committee(self, store: SqlStorage, committee_id: uuid.UUID) -> Area:
        area = db.session.get(Area, committee_id)
        if area is None or area.kind != "committee":
            raise StoreRejected("invalid_op", "unknown committee", {"committee_id": ["unknown"]})
        user = store.user
        if user.role != "admin" and area.parent_id != user.area_id:
            raise StoreRejected("out_of_scope", "that committee is outside your sub-district")
        return area

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        assert self.schema is not None
        loaded = _load(self.schema, data, partial=False)
        area = self._committee(store, loaded["committee_id"])
        mine = store.user.role == "helper"
        return Household(
            id=as_uuid(entity_id), **loaded, subdistrict_id=area.parent_id,
            primary_helper_id=store.user.id if mine else None,
        )

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        super().update(store, row, changed)
        if "committee_id" in changed:
            row.subdistrict_id = self._committee(store, row.committee_id).parent_id


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
        "guidance_step", "registered_on", "helper_id",
    )
    schema = PersonWire()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("household_id", "name", "category") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a person needs a household, name and category", missing)
        loaded = _load(self.schema, data, partial=False)
        household = db.session.get(Household, loaded["household_id"])
        if household is None:
            raise StoreRejected("not_found", "no such household", {"household_id": ["unknown"]})
        return Person(id=as_uuid(entity_id), **loaded, helper_id=household.primary_helper_id)

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        if "household_id" in changed:
            target = as_uuid(changed["household_id"])
            if store.write_scope(store.client_id, str(target), 0) == "out_of_scope":
                raise StoreRejected("out_of_scope", "the new household is not in your caseload")
        super().update(store, row, changed)


class VisitMap(EntityMap):
    entity, model = "visit", Visit
    fields = (
        "household_id", "person_ids", "channel", "occurred_at", "notes", "services", "lat", "lng",
        "accuracy_m", "next_follow_up", "amends_visit_id", "review_state", "review_comment",
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
        _household(store, body["household_id"])
        # In batch mode the members query must not flush the batch so far (a visit naming a
        # person opened in the same batch is then refused, and the batch redone op by op).
        unflushed = db.session.no_autoflush if store.fast else contextlib.nullcontext()
        try:
            with unflushed:
                visit = record_visit(
                    body, author=store.author_id,
                    device=str(data.get("device_id") or store.client_id), late=bool(data.get("late")),
                    members=store.members(body["household_id"]),
                )
        except ApiError as exc:
            raise StoreRejected("invalid_op", exc.message, exc.fields) from exc
        return visit


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
        _household(store, body["household_id"])
        if body.get("visit_id"):
            visit = store.row("visit", str(body["visit_id"]))
            if visit is None or visit.household_id != body["household_id"]:
                raise StoreRejected("invalid_op", "that visit is not in this household",
                                    {"visit_id": ["unknown visit"]})
        if (body.get("person_id")
                and store.household_of_person(str(body["person_id"])) != body["household_id"]):
                raise StoreRejected("invalid_op", "that person is not in this household",
                                    {"person_id": ["not a member"]})
        return Note(**body, author_id=store.author_id, device_id=store.client_id,
                    late=store.last_scope == "grace")


class RecommendationMap(EntityMap):
    entity, model = "recommendation", Recommendation
    #: `history` ({from, to, at, by} moves) and `state_changed_at` are server_only: pulled so a
    #: phone can find persons needing targeted help offline, never written by a device.
    fields = ("person_id", "job_id", "reasons", "match", "state", "response_reason", "by_user_id",
              "history", "state_changed_at")
    schema = Schema.from_dict(
        {
            "person_id": mfields.UUID(),
            "job_id": mfields.UUID(),
            "reasons": mfields.String(validate=validate.Length(max=4000)),
            "match": mfields.Dict(),
            "state": mfields.String(),
            "response_reason": mfields.String(allow_none=True, validate=validate.Length(max=2000)),
        },
        name="RecommendationWire",
    )()

    def create(self, store: SqlStorage, entity_id: str, data: dict[str, Any]) -> Any:
        missing = {k: ["required"] for k in ("person_id", "job_id") if k not in data}
        if missing:
            raise StoreRejected("invalid_op", "a recommendation needs a person and a job", missing)
        loaded = _load(self.schema, data, partial=False)
        job = db.session.get(Job, loaded["job_id"])
        if job is None or db.session.get(Person, loaded["person_id"]) is None:
            raise StoreRejected("not_found", "unknown person or job")
        taken = db.session.scalar(
            select(Recommendation.id).where(
                Recommendation.person_id == loaded["person_id"],
                Recommendation.job_id == loaded["job_id"],
            )
        )
        if taken is not None:
            raise StoreRejected("already_recommended", "this job was already recommended")
        state = loaded.get("state", "recommended")
        return Recommendation(
            id=as_uuid(entity_id), by_user_id=store.author_id, **loaded,
            history=[{"from": None, "to": state, "at": utcnow().isoformat(),
                      "by": str(store.author_id)}],
        )

    def update(self, store: SqlStorage, row: Any, changed: dict[str, Any]) -> None:
        before = row.state
        super().update(store, row, changed)
        if row.state != before:
            row.history = [*row.history, {"from": before, "to": row.state,
                                          "at": utcnow().isoformat(), "by": str(store.author_id)}]
            row.state_changed_at = utcnow()


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
