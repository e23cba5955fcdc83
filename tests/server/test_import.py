"""CSV import: a good file goes in whole; a file with bad rows goes in not at all, and says why.

Each error names its line and column, so a supervisor can fix the spreadsheet and try again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import func, select

from server.csv_import import PERSON_COLUMNS, import_jobs, import_persons
from server.extensions import db
from server.models import Assignment, AuditLog, Household, Job, Person, StatusEvent, User
from tests.factories import World, make_world

DATA = Path(__file__).resolve().parent.parent / "data"


def count(model: type) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def world(app: Flask) -> Iterator[World]:
    with app.app_context():
        yield make_world()


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["import", *args])


def test_good_persons_file_imports_every_row_with_new_households(app: Flask, world: World) -> None:
    households_before = count(Household)

    result = run(app, "persons", str(DATA / "persons_good.csv"), "--as", "supervisor1")

    assert result.exit_code == 0, result.output
    assert "imported 3 rows: 2 households, 3 persons" in result.output
    zhang_wei = db.session.scalar(select(Person).where(Person.name == "张伟"))
    zhang_li = db.session.scalar(select(Person).where(Person.name == "张丽"))
    assert zhang_wei.household_id == zhang_li.household_id  # same address and committee
    household = db.session.get(Household, zhang_wei.household_id)
    assert household.address == "凉城路200弄5号301室"
    assert household.zero_employment is True  # said by the second row of the household
    assert household.primary_helper_id == world.helper1.id == zhang_wei.helper_id
    assert household.subdistrict_id == world.subdistrict.id
    assert zhang_wei.skills == ["Python", "SQL"] and zhang_wei.disadvantaged is True
    assert zhang_li.difficulties == ["4050人员", "技能单一"]
    assert count(Household) == households_before + 2
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.household_id == household.id, Assignment.role == "primary")
        )
        == 1
    )
    # The history starts at the import, attributed to whoever ran it.
    event = db.session.scalar(select(StatusEvent).where(StatusEvent.person_id == zhang_li.id))
    assert (event.from_status, event.to_status, event.by_user_id) == (
        None,
        "unemployed",
        world.supervisor.id,
    )
    log = db.session.scalar(select(AuditLog).where(AuditLog.entity_id == str(zhang_li.id)))
    assert (log.user_id, log.device_id) == (world.supervisor.id, "cli-import")


def test_a_file_with_two_bad_rows_imports_nothing_and_reports_both(
    app: Flask, world: World
) -> None:
    persons_before = count(Person)

    result = run(app, "persons", str(DATA / "persons_bad.csv"))

    assert result.exit_code == 1
    assert "line 3, column category: Must be one of:" in result.output
    assert "line 5, column birth_date: Not a valid date." in result.output
    assert "2 errors in persons file; nothing was imported" in result.output
    assert count(Person) == persons_before
    assert (
        db.session.scalar(select(Person).where(Person.name == "李娜")) is None
    )  # a good row, not kept


def test_rows_may_name_an_existing_household_by_id(app: Flask, world: World) -> None:
    text = f"name,category,household_id\n陈晨,unemployed_seeking,{world.h2_household.id}\n"

    result = import_persons(text.encode(), by=world.admin)

    assert result.ok, result.errors
    person = db.session.scalar(select(Person).where(Person.name == "陈晨"))
    assert person.household_id == world.h2_household.id
    assert person.helper_id == world.helper2.id  # the household's primary helper
    assert person.status == "seeking"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_utf8_with_or_without_bom(app: Flask, world: World, bom: bytes) -> None:
    data = bom + "name,category,address,committee\n吴芳,settled,凉城路1号,广灵居委\n".encode()

    result = import_persons(data)

    assert result.ok, [str(e) for e in result.errors]
    assert db.session.scalar(select(Person.name).where(Person.name == "吴芳")) == "吴芳"


def test_file_level_problems_are_reported_on_the_header_line(app: Flask, world: World) -> None:
    assert [str(e) for e in import_persons(b"name,category,shoe_size\n").errors] == [
        "line 1, column *: the header must name household_id or address and committee",
        "line 1, column shoe_size: unknown column; the columns are: " + ", ".join(PERSON_COLUMNS),
    ]
    assert [str(e) for e in import_persons(b"name\n").errors] == [
        "line 1, column *: the header must name household_id or address and committee",
        "line 1, column category: required column is missing",
    ]
    assert [str(e) for e in import_persons(b"").errors] == [
        "line 1, column *: the file is empty; the first line must name the columns"
    ]
    # A GBK file is read (tests/server/test_spreadsheets.py); what is wrong is its header.
    assert str(import_persons("name,category\n王\n".encode("gbk")).errors[0]) == (
        "line 1, column *: the header must name household_id or address and committee"
    )


def test_references_are_checked_row_by_row(app: Flask, world: World) -> None:
    text = (
        "name,category,address,committee,helper\n"
        "甲,settled,江湾路9号,江湾居委,helper1\n"  # helper1 works in another sub-district
        "乙,settled,某路1号,不存在居委,\n"
        "丙,settled,凉城路5号,复旦第一居委,nobody\n"
    )

    result = import_persons(text, by=world.supervisor)

    assert [str(e) for e in result.errors] == [
        "line 2, column committee: not in your sub-district",
        "line 3, column committee: no residential committee of this name",
        "line 4, column helper: no helper with this username",
    ]


def test_only_admins_and_supervisors_import(app: Flask, world: World) -> None:
    result = import_jobs((DATA / "jobs_good.csv").read_bytes(), by=world.helper1)

    assert not result.ok and count(Job) == 2


def test_good_jobs_file_with_bom_and_chinese_content(app: Flask, world: World) -> None:
    assert (DATA / "jobs_good.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    result = run(app, "jobs", str(DATA / "jobs_good.csv"), "--as", "admin")

    assert result.exit_code == 0, result.output
    assert "imported 3 rows: 3 jobs" in result.output
    greening = db.session.scalar(select(Job).where(Job.title == "绿化养护员"))
    assert greening.public_welfare is True and greening.majors == [] and greening.headcount == 3
    assert greening.area_id == world.committees[0].id
    design = db.session.scalar(
        select(Job).where(Job.title == "服装设计助理", Job.employer.like("上海凉城%"))
    )
    assert (
        design.majors == ["服装设计", "服装与服饰设计"]
        and design.description == "负责款式打样, 欢迎应届毕业生"
    )
    assert design.area_id == world.subdistrict.id and design.source == "enterprise_visit"


def test_bad_jobs_file_imports_nothing(app: Flask, world: World) -> None:
    result = run(app, "jobs", str(DATA / "jobs_bad.csv"))

    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert errors == [
        "line 2, column pay_max: must not be less than pay_min",
        "line 3, column source: Must be one of: enterprise_visit, job_fair, livestream, labour_broker, "
        "online_platform.",
    ]
    assert count(Job) == 2


def test_help_lists_the_columns(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["import", "persons", "--help"])

    assert "household_id  -or-  address* + committee*" in result.output
    assert "intention_pay_min" in result.output


def test_unknown_user_for_attribution(app: Flask, world: World) -> None:
    result = run(app, "jobs", str(DATA / "jobs_good.csv"), "--as", "nobody")

    assert result.exit_code == 1 and "no user 'nobody'" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) > 0
