"""`flask import persons|jobs FILE.csv`: check every row, then import all of them or none."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..csv_import import ImportResult, import_jobs, import_persons
from ..extensions import db
from ..models import User

PERSONS_HELP = """Import persons from FILE (.xlsx, or CSV in UTF-8 or GBK/GB18030; headers as codes or labels).

\b
Header row, any order (* = required; see docs/csv-import.md):
  name*, category*, status (default seeking),
  household_id  -or-  address* + committee* [+ subdistrict],
  zero_employment (new households), helper (username), id,
  gender, birth_date, phone, email, wechat, school, major,
  education_level, graduation_date, intention_industry,
  intention_role, intention_place, intention_pay_min,
  intention_pay_max, skills, difficulties, disadvantaged,
  group_name, guidance_step, registered_on, notes_summary

\b
Codes as in docs/CONTRACT.md (category, status...); dates YYYY-MM-DD;
lists separated by ';'; booleans yes/no. A household named by address
and committee that does not exist is created. Every row is checked
first; if any is bad, each error is printed as
"line N, column X: message", nothing is imported, and the exit code is 1.
"""

JOBS_HELP = """Import jobs from FILE (.xlsx, or CSV in UTF-8 or GBK/GB18030; headers as codes or labels).

\b
Header row, any order (* = required; see docs/csv-import.md):
  employer*, title*, industry, place, area [+ area_kind] -or- area_id,
  pay_min, pay_max, majors, skills, education_level, headcount,
  source, public_welfare, closing_date, is_open, description, id

\b
source: enterprise_visit, job_fair, livestream, labour_broker,
online_platform; dates YYYY-MM-DD; lists separated by ';'; booleans
yes/no. Every row is checked first; if any is bad, each error is printed
as "line N, column X: message", nothing is imported, and the exit code is 1.
"""


def _run(importer: Callable[..., ImportResult], data: bytes, username: str | None,
         lang: str = "en") -> None:
    by = None
    if username:
        by = db.session.scalar(select(User).where(User.username == username))
        if by is None:
            raise click.ClickException(f"no user {username!r}")
    try:
        result = importer(data, by=by, device="cli-import")
    except Exception:
        db.session.rollback()
        raise
    if not result.ok:
        for error in sorted(result.errors):
            click.echo(error.text(lang), err=True)
        click.echo(result.summary(lang), err=True)
        raise SystemExit(1)
    click.echo(result.summary(lang))


@click.group("import")
def import_group() -> None:
    """Import persons or jobs from a CSV file (all rows or none)."""


_as = click.option("--as", "username", default=None, metavar="USERNAME",
                   help="Attribute the import to this admin or supervisor (audit log).")
_lang = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                     help="Language of the line report.")


@import_group.command("persons", help=PERSONS_HELP)
@click.argument("file", type=click.File("rb"))
@_as
@_lang
@with_appcontext
def persons(file: BinaryIO, username: str | None, lang: str) -> None:
    _run(import_persons, file.read(), username, lang)


@import_group.command("jobs", help=JOBS_HELP)
@click.argument("file", type=click.File("rb"))
@_as
@_lang
@with_appcontext
def jobs(file: BinaryIO, username: str | None, lang: str) -> None:
    _run(import_jobs, file.read(), username, lang)


commands = [import_group]
