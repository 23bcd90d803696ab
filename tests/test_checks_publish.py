"""Safe publishing: checks before the publish build, atomic output, same bytes twice."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from atomic_output.swap import fresh_sibling, replace_folder
from conftest import CONTENT, ROOT, build_site, copy_project, run_invoke, write_articles

GOOD = "Title: Good\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafor\n\nFine.\n"
SECOND = GOOD.replace("Title: Good", "Title: Second").replace("02-01", "02-02")
DOUBLED = GOOD.replace("Title: Good", "Title: Slip").replace("Fine.", "It is the the end.")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(output: Path) -> list[str]:
    """Folders a build made beside the output (atomic_output's, site_search's staging)."""
    made = (output.name + ".", "." + output.name)
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(made))


# --- the folder swap, without Pelican ------------------------------------------------


def test_fresh_sibling_is_new_empty_and_readable_by_a_web_server(tmp_path):
    target = tmp_path / "output"
    a, b = fresh_sibling(target), fresh_sibling(target)
    assert a != b and a.parent == tmp_path and a.name.startswith("output.tmp-")
    assert not any(a.iterdir())
    assert stat.S_IMODE(a.stat().st_mode) & 0o055, "not mkdtemp's 0700"


def test_replace_folder_swaps_and_removes_the_old_site(tmp_path):
    target = tmp_path / "output"
    target.mkdir()
    (target / "stale.html").write_text("old")
    new = fresh_sibling(target)
    (new / "index.html").write_text("new")
    replace_folder(new, target)
    assert snapshot(target) == {"index.html": b"new"}
    assert leftovers(target) == []
    # OUTPUT_RETENTION: carried over unless the new build wrote it
    (target / ".git").mkdir()
    (target / ".git" / "HEAD").write_text("ref")
    (target / "CNAME").write_text("old")
    new = fresh_sibling(target)
    (new / "CNAME").write_text("new")
    replace_folder(new, target, keep=[".git", "CNAME", "absent"])
    assert snapshot(target) == {".git/HEAD": b"ref", "CNAME": b"new"}
    # the first build: nothing to replace
    first = tmp_path / "first"
    new = fresh_sibling(first)
    replace_folder(new, first)
    assert first.is_dir() and leftovers(first) == []


# --- publish builds ----------------------------------------------------------------


@pytest.fixture
def previous(tmp_path) -> Path:
    """A published site in tmp/output, as the last good publish left it."""
    content = write_articles(tmp_path / "v1", good=GOOD, second=SECOND)
    build = build_site(tmp_path / "output", content=content, settings="publishconf.py")
    assert build.returncode == 0, build.log
    return build.output


def broken_theme(tmp_path: Path) -> Path:
    """Our theme, except that the article "second" fails to render: a build that has
    already written the feeds and the first article dies halfway."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "article.html"
    template.write_text(
        template.read_text().replace(
            "{% block content %}",
            "{% block content %}{% if article.slug == 'second' %}"
            "{{ article.no_such_field.boom }}{% endif %}",
        )
    )
    return theme


def test_a_build_that_fails_midway_leaves_the_previous_output(tmp_path, previous):
    before = snapshot(previous)
    content = write_articles(tmp_path / "v2", good=GOOD.replace("Fine.", "Changed."), second=SECOND)
    build = build_site(
        previous,
        content=content,
        settings="publishconf.py",
        overrides={"THEME": str(broken_theme(tmp_path))},
    )
    assert build.returncode == 1, build.log
    assert "no_such_field" in build.log
    assert "the previous site was left as it was" in build.log
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_refused_publish_leaves_the_previous_output(tmp_path, previous):
    before = snapshot(previous)
    content = write_articles(tmp_path / "v2", good=GOOD, slip=DOUBLED)
    build = build_site(previous, content=content, settings="publishconf.py")
    assert build.returncode == 1
    assert "slip.md:6: error: " in build.log and "[doubled-word]" in build.log
    assert "Refusing to publish: 1 error" in build.log
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_successful_publish_replaces_the_whole_output(tmp_path, previous):
    (previous / "stale.html").write_text("from an older build")
    content = write_articles(tmp_path / "v2", good=GOOD)
    build = build_site(previous, content=content, settings="publishconf.py")
    assert build.returncode == 0, build.log
    assert not (previous / "stale.html").exists()
    assert not (previous / "2026/02/second").exists()
    assert (previous / "2026/02/good/index.html").exists()
    assert leftovers(previous) == []


def test_development_builds_update_output_in_place(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "kept.txt").write_text("dev builds do not start from scratch")
    build = build_site(output, content=write_articles(tmp_path, good=GOOD))
    assert build.returncode == 0, build.log
    assert (output / "kept.txt").exists() and (output / "2026/02/good/index.html").exists()


# --- invoke preview / publish on a copy of the project --------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    copy_project(tmp_path)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("the site as last published")
    return tmp_path


def invoke(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return run_invoke(*args, cwd=project, env={**os.environ, "COLUMNS": "400", **env})


def test_preview_and_publish_refuse_when_checks_find_an_error(project, tmp_path):
    article = project / "content" / "articles" / "harbour-tunnel-bet.md"
    article.write_text(article.read_text().replace("Category: Opinion\n", "Category: Opinon\n"))
    target = tmp_path / "deployed"
    target.mkdir()
    for task in ("preview", "publish"):
        result = invoke(project, task, COLUMN_RSYNC_TARGET=str(target))
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert "content/articles/harbour-tunnel-bet.md:4: error: " in out
        assert 'Did you mean "Opinion"?' in out and "[unknown-category]" in out
        assert "Refusing to build the site for publishing" in out
        assert "Traceback" not in out
        assert snapshot(project / "output") == {"index.html": b"the site as last published"}
        assert list(target.iterdir()) == []


def test_check_exit_codes_on_the_project(project):
    assert invoke(project, "check").returncode == 0
    (project / "content" / "articles" / "draft.md").write_text("Title: TK\n\nTK\n")
    result = invoke(project, "check")
    assert result.returncode == 1
    assert "content/articles/draft.md:1: error: " in result.stdout
    # reading only: nothing written, no cache
    assert snapshot(project / "output") == {"index.html": b"the site as last published"}
    assert not (project / "cache").exists()


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_publish_builds_then_deploys(project, tmp_path):
    target = tmp_path / "deployed"
    result = invoke(project, "publish", COLUMN_RSYNC_TARGET=str(target) + "/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems found")
    assert (target / "2026/03/harbour-tunnel-bet/index.html").exists()
    assert snapshot(target) == snapshot(project / "output")
    assert leftovers(project / "output") == []


# --- reproducible output -------------------------------------------------------------


def test_two_publish_builds_are_byte_identical(published_site, tmp_path, monkeypatch):
    """Another checkout (new file times), another hash seed (set order), same bytes."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, copy_function=shutil.copy)
    for path in content.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    again = build_site(tmp_path / "output", content=content, settings="publishconf.py")
    assert again.returncode == 0, again.log
    first, second = snapshot(published_site.output), snapshot(again.output)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
