"""`invoke publish`: send the publish build to rsync, GitHub Pages or S3.

One entry point for tasks.py; each target's module plans the change first, so
`--dry-run` and the deletion guard work the same way everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from .summary import DeployError, Summary, format_summary
from .targets import Target, parse_target

__all__ = ["DeployError", "Summary", "Target", "check", "parse_target", "publish"]


def check(spec: str) -> Target:
    """Fail early (before a build) when the target is malformed or its tool is missing."""
    target = parse_target(spec)
    if target.kind == "rsync":
        from . import rsync  # noqa: PLC0415

        rsync.check()
    elif target.kind == "ghpages":
        from . import ghpages  # noqa: PLC0415

        ghpages.check()
    return target


def publish(
    spec: str,
    source: Path,
    *,
    repo: Path,
    settings: Mapping | None = None,
    dry_run: bool = False,
    confirm: bool = False,
    out: TextIO | None = None,
) -> Summary:
    """Deploy the built site in `source` to `spec`; print progress and the summary line."""
    out = out or sys.stdout
    settings = settings or {}
    target = check(spec)
    source = Path(source)
    if not (source / "index.html").is_file():
        raise DeployError(
            f"{source} has no index.html: build the site first (`invoke preview`). "
            "Deploying an empty folder would remove the live site."
        )
    if target.kind == "rsync":
        from . import rsync  # noqa: PLC0415

        summary = rsync.deploy(source, target.location, dry_run=dry_run, confirm=confirm, out=out)
    elif target.kind == "ghpages":
        from . import ghpages  # noqa: PLC0415

        summary = ghpages.deploy(
            source,
            target.location,
            repo=repo,
            branch=settings.get("DEPLOY_GHPAGES_BRANCH", "gh-pages"),
            dry_run=dry_run,
            confirm=confirm,
            out=out,
        )
    else:
        from . import s3  # noqa: PLC0415

        summary = s3.deploy(
            source,
            target.location,
            dry_run=dry_run,
            confirm=confirm,
            cache_policy=settings.get("DEPLOY_CACHE_CONTROL"),
            endpoint_url=settings.get("DEPLOY_S3_ENDPOINT_URL"),
            out=out,
        )
    out.write(format_summary(summary) + "\n")
    return summary
