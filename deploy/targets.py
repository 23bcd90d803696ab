"""Which host a deploy target string names: pure parsing, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from .summary import DeployError


@dataclass(frozen=True)
class Target:
    kind: str  # "rsync", "ghpages" or "s3"
    location: str  # rsync destination, git remote, or "bucket/prefix"

    def __str__(self) -> str:
        prefix = {"rsync": "", "ghpages": "ghpages:", "s3": "s3://"}[self.kind]
        return f"{prefix}{self.location}"


def parse_target(spec: str) -> Target:
    """`s3://bucket/prefix`, `ghpages:<remote>` (default remote origin), else rsync.

    An rsync destination is anything rsync accepts: `user@host:/path/` (over SSH) or
    a local folder; `rsync:` in front is allowed for clarity.
    """
    spec = spec.strip()
    if not spec:
        raise DeployError("no deploy target")
    if spec.startswith("s3://"):
        location = spec[len("s3://") :].strip("/")
        if not location:
            raise DeployError(f'"{spec}" names no bucket: use s3://bucket or s3://bucket/prefix')
        return Target("s3", location)
    for prefix in ("ghpages:", "gh-pages:"):
        if spec.startswith(prefix):
            return Target("ghpages", spec[len(prefix) :].strip() or "origin")
    if spec in ("ghpages", "gh-pages"):
        return Target("ghpages", "origin")
    if spec.startswith("rsync:"):
        spec = spec[len("rsync:") :]
    return Target("rsync", spec)
