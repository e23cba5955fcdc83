"""Who may write what: the one policy every change to a file is checked against.

REST views, sync pushes, quarantine re-applies and imports all write through the domain
functions (`server/case_file.py`, `server/records/`), and those ask this module, so the rule
exists once. Three questions, in this order:

1. **Role × entity × field × action** (`TABLE`): may a supervisor create a visit, may a
   graduate change the `category` of their file? Decided by field names alone, never by values.
2. **Reach of the target** (`Actor.reach`): the row changed is in the actor's scope (a helper's
   households, a supervisor's sub-district, a graduate's own file), judged before the values.
3. **Reach of every row the change references** (`Actor.require_household`, `require_person`):
   a recommendation's person, a note's person and visit, a visit's members, a moved person's
   new household; the domain functions name each one.

A refusal is one exception, `Denied`: an `ApiError` (so REST answers it in the one error shape:
403 for a role, 404 for a target out of scope, 422 for a bad reference) that also carries the
rejection code a sync result uses (`forbidden`, `out_of_scope`, `invalid_op`, `not_found`).

Scope (sync/PROTOCOL.md section 7) is `in_scope`, `grace` or `out_of_scope`. `grace` is only
for work a former assignee did offline *before* the household was reassigned: the op's stamp
is at or before the end of their assignment (plus the allowed clock skew) and the end is less
than `SYNC_GRACE_DAYS` ago. A quarantine re-apply acts with the author's rights; the
supervisor's word only relaxes the author's own former households (`Actor.voucher`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from . import scoping
from .domain.vocabulary import RECOMMENDATION_STATES
from .errors import ApiError
from .models import User
from .schemas.persons import PersonSchema
from .schemas.places import HouseholdSchema
from .schemas.visits import VisitSchema

Scope = Literal["in_scope", "grace", "out_of_scope"]

ROLES = ("admin", "supervisor", "helper", "client")

#: Actions: c = create the row with this field, u = change it later, r = review (visits),
#: a = assign (households' helpers), s = resolve (conflicts). A blank cell: never.
#:
#:  entity            field                  admin  supervisor  helper  client
TABLE: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("household",      "address",            "cu",  "cu",       "cu",   ""),
    ("household",      "committee_id",       "cu",  "cu",       "cu",   ""),
    ("household",      "zero_employment",    "cu",  "cu",       "cu",   ""),
    ("household",      "lat",                "cu",  "cu",       "cu",   ""),
    ("household",      "lng",                "cu",  "cu",       "cu",   ""),
    ("household",      "primary_helper_id",  "ca",  "ca",       "c",    ""),
    ("household",      "partner_helper_id",  "ca",  "ca",       "c",    ""),
    ("person",         "household_id",       "cu",  "cu",       "cu",   ""),
    ("person",         "name",               "cu",  "cu",       "cu",   ""),
    ("person",         "id_number",          "cu",  "cu",       "cu",   ""),
    ("person",         "gender",             "cu",  "cu",       "cu",   ""),
    ("person",         "birth_date",         "cu",  "cu",       "cu",   ""),
    ("person",         "phone",              "cu",  "cu",       "cu",   "u"),
    ("person",         "email",              "cu",  "cu",       "cu",   "u"),
    ("person",         "wechat",             "cu",  "cu",       "cu",   "u"),
    ("person",         "school",             "cu",  "cu",       "cu",   ""),
    ("person",         "major",              "cu",  "cu",       "cu",   ""),
    ("person",         "education_level",    "cu",  "cu",       "cu",   ""),
    ("person",         "graduation_date",    "cu",  "cu",       "cu",   ""),
    ("person",         "status",             "cu",  "cu",       "cu",   ""),
    ("person",         "category",           "cu",  "cu",       "cu",   ""),
    ("person",         "intention_industry", "cu",  "cu",       "cu",   "u"),
    ("person",         "intention_role",     "cu",  "cu",       "cu",   "u"),
    ("person",         "intention_place",    "cu",  "cu",       "cu",   "u"),
    ("person",         "intention_pay_min",  "cu",  "cu",       "cu",   "u"),
    ("person",         "intention_pay_max",  "cu",  "cu",       "cu",   "u"),
    ("person",         "skills",             "cu",  "cu",       "cu",   ""),
    ("person",         "difficulties",       "cu",  "cu",       "cu",   ""),
    ("person",         "disadvantaged",      "cu",  "cu",       "cu",   ""),
    ("person",         "group_name",         "cu",  "cu",       "cu",   ""),
    ("person",         "guidance_step",      "cu",  "cu",       "cu",   ""),
    ("person",         "guidance_know",      "cu",  "cu",       "cu",   ""),
    ("person",         "guidance_adjust",    "cu",  "cu",       "cu",   ""),
    ("person",         "guidance_promote",   "cu",  "cu",       "cu",   ""),
    ("person",         "registered_on",      "cu",  "cu",       "cu",   ""),
    ("person",         "notes_summary",      "cu",  "cu",       "cu",   ""),
    ("person",         "helper_id",          "c",   "c",        "c",    ""),
    ("visit",          "household_id",       "c",   "c",        "c",    ""),
    ("visit",          "person_ids",         "c",   "c",        "c",    ""),
    ("visit",          "channel",            "c",   "c",        "c",    ""),
    ("visit",          "occurred_at",        "c",   "c",        "c",    ""),
    ("visit",          "notes",              "c",   "c",        "c",    ""),
    ("visit",          "services",           "c",   "c",        "c",    ""),
    ("visit",          "lat",                "c",   "c",        "c",    ""),
    ("visit",          "lng",                "c",   "c",        "c",    ""),
    ("visit",          "accuracy_m",         "c",   "c",        "c",    ""),
    ("visit",          "next_follow_up",     "c",   "c",        "c",    ""),
    ("visit",          "amends_visit_id",    "c",   "c",        "c",    ""),
    ("visit",          "outcome",            "c",   "c",        "c",    ""),
    ("visit",          "status_changes",     "c",   "c",        "c",    ""),
    ("visit",          "review_state",       "r",   "r",        "",     ""),
    ("visit",          "review_comment",     "r",   "r",        "",     ""),
    ("note",           "household_id",       "c",   "c",        "c",    ""),
    ("note",           "person_id",          "c",   "c",        "c",    ""),
    ("note",           "visit_id",           "c",   "c",        "c",    ""),
    ("note",           "text",               "c",   "c",        "c",    ""),
    ("note",           "corrects_note_id",   "c",   "c",        "c",    ""),
    # A graduate who finds a job in the app says "I'm interested": a recommendation of their
    # own (no helper's reason; `records.job_interest`), then the usual answer moves.
    ("recommendation", "person_id",          "c",   "c",        "c",    "c"),
    ("recommendation", "job_id",             "c",   "c",        "c",    "c"),
    ("recommendation", "reasons",            "c",   "c",        "c",    ""),
    ("recommendation", "match",              "c",   "c",        "c",    ""),
    ("recommendation", "state",              "cu",  "cu",       "cu",   "u"),
    ("recommendation", "response_reason",    "cu",  "cu",       "cu",   "u"),
    ("recommendation", "interview_at",       "cu",  "cu",       "cu",   ""),
    ("recommendation", "interview_place",    "cu",  "cu",       "cu",   ""),
    ("recommendation", "source_event_id",    "cu",  "cu",       "cu",   ""),
    ("recommendation", "source_post_id",     "cu",  "cu",       "cu",   ""),
    ("conflict",       "choice",             "s",   "s",        "s",    ""),
    ("conflict",       "comment",            "s",   "s",        "s",    ""),
    ("job",            "*",                  "cu",  "cu",       "cu",   ""),
    # After the recommendation: placements, aftercare, CVs and files (issue 12).
    ("placement",      "*",                  "cu",  "cu",       "cu",   ""),
    ("retention_check", "*",                 "c",   "c",        "c",    ""),
    ("attachment",     "*",                  "c",   "c",        "c",    "c"),
    ("policy_case",    "*",                  "cu",  "cu",       "cu",   ""),
    ("training_enrolment", "*",              "cu",  "cu",       "cu",   ""),
    ("training_enrolment", "person_id",      "c",   "c",        "c",    "c"),
    ("training_enrolment", "course_id",      "c",   "c",        "c",    "c"),
    ("training_enrolment", "state",          "cu",  "cu",       "cu",   "c"),
    ("training_enrolment", "notes",          "cu",  "cu",       "cu",   "c"),
    ("assistance_period", "*",               "cu",  "cu",       "cu",   ""),
    # Employers, events, groups (issue 13).
    ("employer",       "*",                  "cu",  "cu",       "cu",   ""),
    ("enterprise_visit", "*",                "c",   "c",        "c",    ""),
    ("event",          "*",                  "cu",  "cu",       "cu",   ""),
    ("event_participant", "event_id",        "c",   "c",        "c",    "c"),
    ("event_participant", "person_id",       "c",   "c",        "c",    "c"),
    ("event_participant", "state",           "cu",  "cu",       "cu",   "cu"),
    ("event_participant", "check_in_via",    "cu",  "cu",       "cu",   ""),
    ("event_participant", "check_in_token",  "cu",  "cu",       "cu",   ""),
    ("post_delivery",  "read_at",            "",    "",         "",     "u"),
    ("post_delivery",  "answer",             "",    "",         "",     "u"),
    ("post_delivery",  "answered_at",        "",    "",         "",     "u"),
    ("question",       "person_id",          "",    "",         "",     "c"),
    ("question",       "text",               "",    "",         "",     "c"),
    ("question",       "asked_at",           "",    "",         "",     "c"),
    ("question",       "answer",             "u",   "u",        "u",    ""),
)

#: What a graduate may touch at all: rows of their own file (`Actor.require_target`).
CLIENT_TARGETS = frozenset({
    "person", "recommendation", "attachment", "training_enrolment", "event_participant",
    "post_delivery", "question",
})

ACTIONS = {"create": "c", "update": "u", "review": "r", "assign": "a", "resolve": "s"}

#: Values a role is limited to, beyond what the domain allows anyone: a graduate answers a
#: recommendation (viewed, interested, declined...) but cannot put it back to `recommended`.
VALUES: dict[tuple[str, str, str], frozenset[str]] = {
    ("recommendation", "state", "client"): frozenset(RECOMMENDATION_STATES) - {"recommended"},
    # A graduate uploads their own CV; asks to join a course; signs up for an event or says no.
    ("attachment", "kind", "client"): frozenset({"cv"}),
    ("training_enrolment", "state", "client"): frozenset({"requested"}),
    ("event_participant", "state", "client"): frozenset({"signed_up", "declined"}),
}

def _index() -> dict[tuple[str, str, str], frozenset[str]]:
    out: dict[tuple[str, str, str], frozenset[str]] = {}
    for entity, name, *cells in TABLE:
        for role, cell in zip(ROLES, cells, strict=True):
            out[(entity, name, role)] = frozenset(cell)
    return out


_ALLOWED = _index()


def allowed(role: str, entity: str, name: str, action: str) -> bool:
    """One cell of the table: may `role` do `action` on `entity`.`name`?"""
    letter = ACTIONS[action]
    cell = _ALLOWED.get((entity, name, role)) or _ALLOWED.get((entity, "*", role), frozenset())
    return letter in cell


class Denied(ApiError):
    """A change the policy refuses: REST answers `status`/`code`, sync rejects `sync_code`."""

    def __init__(
        self, message: str, *, code: str, status: int, sync_code: str,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code, status=status, fields=fields)
        self.sync_code = sync_code


def forbidden(message: str, fields: dict[str, Any] | None = None) -> Denied:
    """The role may never do this (403 / `forbidden`)."""
    return Denied(message, code="forbidden", status=403, sync_code="forbidden", fields=fields)


def out_of_scope(what: str) -> Denied:
    """The target row is not the actor's (404, like a missing row / `out_of_scope`)."""
    return Denied(f"No {what} with that id.", code="not_found", status=404,
                  sync_code="out_of_scope")


