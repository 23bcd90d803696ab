"""The article_page plugin's pure functions, without Pelican."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from article_page.corrections import Correction, corrections_index, parse_corrections
from article_page.glue import _enriched
from article_page.images import FeaturedImage, featured_image
from article_page.reading import reading_minutes, word_count
from article_page.settings import DEFAULTS
from article_page.share import share_links
from article_page.structured_data import Person, article_jsonld
from article_page.typography import typeset
from fastbuild.cache import file_digest
from jinja2 import Environment

# --- reading time -----------------------------------------------------------------------


def test_words_are_counted_in_text_not_markup():
    html = '<p>One <a href="https://example.org/a/very/long/path">two</a> three.</p><!-- four -->'
    assert word_count(html) == 3


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (900, 4), (921, 5)]
)
def test_reading_minutes_round_up(words, minutes):
    assert reading_minutes(words, 230) == minutes


def test_reading_speed_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        reading_minutes(100, 0)


# --- corrections ------------------------------------------------------------------------


def test_one_correction_as_a_string_and_several_as_a_list():
    one, problems = parse_corrections("2026-10-03 | The dam closes in April, not May.")
    assert problems == []
    assert one == [Correction(dt.date(2026, 10, 3), "The dam closes in April, not May.")]
    several, problems = parse_corrections(
        ["2026-10-05 | Second.", "2026-10-03|First, with  extra   spaces."]
    )
    assert problems == []
    assert [c.date.day for c in several] == [3, 5], "oldest first"
    assert several[0].text == "First, with extra spaces."


def test_correction_text_is_typeset_but_stays_plain_text():
    [c], _ = parse_corrections('2026-10-03 | The "dam" isn\'t <b>closed</b> -- yet.')
    assert c.text == "The \u201cdam\u201d isn\u2019t <b>closed</b> \u2014 yet."
    assert typeset("a & b") == "a & b"


@pytest.mark.parametrize(
    ("line", "rule", "hint"),
    [
        ("The dam closes in April.", "correction-syntax", "one line"),
        ("3 October 2026 | The dam closes in April.", "correction-date", "YYYY-MM-DD"),
        ("2026-02-30 | No such day.", "correction-date", "YYYY-MM-DD"),
        ("2026-10-03 |   ", "correction-text", "say what was corrected"),
        ("2025-01-01 | Before the article existed.", "correction-date", "before the article"),
    ],
)
def test_bad_corrections_are_reported_with_the_line(line, rule, hint):
    corrections, problems = parse_corrections(["2026-10-04 | Fine.", line], dt.date(2026, 10, 2))
    assert [c.text for c in corrections] == ["Fine."]
    [problem] = problems
    assert problem.rule == rule
    assert hint in problem.message
    assert line.strip() in problem.message


def test_no_corrections():
    assert parse_corrections(None) == ([], [])


class _Article:
    def __init__(self, url, date, corrections):
        self.url, self.date, self.corrections = url, date, corrections


def test_corrections_index_is_newest_first_across_articles():
    older = _Article("a/", dt.datetime(2026, 1, 1), [Correction(dt.date(2026, 1, 2), "A1")])
    newer = _Article(
        "b/",
        dt.datetime(2026, 2, 1),
        [Correction(dt.date(2026, 2, 2), "B1"), Correction(dt.date(2026, 3, 1), "B2")],
    )
    same_day = _Article("c/", dt.datetime(2026, 1, 5), [Correction(dt.date(2026, 2, 2), "C1")])
    plain = _Article("d/", dt.datetime(2026, 1, 1), [])
    listed = corrections_index([older, plain, same_day, newer])
    assert [item.correction.text for item in listed] == ["B2", "B1", "C1", "A1"]
    assert listed[0].article is newer


# --- share links ------------------------------------------------------------------------


def test_share_links_encode_title_and_url():
    title = "Farms & fishing boats: “one plan”?"
    url = "https://example.org/2026/08/one-water-plan/"
    links = {link.service: link for link in share_links(title, url)}
    assert list(links) == ["email", "mastodon", "bluesky", "x", "facebook", "linkedin"]
    for link in links.values():
        assert " " not in link.href and "“" not in link.href
    x = urlsplit(links["x"].href)
    assert (x.scheme, x.netloc, x.path) == ("https", "x.com", "/intent/post")
    assert parse_qs(x.query) == {"text": [title], "url": [url]}
    assert parse_qs(urlsplit(links["email"].href).query) == {"subject": [title], "body": [url]}
    assert links["email"].href.startswith("mailto:?")
    bsky = urlsplit(links["bluesky"].href)
    assert bsky.netloc == "bsky.app" and parse_qs(bsky.query)["text"] == [f"{title} {url}"]
    assert parse_qs(urlsplit(links["facebook"].href).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["linkedin"].href).query) == {"url": [url]}
    mastodon = urlsplit(links["mastodon"].href)
    assert (mastodon.netloc, mastodon.path) == ("mastodon.social", "/share")


def test_share_services_are_chosen_and_checked():
    links = share_links(
        "T", "https://e.org/", ["x", "mastodon"], mastodon_instance="https://e.social/"
    )
    assert [link.service for link in links] == ["x", "mastodon"]
    assert links[1].href.startswith("https://e.social/share?text=")
    assert [link.service for link in share_links("T", "u", ["mastodon"], "")] == []
    with pytest.raises(ValueError, match="unknown share service 'myspace'"):
        share_links("T", "u", ["myspace"])


@pytest.mark.parametrize(
    "title", ["", "Farms & fishing: “one plan”? 100% + #1 / a=b;c", "Café <b>~-._</b> 😀"]
)
@pytest.mark.parametrize("url", ["", "https://e.org/2026/08/a b/?q=1&r=ü#f"])
def test_share_links_are_what_urlencode_makes(title, url):
    """Title and URL are encoded once for all services; the addresses must stay byte for
    byte what urlencode(quote_via=quote) makes, which passes safe="" ("/" and ":" too)."""

    def query(**params):
        return urlencode(params, quote_via=quote)

    both = f"{title} {url}"
    assert {link.service: link.href for link in share_links(title, url)} == {
        "email": f"mailto:?{query(subject=title, body=url)}",
        "mastodon": f"https://mastodon.social/share?{query(text=both)}",
        "bluesky": f"https://bsky.app/intent/compose?{query(text=both)}",
        "x": f"https://x.com/intent/post?{query(text=title, url=url)}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?{query(u=url)}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?{query(url=url)}",
    }


# --- structured data --------------------------------------------------------------------

WHEN = dt.datetime(2026, 10, 2, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _jsonld(**overrides):
    args = {
        "schema_type": "OpinionNewsArticle",
        "headline": "CONFIRMED: a title",
        "url": "https://e.org/a/",
        "published": WHEN,
        "modified": None,
        "authors": [Person("Tomás Herrera", "https://e.org/author/tomas-herrera/")],
        "publisher_name": "The Review",
        "publisher_url": "https://e.org/",
    }
    return article_jsonld(**{**args, **overrides})


def test_jsonld_has_what_search_engines_read():
    data = _jsonld(
        image_url="https://e.org/i.png",
        publisher_logo_url="https://e.org/logo.png",
        corrections=[Correction(dt.date(2026, 10, 3), "Fixed.")],
    )
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "OpinionNewsArticle"
    assert data["datePublished"] == data["dateModified"] == "2026-10-02T16:20:00+02:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Tomás Herrera", "url": "https://e.org/author/tomas-herrera/"}
    ]
    assert data["publisher"]["logo"]["url"] == "https://e.org/logo.png"
    assert data["image"] == ["https://e.org/i.png"]
    assert data["correction"] == [
        {"@type": "CorrectionComment", "datePublished": "2026-10-03", "text": "Fixed."}
    ]
    plain = _jsonld(modified=WHEN + dt.timedelta(days=1))
    assert "image" not in plain and "correction" not in plain and "logo" not in plain["publisher"]
    assert plain["dateModified"] == "2026-10-03T16:20:00+02:00"


def test_tojson_keeps_a_closing_script_tag_inside_the_string():
    hostile = "</script><script>alert(1)</script> & 'more'"
    html = (
        Environment(autoescape=True)
        .from_string("{{ d|tojson }}")
        .render(d=_jsonld(headline=hostile))
    )
    assert "</script>" not in html.lower() and "<" not in html
    assert json.loads(html)["headline"] == hostile


# --- featured image ---------------------------------------------------------------------


def test_featured_image(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "pic.png").write_bytes(b"png")
    assert featured_image(None, None, tmp_path) is None
    expected = FeaturedImage("images/pic.png", "A quay at dusk")
    for written in ("images/pic.png", "{static}/images/pic.png", "/images/pic.png"):
        assert featured_image(written, " A quay\n at dusk ", tmp_path) == expected
    assert featured_image("images/pic.png", "", tmp_path).rule == "image-alt"
    assert featured_image("images/gone.png", "x", tmp_path).rule == "image-missing"
    assert featured_image("../secret.png", "x", tmp_path).rule == "image-missing"
    assert featured_image("", "alt without image", tmp_path).rule == "image-missing"


def test_a_body_counted_before_is_not_counted_again():
    """With BUILD_CACHE the enrichment gets earlier counts by the body's digest."""
    article = SimpleNamespace(
        url="2026/02/x/",
        title="A title",
        summary="<p>A summary.</p>",
        content="<p>one two&nbsp;three</p>",
        featured_image=None,
        featured_image_url=None,
        schema_type="OpinionNewsArticle",
        date=dt.datetime(2026, 2, 1, 9, 0),
        authors=[],
        category="Opinion",
        tags=[],
        corrections=[],
        lang="en",
    )
    settings = {**DEFAULTS, "SITEURL": "https://example.org", "SITENAME": "Column"}
    fields, body = _enriched(article, settings)
    assert (fields["word_count"], body) == (3, None), "no digest without the build cache"
    fields, body = _enriched(article, settings, counted={})
    assert fields["word_count"] == 3
    assert body == file_digest(article.content.encode())
    fields, _ = _enriched(article, settings, counted={(body,): 4600})
    assert (fields["word_count"], fields["reading_minutes"]) == (4600, 20)
    fields, _ = _enriched(article, settings, counted={("another body",): 4600})
    assert fields["word_count"] == 3
