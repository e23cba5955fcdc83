"""Accounts. Admins manage everyone; supervisors see their sub-district's staff; helpers open
client accounts for persons in their caseload, activated with a one-time invitation code.

A fresh invitation is only for a client account never activated and not deactivated: once the
resident has chosen a password, no helper can hand themselves a code to take the account over.
Changing your own password needs the current one and ends your other sessions; an admin's
password reset or a deactivation ends every session of the account (server/sessions.py).

Devices (server/devices.py): everyone sees their own signed-in devices, a supervisor also their
sub-district's helpers', an admin everyone's; a supervisor or an admin ends a device's session,
or ends it with a wipe when the phone is lost.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from flask_jwt_extended import get_jwt
from flask_smorest import Blueprint
from sqlalchemy import select

from .. import devices, scoping, sessions
from ..errors import Conflict, Forbidden, Unprocessable
from ..extensions import db, limiter
from ..models import Area, AuthSession, Person, User, utcnow
from ..schemas.auth import UserSchema
from ..schemas.devices import DeviceEndIn, DeviceList, DeviceOut, DeviceQuery
from ..schemas.users import (
    ClientAccountIn,
    InvitationOut,
    UserCreate,
    UserPage,
    UserQuery,
    UserUpdate,
)
from ..security import (
    client_address,
    hash_invitation_code,
    hash_password,
    login_required,
    me,
    new_invitation_code,
    verify_password,
)
from .paging import like_any, page

blp = Blueprint("users", __name__, url_prefix="/api/users", description="Accounts")

INVITATION_DAYS = 14


@blp.get("")
@login_required("admin", "supervisor")
@blp.arguments(UserQuery, location="query")
@blp.response(200, UserPage)
def all_users(args: dict[str, Any]) -> dict[str, Any]:
    """List accounts in your scope"""
    query = scoping.users(me())
    if "role" in args:
        query = query.where(User.role == args["role"])
    if "area_id" in args:
        query = query.where(User.area_id == args["area_id"])
    cond = like_any(args.get("q"), User.username, User.display_name)
    if cond is not None:
        query = query.where(cond)
    return page(query, args, User.role, User.username)


def _device(session: AuthSession, owner: User) -> dict[str, Any]:
    current = devices.current_session()
    return {
        "id": session.id,
        "user_id": owner.id,
        "username": owner.username,
        "display_name": owner.display_name,
        "role": owner.role,
        "label": session.label,
        "client_id": session.client_id,
        "created_at": session.created_at,
        "last_seen_at": session.last_seen_at,
        "state": devices.state_of(session),
        "wipe_requested_at": session.wipe_requested_at,
        "current": current is not None and current.id == session.id,
    }


@blp.get("/devices")
@login_required()
@blp.arguments(DeviceQuery, location="query")
@blp.response(200, DeviceList)
def all_devices(args: dict[str, Any]) -> dict[str, Any]:
    """Signed-in devices in your scope (yours; a supervisor's helpers'; an admin's everyone's)"""
    rows = devices.devices(me(), args.get("user_id"), args["ended"])
    return {"items": [_device(session, owner) for session, owner in rows]}


@blp.post("/devices/<uuid:session_id>/end")
@login_required("admin", "supervisor")
@blp.arguments(DeviceEndIn)
@blp.response(200, DeviceOut)
def end_device(body: dict[str, Any], session_id: uuid.UUID) -> dict[str, Any]:
    """End a device's session; `wipe`: a lost phone pushes its unsynced work, then wipes"""
    session, owner = devices.one(me(), session_id)
    devices.end(me(), session, body["wipe"])
    db.session.commit()
    return _device(session, owner)


def _unique(username: str) -> None:
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise Conflict("That username is taken.", fields={"username": ["already exists"]})


def _check_area(role: str, area_id: uuid.UUID | None) -> None:
    area = db.session.get(Area, area_id) if area_id else None
    if role in ("supervisor", "helper") and (area is None or area.kind != "subdistrict"):
        raise Unprocessable(
            "Staff work in a sub-district.", fields={"area_id": ["must be a sub-district"]}
        )
    if area_id is not None and area is None:
        raise Unprocessable("No area with that id.", fields={"area_id": ["unknown area"]})


def _check_person(role: str, person_id: uuid.UUID | None) -> None:
    if role != "client":
        if person_id is not None:
            raise Unprocessable(
                "Only a client account belongs to a file.", fields={"person_id": ["must be empty"]}
            )
    elif person_id is None:
        raise Unprocessable(
            "A client account belongs to a file.", fields={"person_id": ["required"]}
        )
    elif db.session.get(Person, person_id) is None:
        raise Unprocessable("No file with that id.", fields={"person_id": ["unknown person"]})


@blp.post("")
@login_required("admin")
@blp.arguments(UserCreate)
@blp.response(201, UserSchema)
def new(body: dict[str, Any]) -> User:
    """Create an account (admin)"""
    _unique(body["username"])
    _check_area(body["role"], body.get("area_id"))
    _check_person(body["role"], body.get("person_id"))
    password = body.pop("password", None)
    user = User(**body)
    user.password_hash = hash_password(password) if password else None
    db.session.add(user)
    db.session.commit()
    return user