def bad_reference(name: str, message: str) -> Denied:
    """A row the change names is unknown or outside the actor's scope: the same answer."""
    return Denied(message, code="validation_error", status=422, sync_code="invalid_op",
                  fields={name: ["unknown or not in your scope"]})


def check_fields(actor: Actor, entity: str, action: str, names: Iterable[str]) -> None:
    """Question 1: every field named may be written by the actor's role (values not read)."""
    role = actor.user.role
    refused = sorted(n for n in set(names) if n != "id" and not allowed(role, entity, n, action))
    if refused:
        raise forbidden(
            "Your role cannot change these fields." if action == "update"
            else "Your role cannot do this.",
            {name: ["not editable by you"] for name in refused},
        )


def check_value(actor: Actor, entity: str, name: str, value: Any) -> None:
    """Values a role is limited to (a graduate's answers to a recommendation)."""
    limit = VALUES.get((entity, name, actor.user.role))
    if limit is not None and value not in limit:
        raise forbidden("You cannot set that value.", {name: ["not allowed for you"]})


class Lookup(Protocol):
    """What the checks read: the sync batch answers from its prefetch, REST from the session."""

    def household_facts(self, household_id: str) -> Any:
        """The household (or a row with its id, subdistrict_id and helpers), or None."""
        ...

    def household_of_person(self, person_id: str) -> uuid.UUID | None:
        """The household a person is in (None: no such person)."""
        ...

    def row(self, entity: str, entity_id: str, lock: bool = False) -> Any:
        """A row by entity name and id, or None."""
        ...

    def taken(self, entity: str, entity_id: str) -> bool:
        """Is this id already used (a create with a client-made id)?"""
        ...


