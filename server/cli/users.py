"""`flask create-user`: make an account from the shell (the first admin, say); `flask
end-sessions`: sign an account out of every device (a phone lost or stolen)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from .. import sessions
from ..domain.vocabulary import ROLES
from ..extensions import db
from ..models import Area, User
from ..security import hash_password


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="admin", show_default=True)
@click.option("--name", "display_name", default=None, help="Display name (defaults to username)")
@click.option("--area", "area_name", default=None, help="Sub-district name (staff)")
@click.password_option()
@with_appcontext
def create_user(username: str, role: str, display_name: str | None, area_name: str | None, password: str) -> None:
    """Create an account with a password."""
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise click.ClickException(f"user {username!r} exists")
    area = None
    if area_name:
        area = db.session.scalar(select(Area).where(Area.name == area_name, Area.kind == "subdistrict"))
        if area is None:
            raise click.ClickException(f"no sub-district named {area_name!r}")
    if role in ("supervisor", "helper") and area is None:
        raise click.ClickException("staff need --area (a sub-district)")
    db.session.add(User(username=username, display_name=display_name or username, role=role,
                        area_id=area.id if area else None, password_hash=hash_password(password)))
    db.session.commit()
    click.echo(f"created {role} {username}")


@click.command("end-sessions")
@click.argument("username")
@with_appcontext
def end_sessions(username: str) -> None:
    """End every session of an account now: each device must log in again."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no user {username!r}")
    sessions.end_all(user, "reset")
    db.session.commit()
    click.echo(f"ended every session of {username}")


commands = [create_user, end_sessions]
