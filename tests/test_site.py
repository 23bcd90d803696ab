"""The sample site, built with the development settings, read back with an HTML parser."""

from __future__ import annotations

import re
from datetime import datetime

import feedparser
import pytest
from conftest import CONTENT, article_output_path, kicker_text, sample_articles

ARTICLES = sample_articles()
CATEGORIES = sorted({meta["category"] for _, meta in ARTICLES})


def authors_of(meta: dict[str, str]) -> list[str]:
    names = meta.get("authors") or meta.get("author", "")
    return [n.strip() for n in names.split(",") if n.strip()]


def test_sample_content_is_a_real_publication():
    assert len(ARTICLES) >= 12
    assert len(CATEGORIES) >= 3
    columnists = {name for _, meta in ARTICLES for name in authors_of(meta)}
    assert len(columnists) >= 3
    assert all(meta.get("tags") for _, meta in ARTICLES)
    for slug in ("about", "contact", "corrections-policy"):
        assert (CONTENT / "pages" / f"{slug}.md").exists()


def test_front_page_and_one_page_per_article(site):
    assert (site.output / "index.html").exists()
    for path, meta in ARTICLES:
        page = site.output / article_output_path(meta)
        assert page.exists(), f"{path.name} was not built"


@pytest.mark.parametrize(("path", "meta"), ARTICLES, ids=[p.stem for p, _ in ARTICLES])
def test_article_page_has_headline_and_complete_byline(site, path, meta):
    doc = site.page(article_output_path(meta))
    h1s = doc.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].get_text(strip=True)

    byline = doc.select_one("article .byline")
    assert byline is not None, "no byline"
    text = " ".join(byline.get_text(" ", strip=True).split())
    assert not re.search(r"\bin\s*,", text), f"half-empty byline: {text!r}"

    author_links = byline.select("a[rel=author]")
    assert [a.get_text(strip=True) for a in author_links] == authors_of(meta)
    assert all("author/" in a["href"] for a in author_links)

    column = byline.select_one(".byline__column a")
    assert column is not None and column.get_text(strip=True) == meta["category"]
    assert "category/" in column["href"]

    published = byline.select_one("time.dt-published")
    assert published is not None and published.get_text(strip=True)
    assert datetime.fromisoformat(published["datetime"]).strftime("%Y-%m-%d %H:%M") == meta["date"]
    if "modified" in meta:
        updated = byline.select_one("time.dt-updated")
        assert updated is not None
        assert (
            datetime.fromisoformat(updated["datetime"]).strftime("%Y-%m-%d %H:%M")
            == meta["modified"]
        )

    label = doc.select_one("article .kicker")
    assert " ".join(label.get_text(" ", strip=True).split()) == kicker_text(meta)


def test_two_authors_read_naturally(site):
    shared = [(p, m) for p, m in ARTICLES if len(authors_of(m)) == 2]
    assert shared, "the sample site needs a co-written article"
    for _, meta in shared:
        byline = site.page(article_output_path(meta)).select_one(".byline__by")
        a, b = authors_of(meta)
        assert " ".join(byline.get_text(" ", strip=True).split()) == f"By {a} and {b}"


def test_reference_shaped_article(site):
    """The piece shaped like the reference page: shouting prefix, long agency quote."""
    [(_path, meta)] = [(p, m) for p, m in ARTICLES if re.match(r"^[A-Z]{3,}:", m["title"])]
    doc = site.page(article_output_path(meta))
    headline = doc.h1
    assert headline.select_one("span.caps"), "typogrify should mark the capitalised prefix"
    assert headline.get_text().startswith(meta["title"].split(":")[0] + ":")
    quote = doc.select_one(".article__body blockquote")
    assert quote is not None
    assert len(quote.find_all("p")) >= 2
    assert len(quote.get_text().split()) >= 80
    words = len(doc.select_one(".article__body").get_text(" ").split())
    assert 700 <= words <= 1200


def test_typography_is_applied(site):
    doc_texts = [
        site.page(article_output_path(m)).select_one(".article__body").decode() for _, m in ARTICLES
    ]
    body = "".join(doc_texts)
    assert "&#8220;" in body or "\u201c" in body, "smart quotes"
    assert "&nbsp;" in body or "\xa0" in body, "widow control"
    assert not re.search(r'(?<![=\w])"[A-Za-z]', re.sub(r"<[^>]+>", "", body)), (
        "straight quotes left"
    )


def test_markdown_extensions_footnotes_tables_toc(site):
    bodies = {
        p.stem: site.page(article_output_path(m)).select_one(".article__body") for p, m in ARTICLES
    }
    assert any(b.select("table thead th") for b in bodies.values()), "a table"
    assert any(b.select("div.footnote li[id^=fn]") for b in bodies.values()), "footnotes"
    tocs = [b for b in bodies.values() if b.select_one("div.toc")]
    assert tocs, "[TOC] where the author asked"
    for body in tocs:
        for link in body.select("div.toc a[href^='#']"):
            assert body.find(id=link["href"][1:]), link["href"]
    # only where asked:
    assert len(tocs) < len(bodies)


def test_images_have_alt_text(site):
    for page in site.html_files():
        for img in site.page(str(page.relative_to(site.output))).find_all("img"):
            assert img.get("alt", "").strip(), f"{page}: image without alt text"