@dataclass
class Actor:
    """Who makes a change, through what, and when they made it."""

    user: User
    lookup: Lookup
    #: The device (or `web`, `csv-import`...) the change comes from.
    device: str = "web"
    #: When the change was made where it was typed (a sync op's stamp, ms); None: now.
    made_at_ms: int | None = None
    #: Re-apply: the supervisor who vouches for the author's former households.
    voucher: User | None = None
    #: The allowed clock skew of a device (ms), for the grace rule.
    skew_ms: int = 300_000
    #: The grace window after a reassignment.
    grace: timedelta = timedelta(days=7)
    #: household id -> (reached, end of the actor's last assignment there, vouched for).
    _reach: dict[str, tuple[bool, datetime | None, bool]] = field(default_factory=dict)
    _home: list[uuid.UUID | None] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    @property
    def role(self) -> str:
        return self.user.role

    def own_household(self) -> uuid.UUID | None:
        """A client's household (None for staff and for a client without a file)."""
        if not self._home:
            pid = self.user.person_id
            self._home.append(self.lookup.household_of_person(str(pid)) if pid else None)
        return self._home[0]

    def reach(self, household_id: uuid.UUID | str | None) -> Scope:
        """May the actor write to this household now? (A new household: `in_scope`.)"""
        if household_id is None:
            return "in_scope"
        key = str(household_id)
        if key not in self._reach:
            self._reach[key] = self._facts_of(key)
        reached, ended, vouched = self._reach[key]
        if reached:
            return "in_scope"
        if ended is None:
            return "out_of_scope"
        if vouched:
            return "grace"  # a supervisor vouches for the author's own former household
        made_at = self.made_at_ms
        if made_at is None or ended < scoping.now() - self.grace:
            return "out_of_scope"
        # Grace is for work done offline before the move, not for new edits after it.
        return "grace" if made_at <= scoping.to_ms(ended) + self.skew_ms else "out_of_scope"

    def scope_of(self, household_id: uuid.UUID | str | None) -> Scope:
        """`reach`, as the sync engine asks it: a re-applied op is accepted late (`grace`)."""
        scope = self.reach(household_id)
        return "grace" if scope == "in_scope" and self.voucher is not None else scope

    def forget(self) -> None:
        """Drop cached answers (a rolled-back unit may have changed helpers or households)."""
        self._reach.clear()
        self._home.clear()

    def _facts_of(self, household_id: str) -> tuple[bool, datetime | None, bool]:
        facts = self.lookup.household_facts(household_id)
        if facts is None or scoping.reaches(self.user, facts, self.own_household()):
            return True, None, False
        if self.role != "helper":
            return False, None, False
        ended = scoping.assignment_ended(facts.id, self.user.id)
        vouched = self.voucher is not None and scoping.reaches(self.voucher, facts, None)
        return False, ended, vouched

    # -- the rows a change names ---------------------------------------------------------------

    def require_target(self, entity: str, row: Any) -> Scope:
        """Question 2: the row changed lies in the actor's scope, else 404 / `out_of_scope`."""
        if self.role == "client":
            own = self.user.person_id
            person_id = row.id if entity == "person" else getattr(row, "person_id", None)
            if own is None or person_id != own or entity not in CLIENT_TARGETS:
                raise out_of_scope(entity.replace("_", " "))
            return "in_scope"
        scope = self.reach(household_of_row(self.lookup, entity, row))
        if scope == "out_of_scope":
            raise out_of_scope(entity.replace("_", " "))
        return scope

    def require_household(self, household_id: uuid.UUID | str, name: str = "household_id",
                          primary: bool = True) -> Any:
        """A household the change is in (`primary`: 404 like a missing one) or names (422)."""
        facts = self.lookup.household_facts(str(household_id))
        if facts is None or self.reach(household_id) == "out_of_scope":
            if facts is None and primary:
                raise Denied("No household with that id.", code="not_found", status=404,
                             sync_code="not_found", fields={name: ["unknown"]})
            if primary:
                raise out_of_scope("household")
            raise bad_reference(name, "That household is not in your caseload.")
        return facts

    def require_person(self, person_id: uuid.UUID | str, name: str = "person_id",
                       household_id: uuid.UUID | None = None, primary: bool = False) -> uuid.UUID:
        """A person the change names, in scope (and in `household_id` when given). A graduate
        names only themselves: their household is in their reach, its other members are not."""
        if self.role == "client" and str(person_id) != str(self.user.person_id):
            if primary:
                raise Denied("No person with that id.", code="not_found", status=404,
                             sync_code="out_of_scope")
            raise Denied("You can only do this for yourself.", code="validation_error", status=422,
                         sync_code="out_of_scope", fields={name: ["not you"]})
        home = self.lookup.household_of_person(str(person_id))
        if home is None or self.reach(home) == "out_of_scope":
            if primary:
                raise Denied("No person with that id.", code="not_found", status=404,
                             sync_code="out_of_scope" if home else "not_found")
            raise bad_reference(name, "That person is unknown or not in your caseload.")
        if household_id is not None and home != household_id:
            raise Denied("That person is not in this household.", code="validation_error",
                         status=422, sync_code="invalid_op", fields={name: ["not a member"]})
        return home

    def require_row_of(self, entity: str, row_id: uuid.UUID | str | None, name: str,
                       household_id: uuid.UUID) -> Any:
        """A visit or note the change points at, which must be of the same household."""
        if row_id is None:
            return None
        row = self.lookup.row(entity, str(row_id))
        if row is None or row.household_id != household_id:
            raise Denied("That is not a record of this household.", code="validation_error",
                         status=422, sync_code="invalid_op", fields={name: ["not of this household"]})
        return row


