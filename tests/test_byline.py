"""Bylines are complete or the article is not built (and the publish build refuses)."""

from datetime import datetime

import pytest
from byline.policy import byline_problems, natural_join
from conftest import build_site, write_articles

WHEN = datetime(2026, 1, 1)


def test_complete_byline_has_no_problems():
    assert byline_problems(["Amara Okafor"], "Opinion", WHEN) == []


@pytest.mark.parametrize(
    ("authors", "category", "date", "rules"),
    [
        ([], "Opinion", WHEN, ["byline-author"]),
        (["  "], "Opinion", WHEN, ["byline-author"]),
        (["A", ""], "Opinion", WHEN, ["byline-author"]),
        (["A"], "", WHEN, ["byline-category"]),
        (["A"], None, WHEN, ["byline-category"]),
        (["A"], "Opinion", None, ["byline-date"]),
        ([], "", None, ["byline-author", "byline-category", "byline-date"]),
    ],
)
def test_each_missing_part_is_reported(authors, category, date, rules):
    problems = byline_problems(authors, category, date)
    assert [p.rule for p in problems] == rules
    assert all("add" in p.message or "separate" in p.message for p in problems)


@pytest.mark.parametrize(
    ("names", "expected"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_natural_join(names, expected):
    assert natural_join(names) == expected


GOOD = "Title: Good\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafor\n\nFine.\n"
NO_AUTHOR = "Title: Orphan\nDate: 2026-02-02 10:00\nCategory: Opinion\n\nNobody wrote this.\n"
NO_CATEGORY = "Title: Homeless\nDate: 2026-02-03 10:00\nAuthor: Amara Okafor\n\nNo column.\n"


@pytest.fixture
def broken_content(tmp_path):
    return write_articles(tmp_path, good=GOOD, orphan=NO_AUTHOR, homeless=NO_CATEGORY)


def test_dev_build_names_the_file_and_keeps_the_others(tmp_path, broken_content):
    build = build_site(tmp_path / "out", content=broken_content)
    assert build.returncode == 0, build.log
    # reported by plugins/checks, with the line where the field goes
    assert "orphan.md:4: error: no author" in build.log
    assert "[missing-author]" in build.log
    assert "homeless.md:4: error: no category" in build.log
    assert (build.output / "2026/02/good/index.html").exists()
    assert not (build.output / "2026/02/orphan").exists()
    assert not (build.output / "2026/02/homeless").exists()
    for page in build.html_files():
        text = page.read_text()
        assert "Orphan" not in text and "Homeless" not in text, page


def test_with_the_check_switched_off_the_byline_plugin_still_drops_the_article(
    tmp_path, broken_content
):
    build = build_site(
        tmp_path / "out",
        content=broken_content,
        overrides={"CHECKS_DISABLED": ["missing-author", "missing-category"]},
    )
    assert build.returncode == 0, build.log
    assert "orphan.md: error: no author" in build.log
    assert "[byline-author]" in build.log
    assert "homeless.md: error: no category" in build.log
    assert (build.output / "2026/02/good/index.html").exists()
    assert not (build.output / "2026/02/orphan").exists()
    assert not (build.output / "2026/02/homeless").exists()


def test_publish_build_refuses(tmp_path, broken_content):
    build = build_site(tmp_path / "out", content=broken_content, settings="publishconf.py")
    assert build.returncode != 0
    assert "orphan.md:4: error: no author" in build.log
    assert "homeless.md:4: error: no category" in build.log, "every error, not just the first"
    assert "Refusing to publish: 2 errors" in build.log
    assert "Traceback" not in build.log
    assert not list(build.output.rglob("*.html")), "nothing written"
