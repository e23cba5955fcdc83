"""An import's line report in the reader's language: a Chinese office reads Chinese reasons,
with the column named as its ledger names it; English stays as the checks wrote it."""

from __future__ import annotations

import re

from server.csv_import import import_jobs, import_persons
from server.csv_import.messages import translate
from tests.factories import make_world

HEADER = "姓名,跟踪类别,地址,居委会,专员账号,出生日期,鞋码"
ROWS = ["甲,外星人,凉城路1号,复旦第一居委,helper1,1990-01-01",
        "乙,settled,凉城路2号,火星居委,nobody,1990-13-01"]


def test_a_chinese_supervisor_reads_every_reason_in_chinese(app) -> None:
    with app.app_context():
        world = make_world()
        bad_header = import_persons("\n".join([HEADER, *ROWS]), by=world.supervisor)
        header_lines = [e.text("zh") for e in bad_header.errors]
        assert header_lines[0].startswith("第 1 行，鞋码：未知的列；可用的列：姓名、跟踪类别")

        result = import_persons("\n".join([HEADER.removesuffix(",鞋码"), *ROWS]), by=world.supervisor)
        lines = [e.text("zh") for e in sorted(result.errors)]

    assert lines == [
        "第 2 行，跟踪类别：应为以下之一：" + lines[0].split("应为以下之一：")[1],
        "第 3 行，出生日期：不是有效的日期",
        "第 3 行，居委会：没有这个名称的居委会",
        "第 3 行，专员账号：没有这个账号的专员",
    ]
    assert result.summary("zh") == "文件中有 4 处错误，未导入任何数据"
    assert [e.text("en") for e in sorted(result.errors)][1] == "line 3, column birth_date: Not a valid date."


def test_job_rows_too(app) -> None:
    with app.app_context():
        world = make_world()
        result = import_jobs("用人单位,岗位名称,薪资下限,薪资上限,所属区域\n某厂,缝纫工,5000,3000,月球", by=world.supervisor)
    texts = sorted(e.text("zh") for e in result.errors)
    assert texts == ["第 2 行，所属区域：没有这个名称的区域", "第 2 行，薪资上限：不能小于薪资下限"]


def test_every_message_the_checks_write_has_a_chinese_reason() -> None:
    """The literal messages of the importers and the reader, found in their source."""
    from pathlib import Path

    source = "".join((Path("server/csv_import") / name).read_text() for name in ("reader.py", "persons.py", "jobs.py"))
    literals = re.findall(r'RowError\([^,]+, [^,]+, "([^"{]+)"\)', source)
    assert len(literals) > 10
    untranslated = [m for m in literals if translate(m, "zh") == m]
    assert untranslated == []


def test_marshmallow_messages_with_numbers_keep_them() -> None:
    assert translate("Longer than maximum length 255.", "zh") == "超过最大长度 255"
    assert translate("item 2: Not a valid string.", "zh") == "第 2 项：不是有效的文本"
    assert translate("Must be greater than or equal to 0.", "zh") == "应不小于 0"
    assert translate("something new", "zh") == "something new"  # shown as it is, rather than lost


def test_an_identity_number_twice_in_one_file_is_caught_on_its_second_line(app) -> None:
    header = "姓名,跟踪类别,地址,居委会,身份证号"
    rows = ["甲,settled,凉城路1号,复旦第一居委,11010519491231002X",
            "乙,settled,凉城路2号,复旦第一居委,11010519491231002X"]
    with app.app_context():
        world = make_world()
        result = import_persons("\n".join([header, *rows]), by=world.supervisor)
    assert [e.text("zh") for e in result.errors] == ["第 3 行，身份证号：第 2 行已有相同的身份证号"]


def test_the_choices_of_a_coded_column_are_said_by_their_labels() -> None:
    from server.csv_import import RowError

    error = RowError(3, "source", "Must be one of: enterprise_visit, job_fair.")
    assert error.text("zh") == "第 3 行，岗位来源：应为以下之一：走访企业、招聘会"
    assert error.text("en") == "line 3, column source: Must be one of: enterprise_visit, job_fair."


def test_the_command_line_gives_the_line_report_in_chinese_when_asked(app) -> None:
    from pathlib import Path

    with app.app_context():
        make_world()
    data = Path(__file__).resolve().parents[1] / "data" / "persons_bad.csv"
    result = app.test_cli_runner().invoke(args=["import", "persons", "--lang", "zh", str(data)])
    assert result.exit_code == 1
    assert "第 5 行，出生日期：不是有效的日期" in result.output
    assert "文件中有 2 处错误，未导入任何数据" in result.output
