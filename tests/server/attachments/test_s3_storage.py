"""With a bucket configured, finished files go to S3-compatible storage (moto plays S3)."""

from __future__ import annotations

import hashlib

import boto3
import pytest
from moto import mock_aws

from tests.server.attachments.story import announce, jpeg, upload


@pytest.fixture
def bucket(app, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="doorstep-files")
        app.config["ATTACHMENT_S3_BUCKET"] = "doorstep-files"
        app.extensions.pop("attachment_storage", None)
        yield boto3.client("s3", region_name="us-east-1")


def test_an_uploaded_photo_lands_in_the_bucket_and_downloads_from_it(
        client, world, as_role, bucket, attachment_dirs):
    data = jpeg(200_000)
    helper = as_role("helper")
    att = announce(client, helper, data, person_id=world.graduate).get_json()
    assert upload(client, helper, att["id"], data).status_code == 204
    stored = bucket.get_object(Bucket="doorstep-files", Key=f"attachments/{att['id']}")
    assert stored["ContentType"] == "image/jpeg"
    assert hashlib.sha256(stored["Body"].read()).hexdigest() == att["sha256"]
    assert not list((attachment_dirs / "staging").iterdir())  # nothing left behind on disk
    assert not (attachment_dirs / "files").exists()
    resp = client.get(f"/api/attachments/{att['id']}/content", headers=helper)
    assert resp.status_code == 200 and resp.get_data() == data
    resp.close()
