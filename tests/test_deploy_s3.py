"""`invoke publish` to S3, against moto's in-process S3 (botocore is intercepted; no network)."""

from __future__ import annotations

import io
import shutil

import boto3
import pytest
from moto import mock_aws

import deploy
from deploy.summary import DeployError


@pytest.fixture
def s3(monkeypatch):
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        client = boto3.client("s3")
        client.create_bucket(Bucket="northgate")
        yield client


def publish(source, **options):
    out = io.StringIO()
    summary = deploy.publish("s3://northgate/site", source, repo=source, out=out, **options)
    return summary, out.getvalue()


def objects(client) -> dict[str, bytes]:
    listing = client.list_objects_v2(Bucket="northgate", Prefix="site/").get("Contents", [])
    return {
        o["Key"][len("site/") :]: client.get_object(Bucket="northgate", Key=o["Key"])["Body"].read()
        for o in listing
    }


def test_s3_upload_with_content_types_and_cache_headers(s3, published_site, tmp_path):
    source = tmp_path / "output"
    shutil.copytree(published_site.output, source)
    local = {
        p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*") if p.is_file()
    }

    summary, _ = publish(source, dry_run=True)
    assert summary.uploaded == len(local) and objects(s3) == {}

    summary, log = publish(source)
    assert objects(s3) == local
    assert "files uploaded" in log

    page = s3.head_object(Bucket="northgate", Key="site/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300, must-revalidate"
    css = next(k for k in local if k.startswith("theme/css/column.") and k.count(".") == 2)
    asset = s3.head_object(Bucket="northgate", Key=f"site/{css}")
    assert asset["ContentType"] == "text/css; charset=utf-8"
    assert asset["CacheControl"] == "public, max-age=31536000, immutable"
    feed = s3.head_object(Bucket="northgate", Key="site/feeds/all.atom.xml")
    assert feed["ContentType"] == "application/atom+xml; charset=utf-8"

    summary, _ = publish(source)
    assert (summary.uploaded, summary.unchanged) == (0, len(local))

    (source / "index.html").write_text("<title>corrected</title>", encoding="utf-8")
    withdrawn = sorted(source.glob("20*/*/*/index.html"))[0]
    withdrawn.unlink()
    with pytest.raises(DeployError, match="Refusing to delete 1 file"):
        publish(source)
    summary, _ = publish(source, confirm=True)
    assert (summary.uploaded, summary.deleted) == (1, 1)
    assert objects(s3) == {
        p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*") if p.is_file()
    }


def test_missing_bucket_is_reported(s3, published_site):
    with pytest.raises(DeployError, match="NoSuchBucket"):
        deploy.publish("s3://no-such-bucket", published_site.output, repo=published_site.output)
