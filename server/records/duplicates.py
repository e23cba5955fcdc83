"""The duplicate check before a second file is opened for the same person ("one person, one file").

Three keys, in order of strength, looked for among the files of the same office (the
sub-district of the household the person is registered in):

- the same identity number: the same person, always. Opening the file is refused (REST 409,
  sync rejection `duplicate_person`), whoever asks and however they insist.
- the same phone, or the same name and birth date: probably the same person. REST answers 409
  `possible_duplicate` until the caller sends `confirm_duplicate: true`; a sync insert is
  accepted, because the phone ran the same check against its replica and the helper confirmed
  there before saving (a push cannot ask a question back).

Scope is never leaked: a match outside the caller's scope is described only as "a file with
this identity number exists, ask your supervisor", without its id or name; a weaker match outside
scope is not mentioned at all (it would let anyone probe phone numbers). The phone's copy of the
same rule is `pwa/js/domain/duplicates.js`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import and_, case, literal, or_, select

from ..extensions import db
from ..models import Household, Person
from ..policy import Actor, Denied
from ..search import PersonSearch
from ..search_keys import phone_digits

Key = Literal["id_number", "phone", "name_birth_date"]

#: How many matches an answer names at most.
MAX_SHOWN = 5


@dataclass(frozen=True)
class Match:
    """Another file that may be the same person."""

    person_id: uuid.UUID
    name: str
    household_id: uuid.UUID
    key: Key
    #: In the caller's scope: the answer may name it.
    visible: bool

    def brief(self) -> dict[str, str]:
        return {"id": str(self.person_id), "name": self.name,
                "household_id": str(self.household_id), "match": self.key}


def _key_of(row: Person, values: dict[str, Any]) -> Key:
    if values.get("id_number") and row.id_number == values["id_number"]:
        return "id_number"
    if values.get("phone") and phone_digits(row.phone) == phone_digits(values["phone"]):
        return "phone"
    return "name_birth_date"


def find(actor: Actor, values: dict[str, Any], subdistrict_id: uuid.UUID | None,
         exclude: uuid.UUID | None = None) -> list[Match]:
    """Files of the office matching `values` on any key, strongest first."""
    keys = []
    if values.get("id_number"):
        keys.append(Person.id_number == values["id_number"])
    phone = phone_digits(values.get("phone"))
    if len(phone) >= 5:
        # The digits search keeps (server/search_keys.py): one spelling rule for a phone number.
        keys.append(PersonSearch.phone == phone)
    born = values.get("birth_date")
    if values.get("name") and isinstance(born, date):
        keys.append(and_(Person.name == values["name"], Person.birth_date == born))
    if not keys:
        return []
    # The same identity number first, so many files sharing an office phone cannot push it
    # past the limit (and a second file open for the same person).
    strongest = (case((Person.id_number == values["id_number"], 0), else_=1)
                 if values.get("id_number") else literal(1))
    query = (select(Person).join(Household, Person.household_id == Household.id)
             .outerjoin(PersonSearch, PersonSearch.person_id == Person.id)
             .where(Household.subdistrict_id == subdistrict_id, or_(*keys)))
    if exclude is not None:
        query = query.where(Person.id != exclude)
    query = query.order_by(strongest).limit(50)
    matches = [Match(row.id, row.name, row.household_id, _key_of(row, values),
                     actor.reach(row.household_id) != "out_of_scope")
               for row in db.session.scalars(query)]
    order: dict[str, int] = {"id_number": 0, "phone": 1, "name_birth_date": 2}
    return sorted(matches, key=lambda m: (order[m.key], m.name))


def refuse_same_id_number(matches: list[Match]) -> None:
    """409 / `duplicate_person` if a file has the same identity number."""
    same = [m for m in matches if m.key == "id_number"]
    if not same:
        return
    shown = [m.brief() for m in same if m.visible][:MAX_SHOWN]
    if shown:
        message = "A file with this ID number already exists."
        fields: dict[str, Any] = {"id_number": ["already on file"], "duplicates": shown}
    else:
        message = "A file with this ID number already exists; ask your supervisor."
        fields = {"id_number": ["already on file outside your caseload"]}
    raise Denied(message, code="duplicate_person", status=409, sync_code="duplicate_person",
                 fields=fields)


def warn_weak(matches: list[Match]) -> None:
    """409 `possible_duplicate` naming the visible files with the same phone, or name and birth date."""
    shown = [m.brief() for m in matches if m.visible and m.key != "id_number"][:MAX_SHOWN]
    if shown:
        raise Denied("A file with the same phone, or the same name and birth date, exists. "
                     "Send confirm_duplicate: true if this is a different person.",
                     code="possible_duplicate", status=409, sync_code="possible_duplicate",
                     fields={"confirm_duplicate": ["confirm it is a different person"],
                             "duplicates": shown})


def check(actor: Actor, values: dict[str, Any], subdistrict_id: uuid.UUID | None, *,
          confirmed: bool, exclude: uuid.UUID | None = None) -> None:
    """The whole check before a file is opened (or its identity number changed)."""
    matches = find(actor, values, subdistrict_id, exclude)
    refuse_same_id_number(matches)
    if not confirmed:
        warn_weak(matches)
