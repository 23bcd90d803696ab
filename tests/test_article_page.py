"""The article page, read back from real builds: label, byline, reading time, corrections,
support call, share links, head metadata and JSON-LD (read with extruct), sitemap."""

from __future__ import annotations

import math
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from conftest import (
    article_output_path,
    build_site,
    kicker_text,
    sample_articles,
    write_articles,
)
from content_types.settings import DEFAULTS as TYPE_DEFAULTS

SITEURL = "https://northgate.example.org"
ARTICLES = {path.stem: meta for path, meta in sample_articles()}
OPINION = "valley-dam-closure-confirmed"
NEWS = "varra-dam-spillway-cracks"
CORRECTED = "harbour-tunnel-bet"


def page_of(build, stem):
    return build.page(article_output_path(ARTICLES[stem]))


def jsonld_of(build, relpath):
    html = (build.output / relpath).read_text(encoding="utf-8")
    [data] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    return data


def meta_content(doc, key):
    tag = doc.find("meta", attrs={"property": key}) or doc.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


# --- sample site: label, byline, reading time ------------------------------------------


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_label_byline_and_reading_time(site, stem):
    meta = ARTICLES[stem]
    doc = page_of(site, stem)
    header = doc.select_one("article .article__header")
    label = header.select_one(".kicker")
    assert " ".join(label.get_text(" ", strip=True).split()) == kicker_text(meta)
    assert label.find_next_sibling("h1"), "the label comes right before the headline"

    byline = header.select_one(".byline")
    published = byline.select_one("time.dt-published")
    assert datetime.fromisoformat(published["datetime"]).strftime("%Y-%m-%d %H:%M") == meta["date"]
    words = len(doc.select_one(".article__body").get_text(" ").split())
    reading = byline.select_one(".byline__reading").get_text(" ", strip=True)
    assert reading.endswith(f"{math.ceil(words / 230)} min read"), (reading, words)


def test_reference_article_reads_in_four_minutes(site):
    reading = page_of(site, OPINION).select_one(".byline__reading").get_text(" ", strip=True)
    assert reading == "· 4 min read"


def test_cards_carry_the_label(site):
    cards = site.page("category/analysis/").select(".card")
    assert cards
    for card in cards:
        assert card.select_one(".kicker").get_text(strip=True) == "Analysis"


# --- support call -------------------------------------------------------------------------


def test_support_call_after_the_body(site):
    doc = page_of(site, NEWS)
    support = doc.select_one("aside.support")
    assert support is not None
    assert "Help us grow" in support.get_text()
    link = support.select_one("a")
    assert link.get_text(strip=True) == "Become a member"
    assert link["href"].endswith("support/")
    assert (site.output / "support" / "index.html").exists()
    body = doc.select_one(".article__body")
    assert body in support.find_all_previous("div"), "after the body"


# --- corrections -------------------------------------------------------------------------


def test_corrected_article_has_dated_notices_top_and_bottom(site):
    doc = page_of(site, CORRECTED)
    top = doc.select_one(".correction-notice")
    assert top.select_one("time")["datetime"] == "2026-03-15"
    assert "15 March 2026" in top.get_text()
    assert top.select_one("a")["href"] == "#article-corrections"
    assert top.find_next("div", class_="article__body"), "the notice comes before the body"

    bottom = doc.select_one("#article-corrections")
    assert bottom.find_previous("div", class_="article__body"), "the list comes after the body"
    [item] = bottom.select("li")
    assert item.select_one("time")["datetime"] == "2026-03-15"
    assert "70 per cent" in item.get_text() and "project\u2019s" in item.get_text()
    hrefs = [a["href"] for a in bottom.select("a")]
    assert any(h.endswith("corrections-policy/") for h in hrefs)
    assert any(h.endswith("corrections/") and "policy" not in h for h in hrefs)


def test_uncorrected_article_has_no_notice(site):
    doc = page_of(site, NEWS)
    assert doc.select_one(".correction-notice") is None
    assert doc.select_one("#article-corrections") is None


