"""The deploy planning, reporting and header choices, without a network or a host."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy.ghpages import git_blob_sha, parse_ls_tree, plan_tree
from deploy.headers import cache_control, cache_kind, content_type, object_headers
from deploy.rsync import parse_item, parse_itemized, rsync_command
from deploy.s3 import plan_objects, split_location, upload_order
from deploy.summary import (
    DeployError,
    Plan,
    Progress,
    Summary,
    format_plan,
    format_summary,
    human_bytes,
    local_files,
    require_confirmation,
)
from deploy.targets import Target, parse_target


@pytest.mark.parametrize(
    ("spec", "target"),
    [
        (
            "deploy@example.org:/srv/www/column/",
            Target("rsync", "deploy@example.org:/srv/www/column/"),
        ),
        ("/srv/www/column/", Target("rsync", "/srv/www/column/")),
        ("rsync:/srv/www", Target("rsync", "/srv/www")),
        ("ghpages:origin", Target("ghpages", "origin")),
        ("gh-pages:/tmp/site.git", Target("ghpages", "/tmp/site.git")),
        ("ghpages", Target("ghpages", "origin")),
        ("s3://bucket/some/prefix/", Target("s3", "bucket/some/prefix")),
    ],
)
def test_targets(spec, target):
    assert parse_target(spec) == target


def test_bad_targets_are_explained():
    with pytest.raises(DeployError, match="names no bucket"):
        parse_target("s3://")
    with pytest.raises(DeployError, match="no deploy target"):
        parse_target("  ")


def test_rsync_itemized_lines():
    assert parse_item("<f+++++++++ 2026/03/a/index.html\n") == ("upload", "2026/03/a/index.html")
    assert parse_item(">f.st...... index.html") == ("upload", "index.html")
    assert parse_item("cL+++++++++ latest -> 2026/03/a/") == ("upload", "latest")
    assert parse_item("*deleting   old page.html") == ("delete", "old page.html")
    assert parse_item("*deleting   old/") is None  # folders are not counted
    assert parse_item(".f..t...... unchanged.html") is None  # times only: nothing sent
    assert parse_item("cd+++++++++ 2026/") is None
    assert parse_item("sent 1,234 bytes  received 56 bytes") is None
    plan = parse_itemized(["<f+++++++++ a.html", "*deleting   b.html", ".f..t...... c.html"], 3)
    assert plan == Plan(["a.html"], ["b.html"], 2)


def test_rsync_deletes_only_when_asked_and_after_the_transfer():
    cmd = rsync_command(Path("/out"), "h:/www/", dry_run=False, delete=False)
    assert "--delete" not in cmd and "--dry-run" not in cmd
    assert cmd[-2:] == ["/out/", "h:/www/"] and "--checksum" in cmd and "--delay-updates" in cmd
    cmd = rsync_command(Path("/out/"), "h:/www/", dry_run=True, delete=True)
    assert {"--delete", "--delete-after", "--dry-run"} <= set(cmd)


def test_git_blob_ids_match_git(tmp_path):
    data = b"<!doctype html>\n<title>x</title>\n\x00binary"
    (tmp_path / "f").write_bytes(data)
    expected = subprocess.run(
        ["git", "hash-object", str(tmp_path / "f")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert git_blob_sha(data) == expected


def test_ghpages_plan_compares_trees():
    entries = [
        "100644 blob aaa\tindex.html",
        "100644 blob bbb\told.html",
        "100644 blob e69\t.nojekyll",
    ]
    listing = "\x00".join(entries) + "\x00"
    remote = parse_ls_tree(listing)
    assert remote == {"index.html": "aaa", "old.html": "bbb", ".nojekyll": "e69"}
    plan = plan_tree({"index.html": "aaa", "new.html": "ccc"}, remote)
    assert plan == Plan(["new.html"], ["old.html"], 1)  # .nojekyll is ghp-import's own


def test_s3_plan_and_order():
    assert split_location("bucket") == ("bucket", "")
    assert split_location("bucket/site/") == ("bucket", "site/")
    local = {"index.html": "m1", "theme/css/column.0123abcd.css": "m2", "same.png": "m3"}
    remote = {"index.html": '"old"', "same.png": '"m3"', "gone.html": '"x"'}
    plan = plan_objects(local, remote)
    # the stylesheet goes up before the page that links it
    assert plan == Plan(["theme/css/column.0123abcd.css", "index.html"], ["gone.html"], 1)
    assert upload_order(["b.html", "a.css", "z.svg"]) == ["a.css", "z.svg", "b.html"]


@pytest.mark.parametrize(
    ("path", "ctype", "kind"),
    [
        ("index.html", "text/html; charset=utf-8", "html"),
        ("2026/03/a/index.html", "text/html; charset=utf-8", "html"),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8", "html"),
        ("sitemap.xml", "application/xml; charset=utf-8", "html"),
        ("theme/css/column.css", "text/css; charset=utf-8", "other"),
        ("theme/css/column.5b410c8c.css", "text/css; charset=utf-8", "fingerprinted"),
        ("theme/js/search.0123abcd.js", "text/javascript; charset=utf-8", "fingerprinted"),
        ("images/northgate-harbour.svg", "image/svg+xml", "other"),
        ("images/photo.JPG", "image/jpeg", "other"),
        ("fonts/serif.woff2", "font/woff2", "other"),
        ("robots.txt", "text/plain; charset=utf-8", "html"),
        ("CNAME", "application/octet-stream", "html"),
    ],
)
def test_content_types_and_cache_kinds(path, ctype, kind):
    assert content_type(path) == ctype
    assert cache_kind(path) == kind


def test_cache_control_long_for_fingerprints_short_for_html():
    assert "immutable" in cache_control("theme/css/column.5b410c8c.css")
    assert "max-age=31536000" in cache_control("theme/css/column.5b410c8c.css")
    assert cache_control("index.html") == "public, max-age=300, must-revalidate"
    assert cache_control("index.html", {"html": "no-cache"}) == "no-cache"
    assert object_headers("feeds/all.atom.xml") == {
        "ContentType": "application/atom+xml; charset=utf-8",
        "CacheControl": "public, max-age=300, must-revalidate",
    }


def test_sizes_and_summary_lines():
    assert human_bytes(0) == "0 B"
    assert human_bytes(999) == "999 B"
    assert human_bytes(1234) == "1.2 kB"
    assert human_bytes(5_600_000) == "5.6 MB"
    summary = Summary("host:/www/", 12, 345_678, 2, 200, 1.26)
    assert format_summary(summary) == (
        "Published to host:/www/: 12 files uploaded (345.7 kB), 2 deleted, 200 unchanged, in 1.3 s."
    )
    dry = Summary("host:/www/", 1, 10, 0, 3, 0.04, dry_run=True)
    assert format_summary(dry).startswith("Dry run, nothing changed: 1 file would be uploaded")
    plan = Plan(["a.html"], ["b.html"], 4)
    assert format_plan(plan, {"a.html": 2000}, "t") == (
        "t: 1 file to upload (2.0 kB), 1 to delete, 4 unchanged."
    )


def test_deletions_need_confirmation():
    require_confirmation(Plan(["a"], [], 0), "t", confirm=False)  # nothing to delete: fine
    require_confirmation(Plan([], ["old.html"], 0), "t", confirm=True)
    with pytest.raises(DeployError) as err:
        require_confirmation(Plan([], ["old.html", "older.html"], 0), "t", confirm=False)
    assert "old.html" in str(err.value) and "invoke publish --confirm" in str(err.value)


def test_progress_lines(tmp_path):
    lines = []

    class Out:
        def write(self, text):
            lines.append(text)

        def flush(self):
            pass

    progress = Progress(12, Out())
    progress.step("uploaded", "index.html")
    assert lines == ["[ 1/12] uploaded index.html\n"]


def test_local_files_lists_sizes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text("12345")
    (tmp_path / "index.html").write_text("1")
    assert local_files(tmp_path) == {"a/x.html": 5, "index.html": 1}
