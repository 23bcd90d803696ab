"""Content types on built sites: one `Type:` decides the label, the JSON-LD @type
(read with extruct), the notices, the feed category and the sitemap; an unknown
type is an error naming the file and line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import extruct
import feedparser
import pytest
from conftest import ROOT, article_output_path, build_site, sample_articles, write_articles

SITEURL = "https://northgate.example.org"
SCHEME = "urn:column:content-type"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

#: slug -> (Type: line or None, column, expected key, label, JSON-LD @type)
CASES = {
    "plain-news": (None, "News", "news", "News", "NewsArticle"),
    "plain-analysis": (None, "Analysis", "analysis", "Analysis", "AnalysisNewsArticle"),
    "plain-opinion": (None, "Opinion", "opinion", "Opinion", "OpinionNewsArticle"),
    "guest": ("Guest essay", "Opinion", "guest-essay", "Guest essay", "OpinionNewsArticle"),
    "letter": ("letter", "Opinion", "letter", "Letter to the editor", "OpinionNewsArticle"),
    "paid": ("SPONSORED", "Partners", "sponsored", "Sponsored", "AdvertiserContentArticle"),
    "unlisted-column": (None, "Partners", "opinion", "Opinion", "OpinionNewsArticle"),
}
OVERRIDES = {"KNOWN_CATEGORIES": ["Opinion", "Analysis", "News", "Partners"], "SUPPORT_URL": ""}


def article(slug, type_line, column, extra="", day=1):
    typed = f"Type: {type_line}\n" if type_line else ""
    return (
        f"Title: A {slug} piece\nDate: 2026-05-{day:02} 10:00\nCategory: {column}\n{typed}"
        f"Author: Amara Okafor\nSlug: {slug}\nTags: harbour\n{extra}\n"
        "The harbour board met on Tuesday to discuss the new quay.\n"
    )


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("types")
    return write_articles(
        root,
        **{
            slug.replace("-", "_"): article(slug, t, column, day=n + 1)
            for n, (slug, (t, column, *_)) in enumerate(CASES.items())
        },
    )


@pytest.fixture(scope="module")
def published(content, tmp_path_factory):
    build = build_site(
        tmp_path_factory.mktemp("types-pub") / "out",
        content=content,
        settings="publishconf.py",
        overrides=OVERRIDES,
    )
    assert build.returncode == 0, build.log
    return build


def jsonld(build, slug):
    html = (build.output / f"2026/05/{slug}/index.html").read_text(encoding="utf-8")
    [data] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    return data


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_type_yields_its_label_and_jsonld_type(published, slug):
    _, column, key, label, schema_type = CASES[slug]
    page = published.page(f"2026/05/{slug}/")
    kicker = page.select_one("article .kicker")
    assert kicker["data-type"] == key
    shown = " ".join(kicker.get_text(" ", strip=True).split())
    assert shown == (label if label == column else f"{label} · {column}")
    assert kicker.select_one("a").get_text(strip=True) == column, "the column stays linked"
    assert jsonld(published, slug)["@type"] == schema_type
    card = published.page("index.html").select_one(f'.card:has(a[href$="/{slug}/"]) .kicker')
    assert card["data-type"] == key


def notices(page):
    return [
        (
            n.select_one(".notice__label").get_text(strip=True),
            n.get_text(" ", strip=True).replace("\xa0", " "),
        )
        for n in page.select("aside.notices .notice")
    ]


def test_disclaimer_policy_follows_the_type(published):
    assert notices(published.page("2026/05/plain-news/")) == []
    [(label, text)] = notices(published.page("2026/05/letter/"))
    assert label == "Disclaimer" and "Letters are the views of their writers" in text
    [(label, text)] = notices(published.page("2026/05/guest/"))
    assert label == "Disclaimer" and "solely those of Amara Okafor" in text
    [(label, text)] = notices(published.page("2026/05/paid/"))
    assert label == "Sponsored"
    assert "paid for by an advertiser" in text and "The Northgate Review" in text


def test_feeds_carry_the_type_as_a_category_of_its_own_scheme(published):
    for feed_path in ("feeds/all.atom.xml", "feeds/category/opinion.atom.xml"):
        feed = feedparser.parse((published.output / feed_path).read_bytes())
        assert feed.entries, feed_path
        for entry in feed.entries:
            slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
            typed = [t for t in entry.tags if t.get("scheme") == SCHEME]
            assert [(t.term, t.label) for t in typed] == [CASES[slug][2:4]], slug
            others = {t.term for t in entry.tags if t.get("scheme") != SCHEME}
            assert others == {CASES[slug][1], "harbour"}, "column and tags stay as they were"


def sitemap_locs(build, relpath):
    root = ET.parse(build.output / relpath).getroot()
    return [node.findtext("s:loc", namespaces=NS) for node in root]


def test_publish_build_groups_the_sitemap_by_type(published):
    robots = (published.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml\n" in robots
    root = ET.parse(published.output / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    listed = sitemap_locs(published, "sitemap.xml")
    keys = sorted({case[2] for case in CASES.values()})
    assert listed == sorted(
        [f"{SITEURL}/sitemaps/pages.xml"] + [f"{SITEURL}/sitemaps/type-{k}.xml" for k in keys]
    )
    seen = []
    for key in keys:
        locs = sitemap_locs(published, f"sitemaps/type-{key}.xml")
        expected = sorted(f"{SITEURL}/2026/05/{s}/" for s, c in CASES.items() if c[2] == key)
        assert locs == expected, key
        seen += locs
    pages = sitemap_locs(published, "sitemaps/pages.xml")
    assert f"{SITEURL}/" in pages and f"{SITEURL}/category/partners/" in pages
    assert not set(pages) & set(seen), "each article in its type's sitemap only"
    for name in ("sitemap.xml", "sitemaps/pages.xml", "sitemaps/type-opinion.xml"):
        assert "lastmod" in (published.output / name).read_text(encoding="utf-8")


def test_sample_site_shows_its_guest_essay(site, published_site):
    [meta] = [m for _, m in sample_articles() if m.get("type")]
    relpath = article_output_path(meta)
    kicker = site.page(relpath).select_one("article .kicker")
    assert kicker["data-type"] == "guest-essay"
    assert " ".join(kicker.get_text(" ", strip=True).split()) == "Guest essay · Opinion"
    html = (published_site.output / relpath).read_text(encoding="utf-8")
    [data] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert data["@type"] == "OpinionNewsArticle"
    index = sitemap_locs(published_site, "sitemap.xml")
    assert f"{SITEURL}/sitemaps/type-guest-essay.xml" in index
    assert sitemap_locs(published_site, "sitemaps/type-guest-essay.xml") == [
        f"{SITEURL}/{relpath.removesuffix('index.html')}"
    ]


# --- unknown types and bad settings ---------------------------------------------------------

BAD = article("typo", "Opnion", "Opinion", day=20)
KNOWN = "Known types: analysis, guest-essay, letter, news, opinion, sponsored"


@pytest.fixture(scope="module")
def bad_content(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-type")
    return write_articles(root, typo=BAD, fine=article("fine", None, "News", day=21))


def test_unknown_type_is_reported_with_file_line_and_known_types(bad_content, tmp_path):
    dev = build_site(tmp_path / "dev", content=bad_content)
    assert dev.returncode == 0, dev.log
    log = " ".join(dev.log.split())
    assert 'articles/typo.md:4: error: unknown type "Opnion". Did you mean "opinion"?' in log
    assert KNOWN in log and "[unknown-type]" in log
    assert "Traceback" not in dev.log
    assert (dev.output / "2026/05/fine/index.html").exists(), "the others still build"
    assert not (dev.output / "2026/05/typo").exists()


def test_publish_build_refuses_an_unknown_type(bad_content, tmp_path):
    published = build_site(tmp_path / "pub", content=bad_content, settings="publishconf.py")
    assert published.returncode == 1
    assert "articles/typo.md:4: error: unknown type" in " ".join(published.log.split())
    assert "Refusing to publish" in published.log and "Traceback" not in published.log


def test_without_the_check_the_plugin_still_reports_and_leaves_it_out(bad_content, tmp_path):
    overrides = {"CHECKS_DISABLED": ["unknown-type"]}
    dev = build_site(tmp_path / "dev", content=bad_content, overrides=overrides)
    log = " ".join(dev.log.split())
    assert 'typo.md:4: error: unknown type "Opnion"' in log and KNOWN in log
    assert not (dev.output / "2026/05/typo").exists()
    published = build_site(
        tmp_path / "pub", content=bad_content, settings="publishconf.py", overrides=overrides
    )
    assert published.returncode == 1 and "Refusing to publish" in published.log


def test_bad_and_retired_settings_are_errors_naming_the_setting(bad_content, tmp_path):
    overrides = {
        "CONTENT_TYPE_BY_CATEGORY": {"News": "reportage"},
        "DISCLAIMER_REQUIRED_CATEGORIES": ["Opinion"],
        "ARTICLE_LABELS": {"Opinion": "Comment"},
    }
    dev = build_site(tmp_path / "dev", content=bad_content, overrides=overrides)
    log = " ".join(dev.log.split())
    assert 'settings: CONTENT_TYPE_BY_CATEGORY["News"]: error: "reportage" is not in' in log
    assert "settings: DISCLAIMER_REQUIRED_CATEGORIES: error: no longer read" in log
    assert "settings: ARTICLE_LABELS: error: no longer read" in log


def test_label_line_is_retired_with_a_warning(tmp_path):
    content = write_articles(tmp_path, old=article("old", None, "News", "Label: Explainer\n"))
    dev = build_site(tmp_path / "dev", content=content)
    assert 'articles/old.md:7: warning: "Label:" is no longer read' in " ".join(dev.log.split())
    kicker = dev.page("2026/05/old/").select_one("article .kicker")
    assert kicker.get_text(strip=True) == "News"


def test_settings_are_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    for name in (
        "CONTENT_TYPES",
        "CONTENT_TYPE_BY_CATEGORY",
        "CONTENT_TYPE_DEFAULT",
        "CONTENT_TYPE_FEED_SCHEME",
        "SITEMAP_INDEX_SAVE_AS",
        "SITEMAP_SAVE_AS",
    ):
        assert f"`{name}`" in readme, name
        assert name in conf or name in (ROOT / "publishconf.py").read_text(), name
