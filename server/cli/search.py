"""`flask search-reindex`: write every person's search keys again.

The keys follow each write through the ORM (server/search.py); a change to the key rule, or a
bulk UPDATE of names or phones outside the app, needs them rebuilt. Batched, committed once.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .. import search
from ..extensions import db


@click.command("search-reindex")
@click.option("--batch", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Persons read per query.")
@with_appcontext
def search_reindex(batch: int) -> None:
    """Rebuild every person's search keys (pinyin, initials, phone digits, ID number)."""
    done = search.reindex(batch)
    db.session.commit()
    click.echo(f"search keys written for {done} persons")


commands = [search_reindex]
