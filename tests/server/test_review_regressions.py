"""What a review read as an attacker would, each a story that failed before its fix: a visit's
photo following a moved person to another helper, a graduate's phone holding the staff's notes,
a sign-up by sync to an event REST hides, a start day in 9999, a file name as a path, an office
edit lost to an older offline one, CVs announced and never sent counted as revisions."""

from __future__ import annotations

import hashlib
import time
import uuid

from server.extensions import db
from tests.factories import make_visit, make_world
from tests.sync_server.device import Device


def _world(app):
    with app.app_context():
        w = make_world()
        visit = make_visit(w.h1_household, w.helper1, [w.graduate])
        db.session.commit()
        return {"person": str(w.graduate.id), "h1": str(w.h1_household.id),
                "shared": str(w.shared_household.id), "visit": str(visit.id)}


def test_a_graduates_phone_never_gets_the_staffs_worry_that_they_may_quit(app, client, as_user):
    ids = _world(app)
    helper = as_user("helper1")
    resp = client.post("/api/placements", headers=helper, json={
        "person_id": ids["person"], "employer_name": "X", "start_date": "2026-10-01",
        "at_risk": True, "at_risk_note": "boss says he is lazy; likely fired"})
    assert resp.status_code == 201, resp.get_json()
    phone = Device(client, as_user("graduate1"))
    phone.pull()
    placements = [r["data"] for (e, _), r in phone.base.items() if e == "placement"]
    assert placements and "at_risk_note" not in placements[0] and "at_risk" not in placements[0]
    assert placements[0]["employer_name"] == "X"
    # REST refuses the graduate the same row
    assert client.get("/api/placements", headers=as_user("graduate1")).status_code == 403


def test_a_visit_photo_stays_with_its_household_when_a_person_it_names_moves(app, client, as_user):
    ids = _world(app)
    helper1 = as_user("helper1")
    resp = client.post("/api/attachments", headers=helper1, json={
        "household_id": ids["h1"], "visit_id": ids["visit"], "person_id": ids["person"],
        "kind": "photo", "content_type": "image/jpeg", "size": 10,
        "sha256": hashlib.sha256(b"x").hexdigest()})
    assert resp.status_code == 201, resp.get_json()
    att = resp.get_json()["id"]
    h2 = Device(client, as_user("helper2"))
    h2.pull()
    assert ("attachment", att) not in h2.base
    mover = Device(client, helper1)
    mover.pull()
    mover.set("person", ids["person"], {"household_id": ids["shared"]})
    res = mover.push_request()["results"]
    assert res[0]["status"] == "applied", res
    h1p = Device(client, helper1)
    h1p.pull()
    assert ("attachment", att) in h1p.base  # helper1 still holds h1, its visit and the photo
    h2.pull()
    rest = client.get(f"/api/attachments/{att}", headers=as_user("helper2"))
    assert ("attachment", att) not in h2.base and rest.status_code == 404


def test_cvs_announced_but_never_uploaded_are_no_revisions(app, client, as_user):
    ids = _world(app)
    g = as_user("graduate1")
    for i in range(3):
        r = client.post("/api/attachments", headers=g, json={
            "person_id": ids["person"], "kind": "cv", "content_type": "application/pdf",
            "size": 10, "sha256": hashlib.sha256(str(i).encode()).hexdigest()})
        assert r.status_code == 201, r.get_json()
    with app.app_context():
        from sqlalchemy import select

        from server.models import User
        from server.reports.filters import ReportScope
        from server.reports.targets_3333 import person_counts
        admin = db.session.scalar(select(User).where(User.username == "admin"))
        counts = person_counts(ReportScope(admin, {}), uuid.UUID(ids["person"]))
        assert counts["cv_revision"] == 0


def test_a_job_starting_in_9999_is_refused_and_the_list_still_answers(app, client, as_user):
    ids = _world(app)
    helper = as_user("helper1")
    resp = client.post("/api/placements", headers=helper, json={
        "person_id": ids["person"], "employer_name": "X", "start_date": "9999-12-01"})
    assert resp.status_code == 422 and "start_date" in resp.get_json()["error"]["fields"]
    assert client.get("/api/placements", headers=helper).status_code == 200


def test_a_phone_cannot_sign_up_for_an_event_rest_hides_from_it(app, client, as_user):
    ids = _world(app)
    # an event of another district, made by an admin
    with app.app_context():
        from tests.factories import make_area
        other_d = make_area("外区", "district")
        other_sub = make_area("外街道", "subdistrict", other_d)
        db.session.commit()
        other_sub_id = str(other_sub.id)
    ev = client.post("/api/events", headers=as_user("admin"), json={
        "kind": "job_fair", "title": "外区招聘会", "starts_at": "2027-01-05T02:00:00Z",
        "area_id": other_sub_id})
    assert ev.status_code == 201, ev.get_json()
    event_id = ev.get_json()["id"]
    g = as_user("graduate1")
    assert client.get(f"/api/events/{event_id}", headers=g).status_code == 404
    assert client.post(f"/api/events/{event_id}/participants", headers=g,
                       json={"person_id": ids["person"], "state": "signed_up"}).status_code == 404
    phone = Device(client, g)
    phone.pull()
    from server.records.events import participant_id
    pid = str(participant_id(event_id, ids["person"]))
    phone.insert("event_participant", {"event_id": event_id, "person_id": ids["person"],
                                       "state": "signed_up"}, entity_id=pid)
    res = phone.push_request()["results"]
    assert res[0]["status"] == "rejected", res


def test_an_import_file_name_never_makes_a_path(app, client, as_user):
    import io
    _world(app)
    data = {"file": (io.BytesIO(b"title,employer\nA,B\n"), "jobs.x/../y")}
    resp = client.post("/api/jobs/import?async=1", headers=as_user("admin"), data=data,
                       content_type="multipart/form-data")
    assert resp.status_code < 500, resp.get_json()


def test_an_office_edit_of_an_employer_wins_over_an_older_offline_one(app, client, as_user):
    _world(app)
    h = as_user("helper1")
    r = client.post("/api/employers", headers=h, json={"name": "原名"})
    assert r.status_code == 201, r.get_json()
    emp = r.get_json()["id"]
    phone = Device(client, h)
    phone.pull()
    phone.set("employer", emp, {"notes": "phone note made first"})  # stamped now, offline
    time.sleep(0.01)
    r = client.patch(f"/api/employers/{emp}", headers=h, json={"notes": "office note made later"})
    assert r.status_code == 200
    res = phone.push_request()["results"]
    assert res
    final = client.get(f"/api/employers/{emp}", headers=h).get_json()["notes"]
    assert final == "office note made later"

