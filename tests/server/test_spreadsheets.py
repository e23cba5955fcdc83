"""Excel in and out: the office's own files go in (GBK CSV, .xlsx, Chinese headers and labels),
and every list comes out as a workbook a person reads (labels, never codes).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from server.csv_import import import_jobs, import_persons
from server.extensions import db
from server.models import Household, Job, Person, StatusEvent
from server.spreadsheets import Column, FileProblem, Sheet, decode_text, read_table, workbook
from tests.factories import make_person, make_visit, make_world

LEDGER_HEADER = "姓名,跟踪类别,就业状态,地址,居委会,专员账号,性别,毕业日期,专业,技能"


def ledger_rows(n: int) -> list[str]:
    """`n` persons as a Chinese office types them: labels, not codes; two to a household."""
    return [f"张{i:03d}号,零就业家庭,求职中,凉城路{i // 2}号,复旦第一居委,helper1,女,2026-06-30,服装设计,缝纫；制版"
            for i in range(n)]


def count(model: type) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_gbk_csv_of_500_persons_goes_in_whole_with_a_line_report(app) -> None:
    data = "\n".join([LEDGER_HEADER, *ledger_rows(500)]).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # what WPS saves: not UTF-8
    with app.app_context():
        world = make_world()
        persons, households = count(Person), count(Household)

        result = import_persons(data, by=world.supervisor, device="office-pc")

        assert result.ok, [str(e) for e in result.errors[:5]]
        assert result.summary() == "imported 500 rows: 250 households, 500 persons"
        assert (count(Person), count(Household)) == (persons + 500, households + 250)
        first = db.session.scalar(select(Person).where(Person.name == "张000号"))
        assert (first.category, first.status, first.gender) == ("zero_employment_family", "seeking", "female")
        assert first.skills == ["缝纫", "制版"] and first.graduation_date == date(2026, 6, 30)
        assert first.helper_id == world.helper1.id
        assert db.session.scalar(select(StatusEvent.by_user_id).where(StatusEvent.person_id == first.id)) \
            == world.supervisor.id


def test_a_gbk_file_with_one_bad_row_goes_in_not_at_all_and_names_the_line(app) -> None:
    rows = ledger_rows(500)
    rows[321] = rows[321].replace("零就业家庭", "外星人")
    data = "\n".join([LEDGER_HEADER, *rows]).encode("gb18030")
    with app.app_context():
        world = make_world()
        before = count(Person)

        result = import_persons(data, by=world.supervisor)

        assert [str(e) for e in result.errors] == ["line 323, column category: Must be one of: "
                                                   + ", ".join(_categories()) + "."]
        assert count(Person) == before


def _categories() -> list[str]:
    from server.domain.vocabulary import CATEGORIES
    return list(CATEGORIES)


def test_an_xlsx_of_jobs_with_chinese_headers_goes_in(app) -> None:
    data = xlsx([["用人单位", "岗位名称", "招聘人数", "截止日期", "岗位来源", "公益性岗位"],
                 ["苏州服装有限公司", "打版师", 3, datetime(2026, 12, 31), "招聘会", "否"],
                 [None, None, None, None, None, None],
                 ["上海保洁服务公司", "保洁员", 1.0, None, "劳务中介", "是"]])
    with app.app_context():
        world = make_world()
        before = count(Job)

        result = import_jobs(data, by=world.supervisor, filename="岗位.xlsx")

        assert result.ok, [str(e) for e in result.errors]
        assert count(Job) == before + 2
        cutter = db.session.scalar(select(Job).where(Job.title == "打版师"))
        assert (cutter.headcount, cutter.closing_date, cutter.source) == (3, date(2026, 12, 31), "job_fair")
        cleaner = db.session.scalar(select(Job).where(Job.title == "保洁员"))
        assert cleaner.public_welfare is True and cleaner.source == "labour_broker"


def test_charsets_utf8_with_and_without_bom_utf16_and_gb18030_beyond_gbk() -> None:
    text = "姓名,地址\n䶮,凉城路\n"  # 䶮 is in GB18030 but not in GBK
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text
    assert decode_text(text.encode("utf-16"))[0] == text
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")
    assert read_table(text.encode("gb18030")) == [(1, ["姓名", "地址"]), (2, ["䶮", "凉城路"])]


@pytest.mark.parametrize("text", ["姓名\n王\n", "姓名,地址\n刘,路\n", "用人单位,岗位名称\n苏州服装有限公司,打版师\n"])
def test_a_short_gbk_file_is_not_taken_for_big5_or_korean(text: str) -> None:
    assert decode_text(text.encode("gbk")) == (text, "gb18030")


def test_a_file_that_is_no_table_is_refused_with_a_reason() -> None:
    with pytest.raises(FileProblem, match=r"not a readable \.xlsx"):
        read_table(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileProblem, match=r"\.xls workbooks"):
        read_table(b"\xd0\xcf\x11\xe0", "台账.xls")


def test_blank_rows_keep_the_line_numbers_and_do_not_use_up_the_row_limit() -> None:
    rows = [["姓名", "地址"], *([[None, None]] * 30), ["王", "凉城路"]]
    assert read_table(xlsx(rows), max_rows=5) == [(1, ["姓名", "地址"]), (32, ["王", "凉城路"])]
    assert read_table("姓名\n\n\n王\n") == [(1, ["姓名"]), (4, ["王"])]


def test_a_workbook_writes_text_as_text_and_dates_as_dates() -> None:
    data = workbook([Sheet("名单/1", [Column("name", "姓名"), Column("day", "日期", "date"),
                                    Column("rate", "就业率", "percent")],
                           [{"name": "=1+1", "day": date(2026, 7, 1), "rate": 0.9142}], ["标题"])])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "名单 1"
    assert [c.value for c in sheet[3]] == ["姓名", "日期", "就业率"]
    name, day, rate = sheet[4]
    assert (name.value, name.data_type) == ("=1+1", "s")  # never a formula
    assert day.value == datetime(2026, 7, 1) and rate.number_format == "0.00%"


@pytest.mark.parametrize(("lang", "header", "status"), [("zh", "就业状态", "求职中"), ("en", "Status", "Seeking a job")])
def test_the_graduate_table_exports_with_labels_never_codes(app, client, as_user, lang, header, status) -> None:
    with app.app_context():
        world = make_world()
        make_person(world.h1_household, "钱多多", graduation_date=date(2025, 6, 30), status="seeking",
                    category="graduate_active_search")
        db.session.commit()

    resp = client.get(f"/api/exports/graduates.xlsx?graduation_year=2025&lang={lang}",
                      headers=as_user("supervisor1"))

    assert resp.status_code == 200, resp.get_json()
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(resp.data)).active
    headers = [c.value for c in sheet[1]]
    assert header in headers
    row = dict(zip(headers, [c.value for c in sheet[2]], strict=True))
    assert row[header] == status
    assert "seeking" not in [c.value for c in sheet[2]]


def test_every_list_and_ledger_exports_and_the_visit_log_names_its_days(app, client, as_user) -> None:
    with app.app_context():
        world = make_world()
        # 23:30 UTC on 30 June is 1 July in Shanghai: the log says the office's day.
        make_visit(world.h1_household, world.helper1, occurred_at=datetime(2026, 6, 30, 23, 30),
                   services=["cv_revision", "mock_interview"], outcome="met")
        db.session.commit()
    for name in ("graduates", "disadvantaged", "visits", "overdue", "status", "category", "committee",
                 "helper", "cohort", "targets", "funnel", "struggling"):
        resp = client.get(f"/api/exports/{name}.xlsx?period=2026-Q3", headers=as_user("supervisor1"))
        assert resp.status_code == 200, (name, resp.get_json())
    resp = client.get("/api/exports/visits.xlsx?period=2026-07", headers=as_user("supervisor1"))
    sheet = load_workbook(io.BytesIO(resp.data)).active
    assert sheet["A4"].value == "日期"  # under the caption (what, which days)
    values = [c.value for c in sheet[5]]
    assert values[0] == datetime(2026, 7, 1)
    assert "修改简历、模拟面试" in values and "入户走访" in values and "见到本人" in values


def test_exports_refuse_unknown_lists_bad_periods_and_a_helper_asking_for_the_office_ledgers(
        app, client, as_user) -> None:
    with app.app_context():
        make_world()
    assert client.get("/api/exports/salaries.xlsx", headers=as_user("supervisor1")).status_code == 404
    bad = client.get("/api/exports/visits.xlsx?period=2026-13", headers=as_user("supervisor1"))
    assert bad.status_code == 422 and bad.get_json()["error"]["fields"]["period"]
    assert client.get("/api/exports/disadvantaged.xlsx", headers=as_user("helper1")).status_code == 403
    assert client.get("/api/exports/overdue.xlsx", headers=as_user("helper1")).status_code == 200


def test_the_upload_routes_take_xlsx_and_gbk(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(4)]).encode("gbk")
    resp = client.post("/api/persons/import", headers=as_user("supervisor1"), content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "台账.csv")})
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["created"] == {"households": 2, "persons": 4}
    refused = client.post("/api/persons/import", headers=as_user("helper1"), content_type="multipart/form-data",
                          data={"file": (io.BytesIO(data), "台账.csv")})
    assert refused.status_code == 403


def test_an_identity_number_already_on_file_stops_the_import_on_its_line(app) -> None:
    header = "姓名,跟踪类别,地址,居委会,身份证号"
    rows = ["甲,settled,凉城路1号,复旦第一居委,11010519491231002X",
            "乙,settled,凉城路2号,复旦第一居委,110105199003071239"]
    with app.app_context():
        world = make_world()
        first = import_persons("\n".join([header, rows[0]]), by=world.supervisor)
        assert first.ok, [str(e) for e in first.errors]
        before = count(Person)

        again = import_persons("\n".join([header, rows[1], rows[0]]), by=world.supervisor)

        assert [str(e) for e in again.errors] == ["line 3, column id_number: already on file"]
        assert count(Person) == before  # the good row before it was not kept either


def test_a_damaged_workbook_or_utf16_file_is_a_clear_problem_not_a_500() -> None:
    """Bytes that look like a workbook or UTF-16 but are broken: the uploader is told, in words."""
    import io
    import zipfile

    import pytest

    from server.spreadsheets import FileProblem
    from server.spreadsheets.reading import decode_text

    with pytest.raises(FileProblem):
        decode_text(b"\xff\xfea")
    good = io.BytesIO()
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["name", "category"])
    book.active.append(["李杰", "settled"])
    book.save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # a sheet cut in half
            dst.writestr(item, data)
    from server.spreadsheets.reading import _xlsx_rows

    with pytest.raises(FileProblem):
        _xlsx_rows(broken.getvalue(), 100)