def test_corrections_page_lists_every_correction_newest_first(site):
    doc = site.page("corrections/")
    assert doc.h1.get_text(strip=True) == "Corrections"
    items = doc.select(".corrections-index__item")
    dates = [item.select_one("time")["datetime"] for item in items]
    assert dates == ["2026-10-03", "2026-04-13", "2026-03-15"]
    corrected = {
        stem for stem, meta in ARTICLES.items() if "correction" in meta
    }  # read from the sources
    assert len(corrected) == len(items)
    for item in items:
        href = item.select_one("a")["href"]
        assert href.endswith("/#article-corrections")
    policy = doc.select_one("a[href$='corrections-policy/']")
    assert policy is not None
    back = site.page("corrections-policy/").select_one("a[href$='corrections/']")
    assert back is not None, "the policy page links to the list"


# --- share links --------------------------------------------------------------------------


def test_share_links_are_plain_links_with_the_article_address(published_site):
    doc = page_of(published_site, OPINION)
    canonical = SITEURL + "/" + article_output_path(ARTICLES[OPINION]).removesuffix("index.html")
    links = doc.select(".share a")
    names = [a.get_text(strip=True) for a in links]
    assert names == [
        "E-mail",
        "Mastodon",
        "Bluesky",
        "X",
        "Facebook",
        "LinkedIn",
        "Link to this article",
    ]
    hosts = [urlsplit(a["href"]).netloc for a in links]
    assert hosts == [
        "",
        "mastodon.social",
        "bsky.app",
        "x.com",
        "www.facebook.com",
        "www.linkedin.com",
        "northgate.example.org",
    ]
    for a in links[:-1]:
        values = [v for vs in parse_qs(urlsplit(a["href"]).query).values() for v in vs]
        assert any(canonical in v for v in values), a["href"]
    x = parse_qs(urlsplit(links[3]["href"]).query)
    assert x["text"] == ["CONFIRMED: The valley dam will close for two years"]
    assert links[-1]["href"] == canonical and links[-1].has_attr("data-copy-link")
    # besides the comment thread (plugins/comments), the only script is ours, deferred
    scripts = [
        s for s in doc.find_all("script") if s.get("src") and not s.find_parent(class_="comments")
    ]
    assert [s["src"] for s in scripts] == [f"{SITEURL}/theme/js/share.js"]
    assert scripts[0].has_attr("defer")


# --- head metadata and JSON-LD --------------------------------------------------------------


def test_canonical_open_graph_and_twitter_tags(published_site):
    meta = ARTICLES[CORRECTED]
    doc = page_of(published_site, CORRECTED)
    url = SITEURL + "/" + article_output_path(meta).removesuffix("index.html")
    assert doc.find("link", rel="canonical")["href"] == url
    assert meta_content(doc, "description").replace("\xa0", " ") == meta["summary"]
    assert meta_content(doc, "og:type") == "article"
    assert meta_content(doc, "og:url") == url
    assert meta_content(doc, "og:title") == meta["title"]
    assert meta_content(doc, "og:description") == meta["summary"]
    assert meta_content(doc, "og:site_name") == "The Northgate Review"
    assert meta_content(doc, "og:image") == f"{SITEURL}/images/northgate-harbour.svg"
    assert meta_content(doc, "og:image:alt") == meta["image_alt"]
    assert meta_content(doc, "twitter:card") == "summary_large_image"
    assert meta_content(doc, "twitter:title") == meta["title"]
    assert meta_content(doc, "twitter:image") == f"{SITEURL}/images/northgate-harbour.svg"
    assert meta_content(doc, "article:published_time").startswith("2026-03-14T08:30:00")
    assert meta_content(doc, "article:modified_time").startswith("2026-03-15T10:00:00")
    # Open Graph as a consumer reads it
    html = (published_site.output / article_output_path(meta)).read_text(encoding="utf-8")
    [og] = extruct.extract(html, syntaxes=["opengraph"], uniform=True)["opengraph"]
    assert og["og:title"] == meta["title"] and og["@type"] == "article"

    figure = doc.select_one("figure.article__figure img")
    assert figure["alt"] == meta["image_alt"]
    assert figure.find_next("div", class_="article__body"), "shown above the body"
    plain = page_of(published_site, NEWS)
    assert meta_content(plain, "twitter:card") == "summary"
    assert meta_content(plain, "og:image") is None


