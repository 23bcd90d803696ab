"""`invoke publish` to GitHub Pages: ghp-import into a local bare repository."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

import deploy
from deploy.summary import DeployError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def setup(published_site, tmp_path, monkeypatch):
    # No git identity anywhere, as on a fresh deploy machine.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    source = tmp_path / "output"
    shutil.copytree(published_site.output, source)
    repo = tmp_path / "project"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    remote = tmp_path / "site.git"
    git("init", "--quiet", "--bare", str(remote))
    return source, repo, remote


def publish(source, repo, remote, **options):
    out = io.StringIO()
    summary = deploy.publish(f"ghpages:{remote}", source, repo=repo, out=out, **options)
    return summary, out.getvalue()


def branch_files(remote: Path) -> dict[str, bytes]:
    names = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    return {
        name: subprocess.run(
            ["git", "--git-dir", str(remote), "show", f"gh-pages:{name}"],
            capture_output=True,
            check=True,
        ).stdout
        for name in names
    }


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_ghp_import_publishes_the_site_to_a_gh_pages_branch(setup, tmp_path):
    source, repo, remote = setup

    summary, log = publish(source, repo, remote, dry_run=True)
    assert summary.dry_run and summary.uploaded == len(files(source))
    assert git("--git-dir", str(remote), "branch", "--list") == ""  # nothing pushed

    summary, log = publish(source, repo, remote)
    assert branch_files(remote) == {**files(source), ".nojekyll": b""}
    assert summary.uploaded == len(files(source))
    assert "Published to ghpages:" in log and "files uploaded" in log

    # Correct one page, withdraw another: the deletion needs confirming.
    first = git("--git-dir", str(remote), "rev-parse", "gh-pages")
    (source / "index.html").write_text("<title>corrected</title>", encoding="utf-8")
    withdrawn = sorted(source.glob("20*/*/*/index.html"))[0]
    withdrawn.unlink()
    with pytest.raises(DeployError, match="Refusing to delete 1 file"):
        publish(source, repo, remote)
    assert git("--git-dir", str(remote), "rev-parse", "gh-pages") == first

    summary, _ = publish(source, repo, remote, confirm=True)
    assert (summary.uploaded, summary.deleted) == (1, 1)
    assert branch_files(remote) == {**files(source), ".nojekyll": b""}
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages") == "2"

    # Another clone (no local gh-pages yet) builds on the live branch: a plain fast-forward.
    other = tmp_path / "other-clone"
    other.mkdir()
    git("init", "--quiet", cwd=other)
    (source / "index.html").write_text("<title>corrected twice</title>", encoding="utf-8")
    summary, _ = publish(source, other, remote)
    assert summary.uploaded == 1
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages") == "3"
    assert branch_files(remote)["index.html"] == b"<title>corrected twice</title>"


def test_unreachable_remote_is_reported(setup, tmp_path):
    source, repo, _ = setup
    with pytest.raises(DeployError, match="cannot reach the git remote"):
        publish(source, repo, tmp_path / "missing.git")
