"""Deploy to GitHub Pages with ghp-import: one commit on the gh-pages branch per deploy.

ghp-import commits the whole output folder to a branch of the project's own git
repository and pushes it. To report (and guard) what changes on the live site,
the plan compares git blob hashes of the local files with the tree the remote's
branch holds now, so a dry run needs no commit and no push.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from .summary import (
    DeployError,
    Plan,
    Summary,
    format_plan,
    local_files,
    require_confirmation,
)

#: Files ghp-import adds itself (`.nojekyll`: GitHub serves folders starting with `_`).
ADDED_BY_GHP_IMPORT = frozenset({".nojekyll"})


def git_blob_sha(data: bytes) -> str:
    """The id git gives a file's content (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def parse_ls_tree(output: str) -> dict[str, str]:
    """`git ls-tree -r -z` output -> {path: blob id}."""
    tree = {}
    for entry in output.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            tree[path] = parts[2]
    return tree


def plan_tree(local: Mapping[str, str], remote: Mapping[str, str]) -> Plan:
    """Compare {path: blob id} of the build with the branch's current tree."""
    upload = [path for path, sha in local.items() if remote.get(path) != sha]
    delete = [p for p in remote if p not in local and p not in ADDED_BY_GHP_IMPORT]
    return Plan(sorted(upload), sorted(delete), len(local) - len(upload))


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def check() -> None:
    if shutil.which("git") is None:
        raise DeployError("git is not installed: apt-get install git")


def remote_tree(repo: Path, remote: str, branch: str) -> tuple[str | None, dict[str, str]]:
    """The commit and tree of `remote`'s `branch` (None, {} when it has none yet)."""
    heads = _git(repo, "ls-remote", "--heads", remote, branch)
    if heads.returncode != 0:
        raise DeployError(f'cannot reach the git remote "{remote}":\n{heads.stderr.strip()}')
    if not heads.stdout.strip():
        return None, {}
    fetched = _git(repo, "fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}")
    if fetched.returncode != 0:
        raise DeployError(f"git fetch {remote} {branch} failed:\n{fetched.stderr.strip()}")
    commit = _git(repo, "rev-parse", "FETCH_HEAD").stdout.strip()
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    return commit, parse_ls_tree(listing.stdout)


@contextlib.contextmanager
def _committer(repo: Path) -> Iterator[None]:
    """ghp-import needs a committer; a deploy machine often has no git identity."""
    saved = {k: os.environ.get(k) for k in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")}
    if not saved["GIT_COMMITTER_NAME"] and not _git(repo, "config", "user.name").stdout.strip():
        os.environ["GIT_COMMITTER_NAME"] = "Column publisher"
    if not saved["GIT_COMMITTER_EMAIL"] and not _git(repo, "config", "user.email").stdout.strip():
        os.environ["GIT_COMMITTER_EMAIL"] = "publisher@localhost"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def deploy(
    source: Path,
    remote: str,
    *,
    repo: Path,
    branch: str = "gh-pages",
    dry_run: bool,
    confirm: bool,
    out: TextIO | None = None,
) -> Summary:
    import ghp_import  # noqa: PLC0415 - only this target needs it

    out = out or sys.stdout
    check()
    started = time.monotonic()
    target = f"ghpages:{remote} ({branch})"
    if _git(repo, "rev-parse", "--git-dir").returncode != 0:
        raise DeployError(f"{repo} is not a git repository: ghp-import commits the site to one")

    sizes = local_files(source)
    local = {path: git_blob_sha((source / path).read_bytes()) for path in sizes}
    commit, tree = remote_tree(repo, remote, branch)
    plan = plan_tree(local, tree)
    out.write(format_plan(plan, sizes, target) + "\n")
    if dry_run:
        plan.show(out)
        return plan.summary(target, sizes, started, dry_run=True)
    require_confirmation(plan, target, confirm)
    if not plan.upload and not plan.delete:
        return plan.summary(target, sizes, started)

    if commit:  # build on the live branch so the push is a fast-forward
        _git(repo, "update-ref", f"refs/heads/{branch}", commit)
    message = f"Publish: {len(plan.upload)} files changed, {len(plan.delete)} deleted"
    out.write(f"Committing {len(local)} files to {branch} and pushing to {remote}...\n")
    out.flush()
    try:
        with contextlib.chdir(repo), _committer(repo):
            ghp_import.ghp_import(
                str(source), remote=remote, branch=branch, mesg=message, push=True, nojekyll=True
            )
    except ghp_import.GhpError as exc:
        raise DeployError(f"ghp-import: {exc.message}") from None
    except subprocess.CalledProcessError as exc:
        raise DeployError(f"git push to {remote} failed (exit status {exc.returncode})") from None
    return plan.summary(target, sizes, started)