@pytest.mark.parametrize(
    ("stem", "schema_type"), [(OPINION, "OpinionNewsArticle"), (NEWS, "NewsArticle")]
)
def test_jsonld_read_with_extruct(published_site, stem, schema_type):
    meta = ARTICLES[stem]
    path = article_output_path(meta)
    data = jsonld_of(published_site, path)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["headline"] == meta["title"]
    assert data["url"] == SITEURL + "/" + path.removesuffix("index.html")
    [author] = data["author"]
    assert author["@type"] == "Person"
    assert author["name"] == meta["author"]
    assert author["url"].startswith(SITEURL + "/author/")
    assert (published_site.output / author["url"].removeprefix(SITEURL + "/")).is_dir()
    byline = published_site.page(path).select_one(".byline")
    assert data["datePublished"] == byline.select_one("time.dt-published")["datetime"]
    updated = byline.select_one("time.dt-updated")
    assert data["dateModified"] == (updated or byline.select_one("time.dt-published"))["datetime"]
    publisher = data["publisher"]  # its policy pages: tests/test_policies_site.py
    assert publisher["@type"] == "NewsMediaOrganization"
    assert (publisher["name"], publisher["url"]) == ("The Northgate Review", SITEURL + "/")
    assert data["description"] == meta["summary"]


def test_jsonld_lists_corrections(published_site):
    data = jsonld_of(published_site, article_output_path(ARTICLES[OPINION]))
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["datePublished"] == "2026-10-03"
    assert "106 million litres" in correction["text"]
    assert "image" not in data
    assert jsonld_of(published_site, article_output_path(ARTICLES[CORRECTED]))["image"] == [
        f"{SITEURL}/images/northgate-harbour.svg"
    ]


# --- sitemap and robots.txt ---------------------------------------------------------------


def _sitemaps(output) -> str:
    """The sitemap index (sitemap.xml) and every sitemap it lists, as one text."""
    index = (output / "sitemap.xml").read_text(encoding="utf-8")
    names = re.findall(rf"<loc>{SITEURL}/(sitemaps/[^<]+)</loc>", index)
    assert names and "<sitemapindex" in index
    return index + "".join((output / n).read_text(encoding="utf-8") for n in names)


