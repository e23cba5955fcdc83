"""Import persons from a table (.xlsx or CSV): every row validated first, then all written at once or none.

Each row names its household either by `household_id` (an existing household) or by `address`
and `committee` (the committee's name; add `subdistrict` if two committees share a name). A
household named by address that does not exist yet is created, once, with the row's `helper`
as its primary helper; later rows with the same committee and address join it. Each person gets
an opening status event, so their history starts at the import.

Rows are written through the same domain functions as the API (`records.households.create`,
`records.persons.create`) with the importer as the actor, so an import leaves the rows a REST
call would and passes the same policy; the command line without `--as` acts as the district
(an admin who is nobody in particular).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..audit import acting_as
from ..extensions import db
from ..models import Area, Assignment, Household, Person, StatusEvent, User, utcnow
from ..policy import Actor, Denied
from ..records import actor_for, households, persons
from ..schemas.persons import PersonCreate
from .cells import TRUE, load_row, schema_input
from .reader import Row, read_rows
from .report import ImportResult, RowError

#: Columns in the order the documentation lists them. `*` columns are required.
COLUMNS = (
    "name", "category", "status", "household_id", "address", "committee", "subdistrict",
    "zero_employment", "helper", "id", "id_number", "gender", "birth_date", "phone", "email", "wechat", "school",
    "major", "education_level", "graduation_date", "intention_industry", "intention_role",
    "intention_place", "intention_pay_min", "intention_pay_max", "skills", "difficulties",
    "disadvantaged", "group_name", "guidance_step", "registered_on", "notes_summary",
)
REQUIRED = ("name", "category")
#: A row's household: `household_id`, or `address` with `committee`.
HOUSEHOLD_COLUMNS = (("household_id",), ("address", "committee"))
IMPORTER_ROLES = ("admin", "supervisor")
#: Persons written between two flushes.
FLUSH_EVERY = 250

#: `progress(done, total, step)`: told where a long import is (`server.background`); step is
#: `checking` or `writing`.
ProgressHook = Callable[..., None]


def _silent(done: int, total: int, step: str) -> None:
    """No one is watching (the command line, a small upload)."""


@dataclass
class _NewHousehold:
    committee: Area
    address: str
    primary: User | None
    zero_employment: bool
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class _Plan:
    """What the file would write, built while checking it."""

    households: dict[tuple[uuid.UUID, str], _NewHousehold] = field(default_factory=dict)
    #: (line, the person's fields, their helper)
    persons: list[tuple[int, dict[str, Any], uuid.UUID | None]] = field(default_factory=list)
    seen_ids: set[uuid.UUID] = field(default_factory=set)
    #: Identity number → the line that has it (the database is asked about earlier files).
    id_numbers: dict[str, int] = field(default_factory=dict)


class _Places:
    """Committees, helpers and households, read once per import."""

    def __init__(self) -> None:
        self.committees: dict[str, list[Area]] = {}
        self.names: dict[uuid.UUID | None, str] = {a.id: a.name for a in db.session.scalars(select(Area))}
        for area in db.session.scalars(select(Area).where(Area.kind == "committee")):
            self.committees.setdefault(area.name, []).append(area)
        self.helpers = {u.username: u for u in db.session.scalars(select(User).where(User.role == "helper"))}
        self._addresses: dict[uuid.UUID, dict[str, uuid.UUID]] = {}

    def household_at(self, committee_id: uuid.UUID, address: str) -> uuid.UUID | None:
        """The existing household at `address` in the committee (one query per committee)."""
        if committee_id not in self._addresses:
            self._addresses[committee_id] = {a: i for i, a in db.session.execute(
                select(Household.id, Household.address).where(Household.committee_id == committee_id))}
        return self._addresses[committee_id].get(address)

    def committee(self, name: str, subdistrict: str | None) -> Area | str:
        found = [a for a in self.committees.get(name, [])
                 if subdistrict is None or self.names.get(a.parent_id) == subdistrict]
        if not found:
            return "no residential committee of this name" + (f" in {subdistrict}" if subdistrict else "")
        if len(found) > 1:
            return "several committees have this name; add a subdistrict column"
        return found[0]


def _in_scope(by: User | None, subdistrict_id: uuid.UUID | None) -> bool:
    return by is None or by.role == "admin" or (by.role == "supervisor" and by.area_id == subdistrict_id)


def _household(row: Row, places: _Places, plan: _Plan, by: User | None,
               helper: User | None) -> tuple[uuid.UUID | None, list[RowError]]:
    """The household the row belongs to (existing, or planned), or the errors saying why not."""
    cells, line = row.cells, row.line
    if "household_id" in cells:
        if "address" in cells or "committee" in cells:
            return None, [RowError(line, "household_id", "give household_id or address and committee, not both")]
        try:
            hid = uuid.UUID(cells["household_id"])
        except ValueError:
            return None, [RowError(line, "household_id", "Not a valid UUID.")]
        household = db.session.get(Household, hid)
        if household is None or not _in_scope(by, household.subdistrict_id):
            return None, [RowError(line, "household_id", "no such household")]
        return hid, []
    missing = [RowError(line, c, "required when there is no household_id")
               for c in ("address", "committee") if c not in cells]
    if missing:
        return None, missing
    committee = places.committee(cells["committee"], cells.get("subdistrict"))
    if isinstance(committee, str):
        return None, [RowError(line, "committee", committee)]
    if not _in_scope(by, committee.parent_id):
        return None, [RowError(line, "committee", "not in your sub-district")]
    address = " ".join(cells["address"].split())
    if len(address) > 255:
        return None, [RowError(line, "address", "Longer than maximum length 255.")]
    if helper is not None and helper.area_id != committee.parent_id:
        return None, [RowError(line, "helper", "this helper does not work in the committee's sub-district")]
    key = (committee.id, address)
    existing = places.household_at(committee.id, address)
    if existing is not None:
        return existing, []
    zero = cells.get("zero_employment", "").lower() in TRUE
    if key not in plan.households:
        plan.households[key] = _NewHousehold(committee, address, helper, zero)
    # Any row of a new household may say it is a zero-employment family.
    plan.households[key].zero_employment |= zero
    return plan.households[key].id, []


def _check_row(row: Row, places: _Places, plan: _Plan, by: User | None) -> list[RowError]:
    errors: list[RowError] = []
    helper = None
    if "helper" in row.cells:
        helper = places.helpers.get(row.cells["helper"])
        if helper is None:
            errors.append(RowError(row.line, "helper", "no helper with this username"))
    household_id, problems = _household(row, places, plan, by, helper)
    errors += problems
    schema = PersonCreate()
    data = schema_input(row.cells, schema)
    data["household_id"] = str(household_id or uuid.UUID(int=0))
    loaded, problems = load_row(schema, data, row.line)
    errors += problems
    if loaded is not None and loaded.get("id") is not None:
        if loaded["id"] in plan.seen_ids or db.session.get(Person, loaded["id"]) is not None:
            errors.append(RowError(row.line, "id", "a person with this id exists already"))
        plan.seen_ids.add(loaded["id"])
    number = loaded.get("id_number") if loaded is not None else None
    if number:
        if number in plan.id_numbers:
            errors.append(RowError(row.line, "id_number", f"the same ID number is on line {plan.id_numbers[number]}"))
        plan.id_numbers.setdefault(number, row.line)
    if loaded is not None and not errors:
        loaded.pop("confirm_duplicate", None)  # an import is not asked about weak matches
        plan.persons.append((row.line, loaded, helper.id if helper else None))
    return errors


def import_persons(data: bytes | str, *, by: User | None = None, device: str = "csv-import",
                   commit: bool = True, filename: str | None = None,
                   progress: ProgressHook = _silent) -> ImportResult:
    """Check every row of a persons table (.xlsx or CSV); if all are good, create them (and
    new households)."""
    result = ImportResult("persons")
    if by is not None and by.role not in IMPORTER_ROLES:
        result.errors.append(RowError(1, "*", "only administrators and supervisors may import"))
        return result
    rows, result.errors = read_rows(data, COLUMNS, REQUIRED, one_of=HOUSEHOLD_COLUMNS, filename=filename)
    result.rows = len(rows)
    if result.errors:
        return result
    places, plan = _Places(), _Plan()
    for done, row in enumerate(rows):
        progress(done, len(rows), "checking")
        result.errors += _check_row(row, places, plan, by)
    if result.errors:
        result.errors.sort()
        return result
    result.errors = _write(plan, by, device, progress)
    if result.errors:
        return result
    if commit:
        db.session.commit()
    result.created = {"households": len(plan.households), "persons": len(plan.persons)}
    return result


def _importer(by: User | None, device: str) -> Actor:
    """The actor an import writes as (the command line without `--as`: the district)."""
    return actor_for(by if by is not None else User(id=None, role="admin", username="cli"), device)


def _write(plan: _Plan, by: User | None, device: str, progress: ProgressHook) -> list[RowError]:
    """Write the plan; a row the domain refuses (an identity number already on file) undoes
    everything, like a bad cell, and is reported on its line."""
    now = utcnow()
    actor = _importer(by, device)
    errors: list[RowError] = []
    savepoint = db.session.begin_nested()
    with acting_as(by.id if by else None, device):
        # Kept here: the session holds rows weakly, and each person's household is looked up.
        created = [households.create(actor, {
            "id": new.id, "address": new.address, "committee_id": new.committee.id,
            "zero_employment": new.zero_employment,
            "primary_helper_id": new.primary.id if new.primary else None,
        }) for new in plan.households.values()]
        db.session.flush()  # households first: assignments and persons point at them
        for new in plan.households.values():
            if new.primary is not None:
                db.session.add(Assignment(household_id=new.id, helper_id=new.primary.id, role="primary",
                                          started_at=now, by_user_id=actor.id))
        # Flushed in batches, not once or twice a row (a flush runs the change log's, scope keys'
        # and search keys' hooks): at 5,000 rows, per-row flushes were most of an import's time.
        # Hence the opening event written here rather than by `persons.create`, which flushes
        # to write it; identity numbers repeated inside the file were caught by `_check_row`.
        with db.session.no_autoflush:
            for done, (line, person_data, helper_id) in enumerate(plan.persons):
                progress(done, len(plan.persons), "writing")
                try:
                    person = persons.create(actor, {**person_data, **({"helper_id": helper_id} if helper_id else {})},
                                            opening_event=False)
                    db.session.add(StatusEvent(person_id=person.id, from_status=None, to_status=person.status,
                                               by_user_id=actor.id, device_id=actor.device))
                    if done % FLUSH_EVERY == FLUSH_EVERY - 1:
                        db.session.flush()
                except Denied as exc:
                    # Field messages are text; other details (the matching file's id) are for screens.
                    found = [RowError(line, name, message) for name, messages in (exc.fields or {}).items()
                             for message in (messages if isinstance(messages, list) else [messages])
                             if isinstance(message, str)]
                    errors += found or [RowError(line, "*", exc.message)]
        if errors:
            savepoint.rollback()
            return sorted(errors)
        db.session.flush()
    savepoint.commit()
    del created
    return []
