"""Long imports and exports as tasks, inline (no queue configured: SQLite, the demo).

The client asks with `Prefer: respond-async`; the answer is 202 with the task, already done,
and the same task polls and downloads like one a worker ran. Only its owner sees it.
"""

from __future__ import annotations

import io
import uuid

from openpyxl import load_workbook
from sqlalchemy import func, select

from server.extensions import db
from server.models import Person
from tests.factories import make_world
from tests.server.test_spreadsheets import LEDGER_HEADER, ledger_rows

ASYNC = {"Prefer": "respond-async"}  # the PWA says ?async=1 instead (one test below)


def upload(client, headers, data: bytes, name: str = "台账.csv", query: str = ""):
    return client.post(f"/api/persons/import{query}", headers={**headers, **ASYNC},
                       content_type="multipart/form-data", data={"file": (io.BytesIO(data), name)})


def test_a_gbk_import_runs_as_a_task_and_reports_its_progress(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(40)]).encode("gbk")

    resp = upload(client, as_user("supervisor1"), data, query="?lang=zh")

    assert resp.status_code == 202
    task = resp.get_json()
    assert resp.headers["Location"] == f"/api/tasks/{task['id']}"
    assert (task["kind"], task["state"], task["done"], task["total"]) == ("import_persons", "done", 40, 40)
    assert task["message"] == "已导入 40 行"
    assert task["result"]["created"] == {"households": 20, "persons": 40}
    polled = client.get(f"/api/tasks/{task['id']}", headers=as_user("supervisor1")).get_json()
    assert polled["state"] == "done" and polled["has_file"] is False
    with app.app_context():
        from server.background import files
        from server.models.background import BackgroundJob

        upload_path = db.session.get(BackgroundJob, uuid.UUID(task["id"])).params["input"]
        assert not files.exists(upload_path)  # the ledger's personal data is not kept once read
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) >= 40


def test_a_rejected_import_fails_in_the_users_language_with_its_line_report(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    rows = ledger_rows(3)
    rows[1] = rows[1].replace("零就业家庭", "外星人")
    data = "\n".join([LEDGER_HEADER, *rows]).encode("gbk")

    task = upload(client, as_user("supervisor1"), data, query="?lang=zh").get_json()

    assert (task["state"], task["error_code"]) == ("failed", "import_rejected")
    assert task["error"] == "1 处错误，未导入任何数据"
    [error] = task["result"]["errors"]
    assert error["line"] == 3 and error["column_label"] == "跟踪类别"
    assert error["text"].startswith("第 3 行，跟踪类别：应为以下之一：")
    english = upload(client, as_user("supervisor1"), data, query="?lang=en").get_json()
    assert english["error"] == "1 errors; nothing was imported"
    assert english["result"]["errors"][0]["text"].startswith("line 3, column category: Must be one of:")


def test_an_export_runs_as_a_task_and_only_its_owner_downloads_it(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    resp = client.get("/api/exports/graduates.xlsx?lang=zh", headers={**as_user("supervisor1"), **ASYNC})
    assert resp.status_code == 202
    task = resp.get_json()
    assert (task["state"], task["has_file"]) == ("done", True)
    assert task["file_name"].endswith(".xlsx") and task["result"] == {"rows": 0}

    got = client.get(f"/api/tasks/{task['id']}/file", headers=as_user("supervisor1"))
    assert got.status_code == 200
    assert "attachment" in got.headers["Content-Disposition"]
    load_workbook(io.BytesIO(got.data))  # a real workbook

    for other in ("admin", "helper1"):
        assert client.get(f"/api/tasks/{task['id']}", headers=as_user(other)).status_code == 404
        assert client.get(f"/api/tasks/{task['id']}/file", headers=as_user(other)).status_code == 404
    mine = client.get("/api/tasks", headers=as_user("supervisor1")).get_json()["items"]
    assert [t["id"] for t in mine] == [task["id"]]
    assert client.get("/api/tasks", headers=as_user("admin")).get_json()["items"] == []


def test_the_period_report_workbook_runs_as_a_task(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    task = client.get("/api/period-reports.xlsx?period=2026-Q3&lang=en",
                      headers={**as_user("supervisor1"), **ASYNC}).get_json()
    assert task["kind"] == "period_report" and task["state"] == "done"
    assert task["message"].startswith("The workbook is ready")
    assert client.get(f"/api/tasks/{task['id']}/file", headers=as_user("supervisor1")).status_code == 200


def test_bad_arguments_are_the_requests_422_not_a_failed_task(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    bad = client.get("/api/exports/visits.xlsx?period=2026-13", headers={**as_user("supervisor1"), **ASYNC})
    assert bad.status_code == 422
    assert client.get("/api/exports/disadvantaged.xlsx", headers={**as_user("helper1"), **ASYNC}).status_code == 403
    assert client.get("/api/tasks", headers=as_user("supervisor1")).get_json()["items"] == []


def test_without_asking_small_uploads_still_answer_at_once(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    data = "\n".join([LEDGER_HEADER, *ledger_rows(2)]).encode("gbk")
    resp = client.post("/api/persons/import", headers=as_user("supervisor1"), content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "台账.csv")})
    assert resp.status_code == 201


def test_a_client_that_cannot_set_headers_asks_with_async_1(app, client, as_user) -> None:
    with app.app_context():
        make_world()
    resp = client.get("/api/exports/overdue.xlsx?async=1&lang=en", headers=as_user("helper1"))
    assert resp.status_code == 202 and resp.get_json()["state"] == "done"


def test_week_old_tasks_and_their_files_go_when_their_owner_starts_another(app, client, as_user) -> None:
    from datetime import timedelta

    from server.background import files
    from server.models import utcnow
    from server.models.background import BackgroundJob

    with app.app_context():
        make_world()
    first = client.get("/api/exports/overdue.xlsx?async=1", headers=as_user("supervisor1")).get_json()
    with app.app_context():
        task = db.session.get(BackgroundJob, uuid.UUID(first["id"]))
        path = task.file_path
        assert files.exists(path)
        task.finished_at = utcnow() - timedelta(days=8)
        db.session.commit()

    second = client.get("/api/exports/overdue.xlsx?async=1", headers=as_user("supervisor1")).get_json()

    mine = client.get("/api/tasks", headers=as_user("supervisor1")).get_json()["items"]
    assert [t["id"] for t in mine] == [second["id"]]
    with app.app_context():
        assert not files.exists(path)


def test_an_inline_task_left_running_by_a_stopped_process_reads_as_failed(app, client, as_user) -> None:
    from datetime import timedelta

    from server.models import User, utcnow
    from server.models.background import BackgroundJob

    with app.app_context():
        make_world()
        owner = db.session.scalar(select(User).where(User.username == "supervisor1"))
        task = BackgroundJob(id=uuid.uuid4(), kind="export", state="running", owner_id=owner.id, lang="zh",
                             params={}, message="正在生成表格…", created_at=utcnow() - timedelta(hours=2))
        db.session.add(task)
        db.session.commit()
        task_id = task.id
    polled = client.get(f"/api/tasks/{task_id}", headers=as_user("supervisor1")).get_json()
    assert (polled["state"], polled["error"]) == ("failed", "任务中断（服务重启），请重新提交")
