"""Deploy to an S3 bucket (or an S3-compatible host) with boto3.

Each file is uploaded with the Content-Type and Cache-Control headers.py chooses.
Objects are compared by MD5 (the ETag of a single-part upload), so only changed
files travel. Assets go up before pages and deletions come last, so a reader
never gets a page whose stylesheet is not there yet.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from .headers import object_headers
from .summary import (
    DeployError,
    Plan,
    Progress,
    Summary,
    format_plan,
    local_files,
    require_confirmation,
)


def split_location(location: str) -> tuple[str, str]:
    """`bucket/some/prefix` -> ("bucket", "some/prefix/"); no prefix -> ("bucket", "")."""
    bucket, _, prefix = location.strip("/").partition("/")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


def plan_objects(local: Mapping[str, str], remote: Mapping[str, str]) -> Plan:
    """Compare {path: md5} of the build with {path: ETag} in the bucket."""
    upload = [path for path, md5 in local.items() if remote.get(path, "").strip('"') != md5]
    delete = sorted(path for path in remote if path not in local)
    return Plan(upload_order(upload), delete, len(local) - len(upload))


def upload_order(paths: list[str]) -> list[str]:
    """Everything else before HTML, so new pages find their new assets."""
    return sorted(paths, key=lambda p: (p.lower().endswith((".html", ".htm")), p))


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def remote_objects(client, bucket: str, prefix: str) -> dict[str, str]:
    objects = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            objects[obj["Key"][len(prefix) :]] = obj["ETag"]
    return objects


def make_client(endpoint_url: str | None = None):
    import boto3  # noqa: PLC0415 - only this target needs it

    return boto3.client("s3", endpoint_url=endpoint_url or None)


def deploy(
    source: Path,
    location: str,
    *,
    dry_run: bool,
    confirm: bool,
    cache_policy: Mapping[str, str] | None = None,
    endpoint_url: str | None = None,
    client=None,
    out: TextIO | None = None,
) -> Summary:
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    out = out or sys.stdout
    started = time.monotonic()
    bucket, prefix = split_location(location)
    target = f"s3://{bucket}/{prefix}"
    sizes = local_files(source)
    try:
        client = client or make_client(endpoint_url)
        plan = plan_objects(
            {path: _md5(source / path) for path in sizes}, remote_objects(client, bucket, prefix)
        )
        out.write(format_plan(plan, sizes, target) + "\n")
        if dry_run:
            plan.show(out)
            return plan.summary(target, sizes, started, dry_run=True)
        require_confirmation(plan, target, confirm)
        progress = Progress(len(plan.upload) + len(plan.delete), out)
        for path in plan.upload:
            with (source / path).open("rb") as body:
                client.put_object(
                    Bucket=bucket,
                    Key=prefix + path,
                    Body=body,
                    **object_headers(path, cache_policy),
                )
            progress.step("uploaded", path)
        for start in range(0, len(plan.delete), 1000):  # the API's batch limit
            batch = plan.delete[start : start + 1000]
            client.delete_objects(
                Bucket=bucket,
                Delete={"Objects": [{"Key": prefix + p} for p in batch], "Quiet": True},
            )
            for path in batch:
                progress.step("deleted ", path)
    except (BotoCoreError, ClientError) as exc:
        raise DeployError(f"S3 ({target}): {exc}") from None
    return plan.summary(target, sizes, started)