def test_sitemap_and_robots_in_the_publish_build_only(site, published_site, tmp_path):
    sitemap = _sitemaps(published_site.output)
    for meta in ARTICLES.values():
        url = SITEURL + "/" + article_output_path(meta).removesuffix("index.html")
        assert f"<loc>{url}</loc>" in sitemap
    assert f"<loc>{SITEURL}/</loc>" in sitemap
    assert f"<loc>{SITEURL}/corrections/</loc>" in sitemap
    assert "robots.txt" not in sitemap and "404" not in sitemap
    robots = (published_site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml\n" in robots
    assert "User-agent: *" in robots
    assert not (site.output / "sitemap.xml").exists()
    assert not (site.output / "robots.txt").exists()
    # pages without a date of their own carry the newest content date, not the clock
    again = build_site(tmp_path / "again", settings="publishconf.py")
    assert again.returncode == 0, again.log
    assert _sitemaps(again.output) == sitemap


# --- settings and metadata on a site of their own -------------------------------------------

HOSTILE_TITLE = "</script><script>alert(1)</script> Hostile & proud"


def _article(slug, title, category, extra="", date="2026-05-01 10:00"):
    return (
        f"Title: {title}\nSlug: {slug}\nDate: {date}\nCategory: {category}\nAuthor: Amara Okafor\n"
        f"{extra}\nA body of a few words.\n"
    )


@pytest.fixture(scope="module")
def variety(tmp_path_factory):
    root = tmp_path_factory.mktemp("variety")
    content = write_articles(
        root,
        hostile=_article("hostile", HOSTILE_TITLE, "News"),
        relabelled=_article("relabelled", "Relabelled", "Opinion", "Type: analysis\n"),
        explainer=_article("explainer", "Explained", "Climate"),
        twice=_article(
            "twice",
            "Twice corrected",
            "News",
            "Correction: 2026-05-03 | Second fix.\nCorrection: 2026-05-02 | First fix.\n",
        ),
    )
    build = build_site(
        root / "out",
        content=content,
        settings="publishconf.py",
        overrides={
            "SUPPORT_URL": "",
            "KNOWN_CATEGORIES": ["Opinion", "Analysis", "News", "Climate"],
            "CONTENT_TYPES": {
                **TYPE_DEFAULTS["CONTENT_TYPES"],
                "explainer": {"label": "Explainer", "schema_type": "BackgroundNewsArticle"},
            },
            "CONTENT_TYPE_BY_CATEGORY": {"News": "news", "Climate": "explainer"},
            "MASTODON_SHARE_INSTANCE": "social.example.net",
            "PUBLISHER_LOGO": "images/logo.png",
        },
    )
    assert build.returncode == 0, build.log
    return build


def test_no_support_block_when_unset(variety):
    doc = variety.page("2026/05/twice/")
    assert doc.select_one(".support") is None
    assert "Become a member" not in doc.decode()


def test_label_and_jsonld_type_from_type_metadata_and_settings(variety):
    relabelled = variety.page("2026/05/relabelled/")
    kicker = relabelled.select_one("article .kicker")
    assert kicker.select_one(".kicker__label").get_text(strip=True) == "Analysis"
    assert kicker.select_one("a").get_text(strip=True) == "Opinion", "the column stays linked"
    assert jsonld_of(variety, "2026/05/relabelled/index.html")["@type"] == "AnalysisNewsArticle"

    explainer = variety.page("2026/05/explainer/")
    assert explainer.select_one(".kicker__label").get_text(strip=True) == "Explainer"
    data = jsonld_of(variety, "2026/05/explainer/index.html")
    assert data["@type"] == "BackgroundNewsArticle"
    assert data["publisher"]["logo"]["url"] == f"{SITEURL}/images/logo.png"
    card_labels = [
        k.get_text(" ", strip=True) for k in variety.page("index.html").select(".kicker")
    ]
    assert "Explainer · Climate" in card_labels

    mastodon = explainer.select_one(".share a[href*='social.example.net']")
    assert mastodon["href"].startswith("https://social.example.net/share?text=")


def test_closing_script_tag_in_a_title_stays_in_the_json_string(variety):
    html = (variety.output / "2026/05/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</script><script>" not in html
    scripts = BeautifulSoup(html, "html.parser").find_all("script")
    outside_comments = [s for s in scripts if not s.find_parent(class_="comments")]
    assert len(outside_comments) == 2, "the JSON-LD and share.js, nothing else"
    data = jsonld_of(variety, "2026/05/hostile/index.html")
    assert data["headline"] == HOSTILE_TITLE
    doc = variety.page("2026/05/hostile/")
    [ld] = doc.select("script[type='application/ld+json']")
    assert "\\u003c/script\\u003e" in ld.string
    assert meta_content(doc, "og:title") == HOSTILE_TITLE


def test_several_corrections(variety):
    doc = variety.page("2026/05/twice/")
    assert "Corrected 2 times, most recently on 3 May 2026" in " ".join(
        doc.select_one(".correction-notice").get_text(" ", strip=True).split()
    )
    items = [li.get_text(" ", strip=True) for li in doc.select("#article-corrections li")]
    assert items == ["2 May 2026 : First fix.", "3 May 2026 : Second fix."]
    listed = variety.page("corrections/").select(".corrections-index__item p")
    assert [p.get_text() for p in listed] == ["Second fix.", "First fix."]
    data = jsonld_of(variety, "2026/05/twice/index.html")
    assert [c["text"] for c in data["correction"]] == ["First fix.", "Second fix."]


# --- bad metadata: named, not built, publish refused ------------------------------------------

BAD = {
    "good": _article("good", "Good", "News"),
    "misdated": _article("misdated", "Misdated", "News", "Correction: 3rd October | Wrong date.\n"),
    "blind": _article("blind", "Blind", "News", "Image: images/pic.png\n"),
}


@pytest.fixture
def bad_content(tmp_path):
    content = write_articles(tmp_path, **BAD)
    (content / "images").mkdir()
    (content / "images" / "pic.png").write_bytes(b"\x89PNG")
    return content


def test_bad_metadata_is_named_and_the_article_left_out(tmp_path, bad_content):
    build = build_site(tmp_path / "out", content=bad_content)
    assert build.returncode == 0, build.log
    assert "misdated.md: error:" in build.log
    assert '"3rd October" is not a date' in build.log
    assert "[correction-date]" in build.log
    assert "blind.md:6: error:" in build.log and "[image-alt]" in build.log  # plugins/checks
    assert "Image_alt:" in build.log
    assert "Traceback" not in build.log
    assert (build.output / "2026/05/good/index.html").exists()
    assert not (build.output / "2026/05/misdated").exists()
    assert not (build.output / "2026/05/blind").exists()


def test_bad_metadata_stops_the_publish_build(tmp_path, bad_content):
    build = build_site(tmp_path / "out", content=bad_content, settings="publishconf.py")
    assert build.returncode != 0
    assert "Refusing to publish: 2 errors" in build.log
    assert "Traceback" not in build.log
