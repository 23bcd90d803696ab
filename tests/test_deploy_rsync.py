"""`invoke publish` with rsync (Debian's real rsync) to a local folder target."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_invoke

import deploy
from deploy.summary import DeployError

pytestmark = pytest.mark.skipif(
    shutil.which("rsync") is None,
    reason="rsync is not installed: apt-get install rsync (.ci/run does it when root)",
)


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def publish(source: Path, target: Path, **options):
    out = io.StringIO()
    summary = deploy.publish(str(target), source, repo=ROOT, out=out, **options)
    return summary, out.getvalue()


def test_rsync_mirrors_the_build_and_dry_run_changes_nothing(published_site, tmp_path):
    source = tmp_path / "output"
    shutil.copytree(published_site.output, source)
    target = tmp_path / "www"
    files = snapshot(source)

    summary, log = publish(source, target, dry_run=True)
    assert snapshot(target) == {}
    assert summary.dry_run and summary.uploaded == len(files)
    assert "Dry run, nothing changed" in log and "index.html" in log

    summary, log = publish(source, target)
    assert snapshot(target) == files
    assert summary.uploaded == len(files)
    assert summary.bytes == sum(len(b) for b in files.values())
    assert f"[{len(files)}/{len(files)}] uploaded" in log
    assert re.search(rf"Published to .*www: {len(files)} files uploaded \(\d", log)

    summary, _ = publish(source, target)  # nothing changed: nothing sent
    assert (summary.uploaded, summary.deleted, summary.unchanged) == (0, 0, len(files))

    # A corrected page and a withdrawn one.
    (source / "index.html").write_text("<title>corrected</title>", encoding="utf-8")
    withdrawn = next(p for p in sorted(source.glob("20*/*/*/index.html")))
    withdrawn.unlink()
    before = snapshot(target)
    summary, log = publish(source, target, dry_run=True)
    assert snapshot(target) == before
    assert (summary.uploaded, summary.deleted) == (1, 1)
    assert withdrawn.relative_to(source).as_posix() in log

    with pytest.raises(DeployError, match="Refusing to delete 1 file"):
        publish(source, target)
    assert snapshot(target) == before  # refused before anything was copied

    summary, log = publish(source, target, confirm=True)
    assert snapshot(target) == snapshot(source)
    assert (summary.uploaded, summary.deleted) == (1, 1)
    assert "1 file uploaded" in log and "1 deleted" in log


def test_an_empty_build_is_never_deployed(tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "index.html").write_text("live site")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DeployError, match=r"has no index\.html"):
        publish(tmp_path / "empty", target, confirm=True)
    assert (target / "index.html").read_text() == "live site"


def test_invoke_publish_builds_and_deploys(tmp_path):
    project = copy_project(tmp_path / "project")
    target = tmp_path / "www"
    env = {**os.environ, "COLUMN_DEPLOY_TARGET": str(target), "COLUMNS": "200"}
    dry = run_invoke("publish", "--dry-run", cwd=project, env=env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "Dry run, nothing changed" in dry.stdout
    assert not target.exists()

    real = run_invoke("publish", cwd=project, env=env)
    assert real.returncode == 0, real.stdout + real.stderr
    assert snapshot(target) == snapshot(project / "output")
    assert (target / "2026/03/harbour-tunnel-bet/index.html").is_file()
    assert "files uploaded" in real.stdout.splitlines()[-1]


def test_invoke_publish_reports_a_missing_rsync_before_building(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(Path.home()), "COLUMN_DEPLOY_TARGET": "h:/www/"}
    run = run_invoke("publish", env=env)
    assert run.returncode == 1
    assert "rsync is not installed" in run.stderr
    assert "Traceback" not in run.stderr
