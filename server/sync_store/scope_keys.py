"""The scope keys a change-log row carries, and the rows that must follow when a scope moves.

A pull reads one `(key, position)` range per key of its user (sync/PROTOCOL.md 7.1), so each
`sync_change` row carries, denormalised, what decides whose scope it is in: its household, that
household's sub-district and two helpers, its person, or its catalogue. A row's keys are those
of the domain's own scoping (`server.scoping`): a visit, note or conflict belongs to its
`household_id`; a person, status event or recommendation to the person's household. The keys
are written by the change-log hooks (`changelog.py`) from every flush, so a household that
moves to another helper or sub-district, or a person who moves to another household, carries
every dependent row along (`Moves`), whatever path made the move.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..models import Area, Household, Job, Person, Recommendation, StatusEvent, User
from ..models.sync import ConflictRecord, SyncChange

#: (subdistrict_id, primary helper, partner helper) of a household.
Facts = tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]
_NO_FACTS: Facts = (None, None, None)
#: What a client's phone receives: their own file and what hangs off it.
CLIENT_ENTITIES = ("person", "recommendation", "status_event", "placement", "policy_case",
                   "training_enrolment", "event_participant", "post_delivery", "question",
                   "attachment")
#: Rows keyed by their person (no household of their own): they follow the person's moves.
PERSON_ENTITIES = (*CLIENT_ENTITIES, "retention_check", "assistance_period")
#: Catalogue key of every staff user (rules, trainings, policies), and of jobs with no district.
ALL, CITY_JOBS = "all", "job"


def district_jobs(district_id: uuid.UUID) -> str:
    """The catalogue key of the open jobs of one district."""
    return f"job:{district_id}"


def entity_id_of(obj: Any) -> str:
    """The wire id of a synced row (follow-up rules are keyed by category)."""
    ident = getattr(obj, "id", None)
    return str(ident if ident is not None else getattr(obj, "category", ""))


def _old(obj: Any, attr: str) -> tuple[bool, Any]:
    """(changed, value before this flush) of one column, read in `after_flush`."""
    history = inspect(obj).attrs[attr].history
    if not history.has_changes():
        return False, None
    return True, history.deleted[0] if history.deleted else None


class KeyReader:
    """Household facts, persons' homes and jobs' districts for one flush: the identity map
    first, then one query per kind for the rest."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._facts: dict[Any, Facts] = {}
        self._homes: dict[Any, Any] = {}

    def facts(self, household_ids: Iterable[Any]) -> dict[Any, Facts]:
        wanted = {h for h in household_ids if h is not None and h not in self._facts}
        for hid in list(wanted):
            found = self.session.identity_map.get(self.session.identity_key(Household, hid))
            if found is not None:
                self._facts[hid] = (found.subdistrict_id, found.primary_helper_id,
                                    found.partner_helper_id)
                wanted.discard(hid)
        if wanted:
            with self.session.no_autoflush:
                rows = self.session.execute(
                    select(Household.id, Household.subdistrict_id, Household.primary_helper_id,
                           Household.partner_helper_id).where(Household.id.in_(wanted)))
                self._facts.update({hid: (sub, a, b) for hid, sub, a, b in rows})
        return self._facts

    def homes(self, person_ids: Iterable[Any]) -> dict[Any, Any]:
        wanted = {p for p in person_ids if p is not None and p not in self._homes}
        for pid in list(wanted):
            person = self.session.identity_map.get(self.session.identity_key(Person, pid))
            if person is not None:
                self._homes[pid] = person.household_id
                wanted.discard(pid)
        if wanted:
            with self.session.no_autoflush:
                rows = self.session.execute(
                    select(Person.id, Person.household_id).where(Person.id.in_(wanted)))
                self._homes.update({pid: hid for pid, hid in rows})
        return self._homes

    def districts(self, area_ids: Iterable[Any]) -> dict[Any, Any]:
        """area id → its district (a district, a sub-district's parent, a committee's grandparent)."""
        wanted = {a for a in area_ids if a is not None}
        if not wanted:
            return {}
        parent = Area.__table__.alias("parent")
        with self.session.no_autoflush:
            rows = self.session.execute(
                select(Area.id, Area.kind, Area.parent_id, parent.c.parent_id)
                .outerjoin(parent, parent.c.id == Area.parent_id).where(Area.id.in_(wanted)))
            return {
                aid: aid if kind == "district" else up if kind == "subdistrict" else upup
                for aid, kind, up, upup in rows
            }


def _person_keyed(obj: Any) -> bool:
    """A row that hangs off a person and has no household of its own (or a null one)."""
    if isinstance(obj, StatusEvent | Recommendation):
        return True
    return (obj.__sync_entity__ in PERSON_ENTITIES and getattr(obj, "person_id", None) is not None
            and getattr(obj, "household_id", None) is None)


def _district_keyed(obj: Any) -> bool:
    """A row the staff of its district hold (`__sync_catalogue__ = "district"` and `area_id`)."""
    return getattr(type(obj), "__sync_catalogue__", None) == "district"