#: The REST views whose `hidden_for` a pull applies too, and wire names that differ there.
_VIEWS: dict[str, Any] = {"person": PersonSchema, "household": HouseholdSchema, "visit": VisitSchema}
_WIRE_NAMES = {"reviewed_by_id": "reviewed_by"}


def hidden_fields(role: str, entity: str) -> frozenset[str]:
    """The fields of `entity` the role's REST view leaves out: a pull leaves them out too."""
    view = _VIEWS.get(entity)
    names = view.hidden_for.get(role, ()) if view is not None else ()
    return frozenset(_WIRE_NAMES.get(n, n) for n in (*names, *_STAFF_ONLY.get((entity, role), ())))


#: Fields of rows a graduate's phone pulls (their own) that are staff judgement, with no REST
#: view of their own for that role: the helper's worry that they may quit, the office's notes.
_STAFF_ONLY: dict[tuple[str, str], tuple[str, ...]] = {
    ("placement", "client"): ("at_risk", "at_risk_note", "by_user_id"),
    ("policy_case", "client"): ("notes", "by_user_id"),
    ("training_enrolment", "client"): ("by_user_id",),
}


def household_of_row(lookup: Lookup, entity: str, row: Any) -> uuid.UUID | None:
    """The household a row belongs to (a recommendation: its person's)."""
    household_id: uuid.UUID | None = row.id if entity == "household" else getattr(
        row, "household_id", None)
    if household_id is None and getattr(row, "person_id", None) is not None:
        return lookup.household_of_person(str(row.person_id))
    return household_id


def fields_of_op(kind: str, data: Mapping[str, Any]) -> list[str]:
    """The fields a sync op writes, by name: what question 1 is asked about."""
    if kind == "transition":
        return [str(data.get("field"))]
    return [str(k) for k in data]
