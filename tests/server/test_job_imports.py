"""A supervisor uploads jobs as CSV: all rows go in, or none and every error by line and column."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Job
from tests.factories import make_world

DATA = Path(__file__).resolve().parent.parent / "data"


def jobs() -> int:
    return int(db.session.scalar(select(func.count(Job.id))) or 0)


def upload(client, headers, name: str, data: bytes | None = None):
    body = data if data is not None else (DATA / name).read_bytes()
    return client.post(
        "/api/jobs/import",
        headers=headers,
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(body), name)},
    )


def test_a_good_file_goes_in_whole_and_shows_in_matches(app, client, as_user):
    with app.app_context():
        graduate = str(make_world().graduate.id)
        before = jobs()
    resp = upload(client, as_user("supervisor1"), "jobs_good.csv")
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["ok"] and body["errors"] == []
    with app.app_context():
        assert jobs() == before + body["created"]["jobs"] > before
    matches = client.get(f"/api/persons/{graduate}/matches?limit=50", headers=as_user("helper1"))
    assert matches.get_json()["open_jobs"] >= body["created"]["jobs"]


def test_a_bad_file_goes_in_not_at_all_and_says_where(app, client, as_user):
    with app.app_context():
        make_world()
        before = jobs()
    resp = upload(client, as_user("supervisor1"), "jobs_bad.csv")
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "import_rejected"
    assert error["fields"]["file"] and all(m.startswith("line ") for m in error["fields"]["file"])
    with app.app_context():
        assert jobs() == before


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin", 201), ("supervisor1", 201), ("helper1", 403), ("graduate1", 403)],
)
def test_only_supervisors_and_admins_import(app, client, as_user, username, status):
    with app.app_context():
        make_world()
    assert upload(client, as_user(username), "jobs_good.csv").status_code == status


def test_the_upload_must_have_a_file(app, client, as_user):
    with app.app_context():
        make_world()
    resp = client.post(
        "/api/jobs/import",
        headers=as_user("supervisor1"),
        content_type="multipart/form-data",
        data={},
    )
    assert resp.status_code == 422
    assert "file" in resp.get_json()["error"]["fields"]


def test_an_office_imports_only_the_vacancies_of_areas_it_keeps(app, client, as_user):
    """The same rule as a vacancy typed in the app: 江湾镇街道 is another office's."""
    with app.app_context():
        make_world()
        before = jobs()
    header = "employer,title,area,pay_min,pay_max\n"
    rows = "凉城服饰,设计助理,凉城新村街道,4500,7000\n江湾物业,保安,江湾镇街道,3000,3500\n"
    resp = upload(client, as_user("supervisor1"), "mixed.csv", (header + rows).encode())
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "import_rejected"
    assert error["fields"]["file"] == [
        "line 3, column area_id: Vacancies of that area are kept by another office."]
    with app.app_context():
        assert jobs() == before  # nothing of the file went in
    resp = upload(client, as_user("admin"), "mixed.csv", (header + rows).encode())
    assert resp.status_code == 201, resp.get_json()
