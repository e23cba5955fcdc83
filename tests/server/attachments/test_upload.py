"""The resumable upload (tus 1.0): offsets, a cut mid-way, the final checksum, the download."""

from __future__ import annotations

import hashlib
import uuid
from urllib.parse import unquote

import pytest

from server.attachments import tus
from server.extensions import db
from server.models.attachments import Attachment
from tests.server.attachments.story import TUS, announce, jpeg, patch, upload
from tests.server.callers import assert_error


def test_the_upload_speaks_tus(client, world, as_role):
    data = jpeg(1000)
    att = announce(client, as_role("helper"), data, person_id=world.graduate).get_json()
    url = f"/api/attachments/{att['id']}/upload"
    options = client.options(url, headers=TUS)
    assert options.headers["Tus-Version"] == "1.0.0"
    assert "creation" in options.headers["Tus-Extension"]
    created = client.post(url, headers={**as_role("helper"), **TUS, "Upload-Length": "1000"})
    assert created.status_code == 201 and created.headers["Location"].endswith(url)
    head = client.head(url, headers={**as_role("helper"), **TUS})
    assert head.headers["Upload-Offset"] == "0" and head.headers["Upload-Length"] == "1000"
    assert head.headers["Tus-Resumable"] == "1.0.0" and head.headers["Cache-Control"] == "no-store"
    wrong_length = client.post(url, headers={**as_role("helper"), **TUS, "Upload-Length": "9"})
    assert_error(wrong_length, 400)
    old_tus = client.head(url, headers={**as_role("helper"), "Tus-Resumable": "0.2.2"})
    assert old_tus.status_code == 412


def test_a_cut_upload_resumes_from_the_server_offset(client, world, as_role):
    data = jpeg(300_000)
    helper = as_role("helper")
    att = announce(client, helper, data, person_id=world.graduate).get_json()
    first = patch(client, helper, att["id"], 0, data[:100_000])
    assert first.status_code == 204 and first.headers["Upload-Offset"] == "100000"
    # The signal goes; the phone asks where the server got to, and sends only the rest.
    head = client.head(f"/api/attachments/{att['id']}/upload", headers={**helper, **TUS})
    assert head.headers["Upload-Offset"] == "100000"
    stale = patch(client, helper, att["id"], 0, data[:100_000])  # a retry of the first chunk
    assert_error(stale, 409, "offset_mismatch")
    assert stale.get_json()["error"]["fields"]["offset"] == ["100000"]
    last = upload(client, helper, att["id"], data)
    assert last.status_code == 204 and last.headers["Upload-Offset"] == "300000"
    row = client.get(f"/api/attachments/{att['id']}", headers=helper).get_json()
    assert row["uploaded_at"] is not None
    done = client.head(f"/api/attachments/{att['id']}/upload", headers={**helper, **TUS})
    assert done.headers["Upload-Offset"] == "300000"


def test_bytes_that_do_not_match_the_checksum_are_thrown_away(client, world, as_role):
    data = jpeg(5000)
    helper = as_role("helper")
    att = announce(client, helper, data, person_id=world.graduate).get_json()
    tampered = data[:-1] + b"\x00"
    resp = upload(client, helper, att["id"], tampered)
    assert_error(resp, 460, "checksum_mismatch")
    head = client.head(f"/api/attachments/{att['id']}/upload", headers={**helper, **TUS})
    assert head.headers["Upload-Offset"] == "0"  # start again
    assert client.get(f"/api/attachments/{att['id']}/content", headers=helper).status_code == 409
    assert upload(client, helper, att["id"], data).status_code == 204


def test_a_file_that_is_not_what_it_claims_is_refused(client, world, as_role):
    page = b"<html><script>alert(1)</script></html>"
    helper = as_role("helper")
    att = announce(client, helper, page, person_id=world.graduate).get_json()  # says image/jpeg
    assert_error(upload(client, helper, att["id"], page), 415, "unsupported_type")


def test_more_bytes_than_announced_are_refused(client, world, as_role):
    data = jpeg(1000)
    helper = as_role("helper")
    att = announce(client, helper, data, person_id=world.graduate).get_json()
    assert_error(patch(client, helper, att["id"], 0, data + b"extra"), 413, "too_large")


def test_the_download_is_scoped_named_and_never_sniffed(client, world, as_role, as_user):
    data = jpeg(70_000)
    helper = as_role("helper")
    att = announce(client, helper, data, person_id=world.graduate, kind="contract",
                   title="劳动合同").get_json()
    assert upload(client, helper, att["id"], data).status_code == 204
    resp = client.get(f"/api/attachments/{att['id']}/content", headers=as_role("client"))
    assert resp.status_code == 200 and resp.mimetype == "image/jpeg"
    assert hashlib.sha256(resp.get_data()).hexdigest() == att["sha256"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "劳动合同.jpg"
    assert "sandbox" in resp.headers["Content-Security-Policy"]
    resp.close()
    for outsider in (as_role("other_helper"), as_user("helper2")):
        assert_error(client.get(f"/api/attachments/{att['id']}/content", headers=outsider), 404)


class CutStream:
    """A request body whose connection drops after `keep` bytes."""

    def __init__(self, data: bytes, keep: int) -> None:
        self.data, self.keep, self.sent = data, keep, 0

    def read(self, n: int) -> bytes:
        if self.sent >= self.keep:
            raise ConnectionResetError("the signal went")
        block = self.data[self.sent:min(self.sent + n, self.keep)]
        self.sent += len(block)
        return block


def test_what_a_broken_patch_brought_is_kept(app, client, world, as_role):
    data = jpeg(200_000)
    att = announce(client, as_role("helper"), data, person_id=world.graduate).get_json()
    with app.app_context():
        row = db.session.get(Attachment, uuid.UUID(att["id"]))
        with pytest.raises(ConnectionResetError):
            tus.append(row, 0, CutStream(data, 150_000))
        assert tus.offset(row) == 150_000
    last = upload(client, as_role("helper"), att["id"], data)
    assert last.status_code == 204 and last.headers["Upload-Offset"] == "200000"
