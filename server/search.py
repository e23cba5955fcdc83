"""The server's search: each person's keys stored beside the file, and the query over them.

Pinyin is computed when a file is written, never when someone searches: a flush that opens a
file or changes its name, phone or identity number writes the person's `person_search` row
(`server/search_keys.py` makes the keys). A query is then LIKE over the scoped persons' rows,
one scan of the caller's scope with no pinyin work, which stays in milliseconds for a
sub-district of 10,000 persons.

The keys live in their own table rather than on `person`: they are derived, so the sync
registry, the audit log and the change log (which all read `person`'s columns) never see them.
Every write to a person goes through the ORM (`server/records/persons.py`), which is what the
hook listens to; a bulk UPDATE of names that bypassed it would leave keys behind, and
`reindex()` writes them all again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ForeignKey,
    String,
    Text,
    Uuid,
    case,
    event,
    false,
    func,
    inspect,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstanceState, Mapped, Session, mapped_column

from . import scoping
from .extensions import db
from .models import Person, User
from .search_keys import ID_TAIL, PHONE_MIN_DIGITS, RANKS, Keys, keys_of, phone_digits, read_query

#: The person's fields the keys come from.
SOURCES = ("name", "phone", "id_number")


class PersonSearch(db.Model):  # type: ignore[name-defined,misc]
    """A person's search keys (derived from the file; written by the flush hook below)."""

    __tablename__ = "person_search"

    person_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    #: Name keys between spaces, " 李杰 lijie lj ", so LIKE '% lj%' is "a key starts with lj".
    names: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(32))
    id_number: Mapped[str] = mapped_column(String(40))
    #: Results in a rank sort by this (a Chinese name's pinyin), as on the phone.
    sort_key: Mapped[str] = mapped_column(String(255))


def row_of(person_id: uuid.UUID, keys: Keys) -> dict[str, Any]:
    return {"person_id": person_id, "names": " " + " ".join(keys.names) + " ",
            "phone": keys.phone[:32], "id_number": keys.id[:40], "sort_key": keys.sort_key[:255]}


def _upsert(session: Any, rows: list[dict[str, Any]]) -> None:
    conn = session.connection()
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(PersonSearch.__table__)
    stmt = stmt.on_conflict_do_update(
        index_elements=["person_id"],
        set_={col: getattr(stmt.excluded, col) for col in ("names", "phone", "id_number", "sort_key")},
    )
    conn.execute(stmt, rows)


def _sources_changed(person: Person) -> bool:
    state: InstanceState[Person] = inspect(person)
    return any(state.attrs[name].history.has_changes() for name in SOURCES)


@event.listens_for(Session, "after_flush")
def _write_keys(session: Session, _context: Any) -> None:
    """Keys of the persons this flush opened or whose name, phone or identity number changed."""
    persons = [o for o in session.new if isinstance(o, Person)]
    persons += [o for o in session.dirty if isinstance(o, Person) and _sources_changed(o)]
    if persons:
        _upsert(session, [row_of(p.id, keys_of(p.name, p.phone, p.id_number)) for p in persons])


def reindex(batch: int = 1000) -> int:
    """Write every person's keys again (after a change to the key rule); returns how many."""
    done = 0
    last: uuid.UUID | None = None
    while True:
        query = select(Person.id, Person.name, Person.phone, Person.id_number).order_by(Person.id)
        if last is not None:
            query = query.where(Person.id > last)
        rows = db.session.execute(query.limit(batch)).all()
        if not rows:
            return done
        _upsert(db.session, [row_of(r.id, keys_of(r.name, r.phone, r.id_number)) for r in rows])
        done += len(rows)
        last = rows[-1].id


@dataclass(frozen=True)
class Found:
    items: list[tuple[Person, str]]
    total: int


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _ranked(raw: str, group: str | None) -> tuple[Any, Any] | None:
    """(the match condition, the rank expression 0-2), or None when nothing can match."""
    query = read_query(raw)
    q = _like(query.text)
    keys = PersonSearch

    def like(column: Any, pattern: str) -> Any:
        return column.like(pattern, escape="\\")

    if query.kind == "empty":
        return (literal(True), literal(2)) if group else None
    if query.kind == "text":
        exact, prefix = like(keys.names, f"% {q} %"), like(keys.names, f"% {q}%")
        return like(keys.names, f"%{q}%"), case((exact, 0), (prefix, 1), else_=2)
    id_exact = keys.id_number == query.text
    id_tail = (like(keys.id_number, f"%{q}") if ID_TAIL[0] <= len(query.text) <= ID_TAIL[1]
               else false())
    if query.kind == "id_tail":
        return or_(id_exact, id_tail), case((id_exact, 0), else_=1)
    p = phone_digits(query.text)
    if len(p) < PHONE_MIN_DIGITS:
        return None
    phone_exact, phone_prefix = keys.phone == p, like(keys.phone, f"{p}%")
    return (
        or_(id_exact, id_tail, like(keys.phone, f"%{p}%")),
        case((or_(id_exact, phone_exact), 0), (or_(id_tail, phone_prefix), 1), else_=2),
    )


def find(user: User, raw: str, *, group: str | None = None, limit: int = 50,
         within: list[uuid.UUID] | None = None) -> Found:
    """Persons in `user`'s scope that match `raw` (all of `group` when `raw` is empty), best
    rank first, then by name. `within` narrows to some ids (the tests' per-person checks)."""
    ranked = _ranked(raw, group)
    if ranked is None:
        return Found([], 0)
    condition, rank = ranked
    query = scoping.persons(user).join(PersonSearch, PersonSearch.person_id == Person.id)
    query = query.where(condition)
    if group:
        query = query.where(Person.group_name == group)
    if within is not None:
        query = query.where(Person.id.in_(within))
    # One scan of narrow rows (ids and keys, not whole files) ranks, counts and cuts the page;
    # only the page's files are then read.
    page = (
        query.with_only_columns(PersonSearch.person_id, PersonSearch.sort_key, rank.label("rank"),
                                func.count().over().label("total"))
        .order_by(rank, PersonSearch.sort_key, Person.id)
        .limit(limit)
        .subquery()
    )
    rows = db.session.execute(
        select(Person, page.c.rank, page.c.total)
        .join(page, page.c.person_id == Person.id)
        .order_by(page.c.rank, page.c.sort_key, Person.id)
    ).all()
    total = rows[0][2] if rows else 0
    return Found([(row[0], RANKS[row[1]]) for row in rows], int(total))
