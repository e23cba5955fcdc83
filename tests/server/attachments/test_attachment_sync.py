"""The row travels as a sync op like a note; the bytes follow by the upload; a pull says so."""

from __future__ import annotations

import hashlib
import uuid

from tests.server.attachments.story import jpeg, upload
from tests.sync_server.device import Device


def photo_op(data: bytes, **fields: object) -> dict[str, object]:
    return {"kind": "contract", "title": "合同", "content_type": "image/jpeg",
            "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), **fields}


def test_a_pushed_photo_row_then_its_bytes(client, world, as_role):
    phone = Device(client, as_role("helper"))
    data = jpeg(150_000)
    att_id = str(uuid.uuid4())
    phone.insert("attachment", photo_op(data, person_id=world.graduate), entity_id=att_id)
    result = phone.push()["results"][0]
    assert result["status"] == "applied", result
    phone.pull()
    pulled = phone.base[("attachment", att_id)]["data"]
    assert pulled["uploaded_at"] is None and pulled["device_id"] == phone.client_id
    assert upload(client, as_role("helper"), att_id, data).status_code == 204
    phone.pull()
    assert phone.base[("attachment", att_id)]["data"]["uploaded_at"] is not None


def test_a_graduate_phone_sends_a_cv_but_not_a_photo(client, world, as_role):
    phone = Device(client, as_role("client"))
    data = jpeg(100)
    phone.insert("attachment", photo_op(data, person_id=world.graduate, kind="cv"))
    phone.insert("attachment", photo_op(data, person_id=world.graduate, kind="photo"))
    first, second = phone.push()["results"]
    assert first["status"] == "applied", first
    assert second["status"] == "rejected" and second["code"] == "forbidden", second
    phone.pull()
    cvs = [r["data"] for (entity, _), r in phone.base.items() if entity == "attachment"]
    assert [cv["cv_version"] for cv in cvs] == [1]


def test_a_helper_phone_cannot_attach_to_a_file_outside_its_caseload(client, world, as_role):
    phone = Device(client, as_role("other_helper"))
    phone.insert("attachment", photo_op(jpeg(100), person_id=world.graduate))
    result = phone.push()["results"][0]
    assert result["status"] == "rejected" and result["code"] in ("out_of_scope", "not_found")
