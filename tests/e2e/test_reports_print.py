"""The district's quarter report in real Chromium: shown per sub-district, exported as .xlsx
(opened with openpyxl: Chinese headers, the database's figures) and printed to PDF (A4, every
page with the table's header, no app chrome), the proof of issue 11 item 4.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]
#: The route and the stylesheet import live in lead-owned files; until both are there, the
#: page cannot be reached or printed, and this test says so instead of failing.
pytestmark = pytest.mark.e2e

SUBDISTRICTS = 40


def flat(text: str) -> str:
    """PDF text without the spaces and line breaks an extractor puts between CJK characters."""
    return re.sub(r"\s+", "", text)


def district_seed() -> dict[str, str]:
    """The standard world, and forty more sub-districts with a graduate each who was seeking
    at graduation and is employed since August (so every row has figures, and the table is
    longer than one A4 page)."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Area, StatusEvent
    from tests.e2e.conftest import _seed
    from tests.factories import make_area, make_household, make_person

    ids = _seed()
    district = db.session.scalar(select(Area).where(Area.kind == "district"))
    for n in range(SUBDISTRICTS):
        sub = make_area(f"第{n + 1:02d}街道", "subdistrict", district)
        committee = make_area(f"第{n + 1:02d}居委", "committee", sub)
        household = make_household(committee, address=f"幸福路{n}号")
        person = make_person(household, f"毕业生{n:02d}", graduation_date=date(2026, 6, 30), status="employed")
        db.session.add(StatusEvent(person_id=person.id, from_status=None, to_status="seeking",
                                   at=datetime(2026, 3, 1)))
        db.session.add(StatusEvent(person_id=person.id, from_status="seeking", to_status="employed",
                                   at=datetime(2026, 8, 1, 3, 0)))
    db.session.commit()
    return ids


def test_the_district_prints_and_exports_its_quarter(server_factory: Any, phone: Any) -> None:
    server: LiveServer = server_factory(seed=district_seed)
    page = phone(locale="zh-CN").new_page()
    page.set_viewport_size({"width": 1024, "height": 768})  # an office desk, not a phone
    steps.log_in(page, server, "admin")
    page.wait_for_selector(".board", timeout=30_000)
    steps.go(page, "#/reports")
    # The period picker: the third quarter of 2026.
    page.select_option("[data-test=period-kind]", "quarter")
    page.fill("#r-year", "2026")
    page.select_option("#r-q", "3")
    page.click("[data-test=period-show]")
    page.wait_for_function("() => location.hash === '#/reports?period=2026-Q3'")
    page.wait_for_selector("[data-test=period-table] tfoot", timeout=30_000)

    # The page: one row per sub-district, and the total the API gives.
    report = server.api("GET", "/api/period-reports?period=2026-Q3", server.token("admin"))
    assert page.locator("[data-test=period-table] tbody tr").count() == len(report["rows"]) == SUBDISTRICTS + 2
    assert report["total"]["placed_in_period"] == SUBDISTRICTS
    assert report["total"]["placement_rate"] == 1.0
    total = page.inner_text("[data-test=period-table] tfoot")
    assert "合计" in total and "100.00 %" in total

    # Excel: the button downloads the workbook the API makes; open it and compare.
    with page.expect_download() as download:
        page.click("[data-test=report-xlsx]")
    assert download.value.suggested_filename == "doorstep-report-2026-Q3.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    headers = [c.value for c in sheet[4]]
    assert headers[:6] == ["区域", "人数", "毕业生（届）", "离校未就业", "其中已就业", "就业率"]
    last = [c.value for c in sheet[4 + len(report["rows"]) + 1]]
    assert last[0] == "合计" and last[headers.index("本期新就业")] == SUBDISTRICTS

    # A ledger from the same page: the cohort's graduates, statuses as labels.
    with page.expect_download() as ledger:
        page.click("[data-test=ledger-graduates]")
    graduates = load_workbook(io.BytesIO(Path(ledger.value.path()).read_bytes())).active
    assert [c.value for c in graduates[1]][:2] == ["姓名", "性别"]
    assert graduates.max_row == SUBDISTRICTS + 1
    assert {row[6].value for row in graduates.iter_rows(min_row=2)} == {"已就业"}

    # Print to PDF as the browser's print dialog would: A4 landscape, header on every page.
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert 2 <= len(pdf.pages) <= 4
    for sheet_page in pdf.pages:
        width, height = float(sheet_page.mediabox.width), float(sheet_page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
        page_text = flat(sheet_page.extract_text())
        if "街道" in page_text:  # a page of the table (the last may hold only the definitions)
            assert "其中已就业" in page_text  # the header row repeats
    text = flat("".join(p.extract_text() for p in pdf.pages))
    assert "第01街道" in text and "第40街道" in text and "合计" in text
    assert "导出Excel" not in text and "查看" not in text  # buttons and the form are not printed
    nav = [flat(item) for item in page.inner_text("#nav").split("\n") if item.strip()]
    assert nav and not any(item in text for item in nav)  # nor is the app's navigation
