"""The one write path of an attachment row, and who may see which rows.

REST (`server/api/attachments.py`) and sync (`server/sync_store/maps/attachments.py`) both call
`create`, so the rules exist once: the role's fields and values (`server/policy.py`: a graduate
makes only `kind = cv`, on their own file), the file it belongs to is in the actor's scope, the
visit it hangs on is of the same household, the announced size and type are allowed. A CV is
numbered here, in order of arrival, so versions never collide whoever made them offline.
"""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from sync.vocabulary import VOCABULARY

from .. import scoping
from ..errors import Conflict, NotFound, Unprocessable
from ..extensions import db
from ..models import Household, Person, User
from ..models.attachments import Attachment
from ..policy import Actor, check_fields, check_value
from . import settings

KINDS: tuple[str, ...] = tuple(VOCABULARY["attachment_kinds"])
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _refuse(name: str, message: str) -> Unprocessable:
    return Unprocessable(message, fields={name: [message]})


def check_file(body: dict[str, Any]) -> None:
    """Kind, type, size and checksum announced for the bytes (the upload must match them)."""
    if body.get("kind") not in KINDS:
        raise _refuse("kind", "Unknown kind of attachment.")
    if body.get("content_type") not in settings.ALLOWED_TYPES:
        raise Unprocessable("Only photos (JPEG, PNG, WebP) and PDF files can be attached.",
                            code="unsupported_type",
                            fields={"content_type": sorted(settings.ALLOWED_TYPES)})
    size = body.get("size")
    if not isinstance(size, int) or size < 1:
        raise _refuse("size", "An attachment has at least one byte.")
    if size > settings.max_bytes():
        raise Unprocessable(f"The file is larger than {settings.max_bytes()} bytes.",
                            code="too_large", fields={"size": [f"at most {settings.max_bytes()}"]})
    if not SHA256.match(str(body.get("sha256", ""))):
        raise _refuse("sha256", "sha256 is 64 lowercase hexadecimal digits.")


def next_cv_version(person_id: uuid.UUID) -> int:
    """The number the next CV of this person gets."""
    with db.session.no_autoflush:
        latest = db.session.scalar(select(func.max(Attachment.cv_version)).where(
            Attachment.person_id == person_id, Attachment.kind == "cv"))
    pending = [a.cv_version or 0 for a in db.session.new
               if isinstance(a, Attachment) and a.person_id == person_id and a.kind == "cv"]
    return max([latest or 0, *pending]) + 1


def create(actor: Actor, body: dict[str, Any]) -> Attachment:
    """An attachment row from validated fields, attributed to the actor and their device."""
    check_fields(actor, "attachment", "create", body)
    check_value(actor, "attachment", "kind", body.get("kind"))
    check_file(body)
    person_id, household_id, visit_id = (body.get(k) for k in ("person_id", "household_id",
                                                                 "visit_id"))
    if visit_id is not None and household_id is None:
        raise _refuse("household_id", "A visit's attachment names the visit's household.")
    if person_id is None and household_id is None:
        raise _refuse("person_id", "An attachment belongs to a person's file or to a visit.")
    if body["kind"] == "cv" and (person_id is None or visit_id is not None):
        raise _refuse("person_id", "A CV belongs to a person's file.")
    if household_id is not None:
        actor.require_household(household_id)
        actor.require_row_of("visit", visit_id, "visit_id", household_id)
        if person_id is not None:
            actor.require_person(person_id, household_id=household_id)
    else:
        assert person_id is not None  # checked above: a person's file or a visit
        actor.require_person(person_id, primary=True)
    # A graduate: their own file only (a sibling's is in the same household, not theirs).
    actor.require_target("attachment", SimpleNamespace(person_id=person_id,
                                                       household_id=household_id))
    ident = body.get("id") or uuid.uuid4()
    if db.session.get(Attachment, ident) is not None:
        raise Conflict("An attachment with this id exists already.", code="id_exists")
    row = Attachment(
        id=ident, person_id=person_id, household_id=household_id, visit_id=visit_id,
        kind=body["kind"], title=(body.get("title") or "").strip()[:160],
        content_type=body["content_type"], size=body["size"], sha256=body["sha256"],
        cv_version=next_cv_version(person_id) if body["kind"] == "cv" and person_id else None,
        author_id=actor.id, device_id=actor.device, updated_by_id=actor.id,
        updated_device=actor.device,
    )
    db.session.add(row)
    return row


def visible(user: User) -> Select[Any]:
    """Attachments `user` may see: those of the files and visits in their scope."""
    query = select(Attachment)
    if user.role == "client":
        return query.where(Attachment.person_id == user.person_id) if user.person_id else \
            query.where(Attachment.id.is_(None))
    households = select(Household.id).where(scoping.household_filter(user))
    persons = select(Person.id).where(Person.household_id.in_(households))
    return query.where(or_(
        Attachment.household_id.in_(households),
        and_(Attachment.household_id.is_(None), Attachment.person_id.in_(persons)),
    ))


def get_visible(user: User, attachment_id: uuid.UUID) -> Attachment:
    """One attachment in `user`'s scope, or 404 (the same answer as a missing one)."""
    row: Attachment | None = db.session.scalar(
        visible(user).where(Attachment.id == attachment_id))
    if row is None:
        raise NotFound("No attachment with that id.")
    return row