def _issue_invitation(user: User) -> dict[str, Any]:
    code = new_invitation_code()
    user.invitation_hash = hash_invitation_code(code)
    user.invitation_expires_at = utcnow() + timedelta(days=INVITATION_DAYS)
    user.invitation_failures = 0
    return {"user": user, "code": code, "expires_at": user.invitation_expires_at}


@blp.post("/clients")
@login_required("helper", "supervisor", "admin")
@blp.arguments(ClientAccountIn)
@blp.response(201, InvitationOut)
def new_client(body: dict[str, Any]) -> dict[str, Any]:
    """Open a client account for a person in your caseload; returns the invitation code once"""
    person: Person = scoping.get_one(scoping.persons(me()), Person, body["person_id"])
    if db.session.scalar(select(User.id).where(User.person_id == person.id)):
        raise Conflict(
            "This person already has an account.", fields={"person_id": ["has an account"]}
        )
    _unique(body["username"])
    user = User(
        username=body["username"],
        display_name=person.name,
        role="client",
        person_id=person.id,
        phone=person.phone,
        is_active=True,
    )
    result = _issue_invitation(user)
    db.session.add(user)
    db.session.commit()
    return result


@blp.post("/<uuid:user_id>/invitation")
@login_required("helper", "supervisor", "admin")
@blp.response(200, InvitationOut)
def reinvite(user_id: uuid.UUID) -> dict[str, Any]:
    """Issue a fresh invitation code for a client account never activated (the old one stops
    working)"""
    user: User = scoping.get_one(_client_accounts(), User, user_id)
    if user.activated:
        raise Conflict(
            "This account is activated: only its owner's password opens it.",
            code="already_activated",
        )
    if not user.is_active:
        raise Conflict("This account is deactivated.", code="account_deactivated")
    result = _issue_invitation(user)
    db.session.commit()
    return result


def _client_accounts() -> Any:
    people = scoping.persons(me()).with_only_columns(Person.id)
    return select(User).where(User.role == "client", User.person_id.in_(people))


@blp.get("/<uuid:user_id>")
@login_required()
@blp.response(200, UserSchema)
def get(user_id: uuid.UUID) -> User:
    """One account in your scope"""
    user: User = scoping.get_one(scoping.users(me()), User, user_id)
    return user


@blp.patch("/<uuid:user_id>")
@login_required()
@blp.arguments(UserUpdate)
@blp.response(200, UserSchema)
def update(body: dict[str, Any], user_id: uuid.UUID) -> User:
    """Change an account (admins: anyone, and staff's roles; others: only their own name, phone,
    locale, password)"""
    caller = me()
    user: User = scoping.get_one(scoping.users(caller), User, user_id)
    if caller.role != "admin":
        if user.id != caller.id:
            raise Forbidden("Only an admin can change another account.")
        if {"area_id", "is_active", "role"} & body.keys():
            raise Forbidden("Only an admin can change roles, areas or deactivate accounts.")
    if body.get("role", user.role) != user.role:
        _change_role(caller, user, body["role"], body.get("area_id", user.area_id))
    elif "area_id" in body:
        _check_area(user.role, body["area_id"])
    password = body.pop("password", None)
    current = body.pop("current_password", None)
    if password:
        _change_password(caller, user, password, current)
    if body.get("is_active") is False and user.is_active:
        user.invitation_hash = user.invitation_expires_at = None
        sessions.end_all(user, "deactivated")
    for key, value in body.items():
        setattr(user, key, value)
    db.session.commit()
    return user


def _change_role(caller: User, user: User, role: str, area_id: uuid.UUID | None) -> None:
    """Staff move between helper, supervisor and admin, in an area that fits the new role. A
    client's account stays one (it belongs to a file); nobody changes their own (an admin cannot
    lock the office out). Every session ends: the phone holds the old role's screens and data."""
    if user.role == "client":
        raise Unprocessable(
            "A job seeker's account cannot become a staff account.",
            fields={"role": ["a client account keeps its role"]},
        )
    if user.id == caller.id:
        raise Forbidden("You cannot change your own role.")
    _check_area(role, area_id)
    sessions.end_all(user, "role_changed")


def _change_password(caller: User, user: User, password: str, current: str | None) -> None:
    """Your own: with the current password, ending your other sessions. An admin resetting
    someone else's: every session of theirs ends."""
    if user.id == caller.id:
        # Throttled like login: a stolen access token must not become a password oracle.
        limiter.check(user.username, client_address())
        if current is None or not verify_password(user, current):
            limiter.failed(user.username, client_address())
            raise Unprocessable(
                "The current password is needed to choose a new one.",
                code="wrong_password",
                fields={"current_password": ["does not match"]},
            )
        sessions.end_others(user, get_jwt().get("fam"))
    else:
        sessions.end_all(user, "reset")
    user.password_hash = hash_password(password)