def log_rows(reader: KeyReader, objs: list[Any], removed: bool) -> list[dict[str, Any]]:
    """The `sync_change` rows (position 0 until commit) of these flushed objects."""
    persons = [o.person_id for o in objs if _person_keyed(o)]
    homes = reader.homes(persons) if persons else {}
    households = [o.id if isinstance(o, Household) else getattr(o, "household_id", None)
                  for o in objs] + list(homes.values())
    facts = reader.facts(households)
    areas = [o.area_id for o in objs if isinstance(o, Job) or _district_keyed(o)]
    districts = reader.districts(areas) if areas else {}
    rows = []
    for obj in objs:
        household_id = person_id = catalogue = None
        gone = removed
        if isinstance(obj, Household):
            household_id = obj.id
        elif isinstance(obj, Person):
            household_id, person_id = obj.household_id, obj.id
        elif _person_keyed(obj):  # status events, recommendations, placements...
            household_id, person_id = homes.get(obj.person_id), obj.person_id
        elif hasattr(obj, "household_id"):  # visit, note, conflict, a visit's photo
            # Keyed by its household alone: a person's move must not carry it along.
            household_id = obj.household_id
        elif isinstance(obj, Job):
            district = districts.get(obj.area_id)
            catalogue = district_jobs(district) if district else CITY_JOBS
            gone = removed or not obj.is_open  # phones hold open jobs only
        elif _district_keyed(obj):  # employers, their visits, events: the district's staff
            district = districts.get(obj.area_id)
            catalogue = district_jobs(district) if district else CITY_JOBS
        else:
            catalogue = ALL
        sub, helper, partner = facts.get(household_id, _NO_FACTS)
        rows.append({
            "entity": obj.__sync_entity__, "entity_id": entity_id_of(obj), "position": 0,
            "household_id": household_id, "subdistrict_id": sub, "helper_id": helper,
            "partner_id": partner, "person_id": person_id, "catalogue": catalogue,
            "removed": gone,
        })
    return rows


@dataclass(frozen=True)
class Loss:
    """A scope move: the rows (a household's, a person's, or one row) and their facts before
    and after; whoever held them before and not after pulls `remove`."""

    before: Facts
    after: Facts
    household_id: Any = None
    person_id: Any = None
    key: tuple[str, str] | None = None


@dataclass
class Moves:
    """What a flush moved: dependent rows to re-key and move up the log, and who lost them."""

    #: household id → its new facts (its every log row takes them).
    households: dict[Any, Facts] = field(default_factory=dict)
    #: person id → new household id (their own rows take its keys).
    persons: dict[Any, Any] = field(default_factory=dict)
    losses: list[Loss] = field(default_factory=list)
    #: (user id, old person id, new person id): a client account linked to another file.
    links: list[tuple[Any, Any, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.households or self.persons or self.losses or self.links)


_HOUSEHOLD_KEYS = ("subdistrict_id", "primary_helper_id", "partner_helper_id")


def find_moves(reader: KeyReader, dirty: Iterable[Any]) -> Moves:
    """Scope moves among a flush's changed objects (read in `after_flush`)."""
    moves = Moves()
    moved: list[tuple[Any, Any, Any]] = []  # (object, old household, new household)
    for obj in dirty:
        if isinstance(obj, Household):
            old = [_old(obj, attr) for attr in _HOUSEHOLD_KEYS]
            if any(changed for changed, _ in old):
                now: Facts = (obj.subdistrict_id, obj.primary_helper_id, obj.partner_helper_id)
                sub, helper, partner = (value if changed else current
                                        for (changed, value), current in zip(old, now, strict=True))
                moves.households[obj.id] = now
                moves.losses.append(Loss((sub, helper, partner), now, household_id=obj.id))
        elif isinstance(obj, User):
            changed, value = _old(obj, "person_id")
            if changed and obj.role == "client" and value != obj.person_id:
                moves.links.append((obj.id, value, obj.person_id))
        elif hasattr(obj, "household_id") and not isinstance(obj, ConflictRecord):
            changed, value = _old(obj, "household_id")
            if changed and value is not None and value != obj.household_id:
                moved.append((obj, value, obj.household_id))
    if moved:
        facts = reader.facts([h for _, old_home, new_home in moved for h in (old_home, new_home)])
        for obj, old_home, new_home in moved:
            before, after = facts.get(old_home, _NO_FACTS), facts.get(new_home, _NO_FACTS)
            if isinstance(obj, Person):
                moves.persons[obj.id] = new_home
                moves.losses.append(Loss(before, after, person_id=obj.id))
            else:  # a visit or note that moved: only itself
                moves.losses.append(Loss(before, after, key=(obj.__sync_entity__, entity_id_of(obj))))
    return moves


def supervisors_of(session: Session, subdistrict_id: Any) -> list[uuid.UUID]:
    """The supervisors whose scope is this sub-district."""
    if subdistrict_id is None:
        return []
    with session.no_autoflush:
        return list(session.scalars(select(User.id).where(
            User.role == "supervisor", User.area_id == subdistrict_id)))


def holders(session: Session, facts: Facts) -> set[uuid.UUID]:
    """The users whose scope includes a household with these facts (admins: always)."""
    sub, helper, partner = facts
    return {u for u in (helper, partner) if u is not None} | set(supervisors_of(session, sub))


def rows_of(session: Session, *, household_id: Any = None, person_id: Any = None,
            entities: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """The log keys of a household's or a person's rows."""
    query = select(SyncChange.entity, SyncChange.entity_id)
    query = (query.where(SyncChange.household_id == household_id) if household_id is not None
             else query.where(SyncChange.person_id == person_id))
    if entities is not None:
        query = query.where(SyncChange.entity.in_(entities))
    with session.no_autoflush:
        return [(e, i) for e, i in session.execute(query)]
