"""Long work as background tasks, in real Chromium at 360 px: an admin imports a GBK ledger of
500 persons and watches the progress bar, then reads the result; a bad ledger's line report is
in Chinese; a ledger export runs as a task and downloads the file the task made.

The live server has no queue (SQLite, inline tasks): the request answers 202 with a task that
is already done, and the screen shows it exactly as it shows a worker's task.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.e2e import steps
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

HEADER = "姓名,跟踪类别,就业状态,地址,居委会,专员账号,性别,毕业日期,专业,技能"


def ledger(n: int, category: str = "零就业家庭") -> bytes:
    rows = [f"任{i:03d}号,{category},求职中,长宁路{i // 2}号,复旦第一居委,helper1,女,2026-06-30,会计,记账"
            for i in range(n)]
    return "\n".join([HEADER, *rows]).encode("gbk")


def office_imports(page: Any, server: LiveServer) -> None:
    steps.log_in(page, server, "admin")
    page.wait_for_selector(".board", timeout=30_000)
    page.click("nav a[href='#/office']")
    page.click("[data-test='office-imports']")


def test_a_gbk_ledger_of_500_persons_imports_as_a_task_with_progress(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone(locale="zh-CN").new_page()
    office_imports(page, server)

    bad = ledger(5).decode("gbk").replace("任003号,零就业家庭", "任003号,外星人").encode("gbk")
    page.set_input_files("[data-test=import-file-persons]", files=[
        {"name": "台账.csv", "mimeType": "text/csv", "buffer": bad}])
    page.click("[data-test=import-send-persons]")
    errors = page.wait_for_selector("[data-test=import-result-persons] [data-test=import-errors]")
    assert "第 5 行，跟踪类别：应为以下之一：" in errors.inner_text()
    assert page.get_attribute("[data-test=import-progress-persons] [data-test=task-progress]", "data-state") == "failed"

    page.set_input_files("[data-test=import-file-persons]", files=[
        {"name": "台账.csv", "mimeType": "text/csv", "buffer": ledger(500)}])
    page.click("[data-test=import-send-persons]")
    page.wait_for_selector("[data-test=import-result-persons] [data-test=import-ok]:has-text('新增 500 人')",
                           timeout=120_000)
    bar = page.locator("[data-test=import-progress-persons] [data-test=task-bar]")
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("500", "500")
    assert page.inner_text("[data-test=import-progress-persons] [data-test=task-message]") == "已导入 500 行 · 500 / 500"
    tasks = server.api("GET", "/api/tasks", server.token("admin"))["items"]
    assert [t["state"] for t in tasks] == ["done", "failed"]
    assert tasks[0]["result"]["created"] == {"households": 250, "persons": 500}


def test_a_ledger_export_runs_as_a_task_and_downloads(live_server: LiveServer, phone: Any) -> None:
    server = live_server
    page = phone(locale="zh-CN").new_page()
    steps.log_in(page, server, "supervisor1")
    page.wait_for_selector(".board", timeout=30_000)
    steps.go(page, "#/reports?period=2026-Q3")
    page.wait_for_selector("[data-test=period-table] tfoot", timeout=30_000)
    with page.expect_download() as download:
        page.click("[data-test=ledger-disadvantaged]")
    page.wait_for_selector("[data-test=ledger-progress] [data-test=task-progress][data-state=done]")
    assert download.value.suggested_filename == "doorstep-disadvantaged.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet.max_row >= 1
    [task] = server.api("GET", "/api/tasks", server.token("supervisor1"))["items"]
    assert (task["kind"], task["state"], task["has_file"]) == ("export", "done", True)