def test_listing_pages(site):
    for path in ("category/opinion/", "archives/", "authors/", "categories/", "tags/"):
        assert (site.output / path / "index.html").exists(), path
    front = site.page("index.html")
    cards = front.select(".card")
    assert len(cards) == 10
    assert front.select_one("a[rel=next]")["href"].endswith("page/2/")
    assert front.select_one(".cards--lead"), "the newest story leads the front page"
    assert not site.page("page/2/index.html").select_one(".cards--lead")
    second = site.page("page/2/index.html").select(".card")
    assert len(cards) + len(second) == len(ARTICLES)
    for card in cards:
        assert card.select_one(".kicker a").get_text(strip=True) in CATEGORIES
        assert card.select_one(".card__meta a[href]")
    archive = site.page("archives/index.html")
    assert len(archive.select(".archive-list li")) == len(ARTICLES)


def _current_in_nav(doc) -> list[str]:
    return [a.get_text(strip=True) for a in doc.select("header nav a[aria-current=page]")]


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_the_header_marks_each_page_s_own_section(build, request):
    """The header is rendered once for every page with the same marks (plugins/fastbuild,
    BUILD_SHARED_PARTIALS): pages at the same depth with different marks must each get
    their own, pages with the same marks the same header."""
    site = request.getfixturevalue(build)
    for category in CATEGORIES:
        slug = category.lower()
        assert _current_in_nav(site.page(f"category/{slug}/index.html")) == [category]
    assert _current_in_nav(site.page("archives/index.html")) == ["Archives"]
    assert _current_in_nav(site.page("authors/index.html")) == ["Columnists"]
    assert _current_in_nav(site.page("tags/index.html")) == []
    article = site.page(article_output_path(ARTICLES[0][1]))
    assert _current_in_nav(article) == []  # its column is not "this page"
    assert site.page("search/index.html").select_one("header .site-search") is None
    assert site.page("categories/index.html").select_one("header .site-search")
    headers = {
        str(site.page(article_output_path(meta)).select_one("header.site-header"))
        for _, meta in ARTICLES
    }
    assert len(headers) == 1


def test_pages_and_404(site):
    for slug in ("about", "contact", "corrections-policy"):
        doc = site.page(f"{slug}/index.html")
        assert doc.h1.get_text(strip=True)
        assert site.page("index.html").select_one(f'footer a[href$="{slug}/"]')
    notfound = site.page("404.html")
    assert "not found" in notfound.h1.get_text().replace("\xa0", " ").lower()


def test_semantic_layout(site):
    doc = site.page(article_output_path(ARTICLES[0][1]))
    for tag in ("header", "main", "article", "footer", "nav", "time"):
        assert doc.find(tag), tag
    assert doc.html["lang"] == "en"
    assert doc.select_one('a.skip-link[href="#main"]')
    assert doc.find(id="main").name == "main"
    # Pages work without JavaScript: besides structured data (JSON-LD), the only scripts are
    # the deferred "Copy link" enhancement of the share links and the optional comment thread.
    scripts = [s for s in doc.find_all("script") if s.get("type") != "application/ld+json"]
    for s in scripts:
        share = s.has_attr("defer") and s["src"].endswith("/js/share.js")
        assert share or s.find_parent("section", class_="comments"), s


def _assert_feed(path, min_entries=1):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    assert len(feed.entries) >= min_entries
    for entry in feed.entries:
        assert entry.title and entry.link and entry.author
        assert entry.published_parsed and entry.updated_parsed
    return feed


def test_atom_feeds(site):
    feeds = site.output / "feeds"
    whole = _assert_feed(feeds / "all.atom.xml", min_entries=len(ARTICLES))
    assert whole.feed.title == "The Northgate Review"
    for category in CATEGORIES:
        feed = _assert_feed(feeds / "category" / f"{category.lower()}.atom.xml")
        assert all(category in [t.term for t in e.tags] for e in feed.entries)
    names = {name for _, meta in ARTICLES for name in authors_of(meta)}
    author_feeds = sorted((feeds / "author").glob("*.atom.xml"))
    assert len(author_feeds) == len(names)
    for path in author_feeds:
        feed = _assert_feed(path)
        name = feed.feed.title.removeprefix("The Northgate Review - ")
        assert name in names
        # every entry credits this author, co-written ones included ("A and B")
        assert all(name in e.author.split(" and ") for e in feed.entries), path


def test_feed_credits_every_author_of_a_shared_article(site):
    [(_, meta)] = [(p, m) for p, m in ARTICLES if len(authors_of(m)) == 2]
    feed = feedparser.parse((site.output / "feeds" / "all.atom.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.rstrip("/").endswith(meta["slug"])]
    assert entry.author == " and ".join(authors_of(meta))


def test_same_input_same_output(site, tmp_path):
    """A second build of the same content is byte for byte the same."""
    from conftest import build_site  # noqa: PLC0415

    again = build_site(tmp_path / "output")
    assert again.returncode == 0, again.log
    first = {
        p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()
    }
    second = {
        p.relative_to(again.output): p.read_bytes() for p in again.output.rglob("*") if p.is_file()
    }
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
