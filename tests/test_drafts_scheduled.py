"""Drafts and scheduled (future-dated) articles: previewable in development builds at an
unlisted URL, never in the publish build."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from conftest import build_site, write_articles

ARTICLE = """Title: {title}
Date: {date}
Category: Opinion
Tags: harbour
Author: Amara Okafor
{extra}
{title} body text.
"""

ARTICLES = {
    "live": ARTICLE.format(title="Live column", date="2026-03-01 08:00", extra=""),
    "unfinished": ARTICLE.format(
        title="Unfinished draft", date="2026-03-02 08:00", extra="Status: draft\n"
    ),
    "tomorrow": ARTICLE.format(title="Scheduled column", date="2099-01-01 08:00", extra=""),
}
#: One word of each hidden title (typography joins a title's last two words with a no-break
#: space, so whole titles are not searched for).
HIDDEN = ("Unfinished", "Scheduled")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("drafts"), **ARTICLES)


@pytest.fixture(scope="module")
def dev(content, tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("dev") / "output", content=content)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def published(content, tmp_path_factory):
    build = build_site(
        tmp_path_factory.mktemp("pub") / "output", content=content, settings="publishconf.py"
    )
    assert build.returncode == 0, build.log
    return build


def _listed_text(build) -> str:
    """Text of every listing and feed a reader or a feed reader can reach."""
    pages = ["index.html", "archives/index.html", "category/opinion/index.html"]
    pages += ["tag/harbour/index.html"]
    text = " ".join(build.page(p).get_text(" ") for p in pages)
    feed = feedparser.parse((build.output / "feeds/all.atom.xml").read_text(encoding="utf-8"))
    return text + " ".join(entry.title for entry in feed.entries)


def test_development_build_previews_drafts_and_scheduled_at_unlisted_urls(dev):
    assert "Unfinished" in dev.page("drafts/unfinished-draft/").h1.get_text()
    assert "Scheduled" in dev.page("drafts/scheduled-column/").h1.get_text()
    listed = _listed_text(dev)
    assert "Live" in listed
    for word in HIDDEN:
        assert word not in listed
    assert not (dev.output / "2099").exists()


def test_publish_build_has_no_drafts_and_no_future_articles(published):
    assert "Live" in published.page("index.html").get_text()
    assert not (published.output / "drafts").exists()
    assert not (published.output / "2099").exists()
    everything = " ".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in published.output.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xml"}
    )
    for word in HIDDEN:
        assert word not in everything


def test_scheduled_article_goes_out_once_its_date_has_passed(content, tmp_path):
    """The same file, rebuilt after its date (simulated by dating it in the past)."""
    past = tmp_path / "content"
    articles = past / "articles"
    articles.mkdir(parents=True)
    text = (content / "articles" / "tomorrow.md").read_text(encoding="utf-8")
    (articles / "tomorrow.md").write_text(text.replace("2099-01-01", "2026-04-01"), "utf-8")
    build = build_site(tmp_path / "output", content=past, settings="publishconf.py")
    assert build.returncode == 0, build.log
    assert "Scheduled" in build.page("2026/04/scheduled-column/").h1.get_text()
