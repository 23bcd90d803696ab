"""The content-type table, its resolution and the sitemap XML, without Pelican."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from content_types.registry import ContentType, Unknown, build_registry, type_key
from content_types.settings import DEFAULTS, registry_for
from sitemaps.build import NS, Entry, chunks, plan, sitemap_index, urlset

TYPES = DEFAULTS["CONTENT_TYPES"]
BY_CATEGORY = {"Opinion": "opinion", "Analysis": "analysis", "News": "news"}


@pytest.fixture
def registry():
    registry, problems = build_registry(TYPES, BY_CATEGORY, "opinion")
    assert problems == []
    return registry


@pytest.mark.parametrize(
    "written", ["guest-essay", "Guest essay", " GUEST_ESSAY ", "guest  essay", "Guest-Essay"]
)
def test_keys_ignore_case_spaces_and_separators(registry, written):
    assert type_key(written) == "guest-essay"
    assert registry.lookup(written).label == "Guest essay"


@pytest.mark.parametrize(
    ("key", "label", "schema_type"),
    [
        ("news", "News", "NewsArticle"),
        ("analysis", "Analysis", "AnalysisNewsArticle"),
        ("opinion", "Opinion", "OpinionNewsArticle"),
        ("guest-essay", "Guest essay", "OpinionNewsArticle"),
        ("letter", "Letter to the editor", "OpinionNewsArticle"),
        ("sponsored", "Sponsored", "AdvertiserContentArticle"),
    ],
)
def test_default_table_names_every_type_of_the_issue(registry, key, label, schema_type):
    found = registry.lookup(key)
    assert (found.label, found.schema_type, found.term) == (label, schema_type, key)


def test_type_line_wins_over_the_column_and_the_column_over_the_default(registry):
    assert registry.resolve("letter", "News").key == "letter"
    assert registry.resolve(None, "news").key == "news"
    assert registry.resolve("  ", "Analysis").key == "analysis", "an empty Type: is no type"
    assert registry.resolve(None, "Climate").key == "opinion"
    assert registry.resolve(None, None).key == "opinion"


def test_unknown_type_is_kept_to_be_reported_with_the_known_ones(registry):
    found = registry.resolve("Opnion", "Opinion")
    assert found == Unknown("Opnion")
    message = registry.unknown_message(found.value)
    assert message.startswith('unknown type "Opnion". Did you mean "opinion"?')
    assert "Known types: analysis, guest-essay, letter, news, opinion, sponsored;" in message
    assert "CONTENT_TYPES" in message
    assert "Did you mean" not in registry.unknown_message("obituary")


def test_disclaimer_policies(registry):
    assert registry.lookup("news").disclaimer == "none"
    assert registry.lookup("opinion").disclaimer == "required"
    assert registry.lookup("guest essay").disclaimer == "required"
    assert registry.lookup("analysis").disclaimer == "default"
    sponsored = registry.lookup("sponsored")
    assert sponsored.disclaimer == "none" and "paid for by an advertiser" in sponsored.notice


def test_bad_settings_are_reported_and_left_out():
    types = {
        **TYPES,
        "Opinion": {"label": "Again", "schema_type": "NewsArticle"},
        "review": {"label": "Review", "schema_type": "OpinonNewsArticle"},
        "explainer": {"label": "", "schema_type": "BackgroundNewsArticle"},
        "satire": {"label": "Satire", "schema_type": "SatiricalArticle", "colour": "red"},
        "brief": {"label": "Brief", "schema_type": "NewsArticle", "disclaimer": "maybe"},
        "ad": {
            "label": "Ad",
            "schema_type": "AdvertiserContentArticle",
            "disclaimer": "none",
            "disclaimer_text": "x",
        },
    }
    registry, problems = build_registry(types, {"Sport": "sports"}, "obituary")
    assert registry.keys == sorted(type_key(k) for k in TYPES)
    joined = "\n".join(problems)
    assert 'CONTENT_TYPES["Opinion"]: names the same type as "opinion"' in joined
    assert 'CONTENT_TYPES["review"]: "schema_type" \'OpinonNewsArticle\' is not a schema.org' in (
        joined
    )
    assert 'CONTENT_TYPES["explainer"]: no "label"' in joined
    assert 'CONTENT_TYPES["satire"]: unknown field(s) colour' in joined
    assert 'CONTENT_TYPES["brief"]: "disclaimer" \'maybe\' is not one of' in joined
    assert 'CONTENT_TYPES["ad"]: "disclaimer_text" is set but "disclaimer" is "none"' in joined
    assert 'CONTENT_TYPE_BY_CATEGORY["Sport"]: "sports" is not in CONTENT_TYPES' in joined
    assert 'CONTENT_TYPE_DEFAULT: "obituary" is not in CONTENT_TYPES' in joined
    assert len(problems) == 8
    assert registry.default in registry.types, "a fallback is still chosen"


def test_an_empty_table_still_resolves():
    registry, problems = build_registry({}, {}, "news")
    assert problems and isinstance(registry.resolve(None, "News"), ContentType)


def test_registry_is_built_once_per_distinct_settings():
    settings = {"CONTENT_TYPES": TYPES, "CONTENT_TYPE_DEFAULT": "news"}
    first, _ = registry_for(settings)
    assert registry_for(dict(settings))[0] is first
    assert registry_for({**settings, "CONTENT_TYPE_DEFAULT": "opinion"})[0] is not first


# --- sitemaps -----------------------------------------------------------------------------

TZ = dt.timezone(dt.timedelta(hours=2))
A = Entry("https://example.org/2026/10/a/", dt.datetime(2026, 10, 9, 9, 0, tzinfo=TZ))
B = Entry("https://example.org/2026/08/b/", dt.datetime(2026, 8, 1, 7, 30, tzinfo=TZ))


def test_urlset_is_sorted_valid_xml_with_w3c_dates():
    xml = urlset([A, B, A])
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(xml)
    assert root.tag == f"{{{NS}}}urlset"
    locs = [u.findtext(f"{{{NS}}}loc") for u in root]
    assert locs == [B.loc, A.loc], "sorted, and each address once"
    assert root[1].findtext(f"{{{NS}}}lastmod") == "2026-10-09T09:00:00+02:00"
    assert urlset([B, A]) == xml, "same entries, same bytes"


def test_addresses_are_escaped():
    xml = urlset([Entry("https://example.org/?a=1&b=<2>")])
    assert b"a=1&amp;b=&lt;2&gt;" in xml
    assert ET.fromstring(xml)[0].findtext(f"{{{NS}}}loc") == "https://example.org/?a=1&b=<2>"


def test_index_lists_sitemaps():
    root = ET.fromstring(sitemap_index([Entry("https://example.org/sitemaps/pages.xml", None)]))
    assert root.tag == f"{{{NS}}}sitemapindex"
    [node] = root
    assert node.tag == f"{{{NS}}}sitemap" and node.find(f"{{{NS}}}lastmod") is None


def test_groups_over_the_limit_are_split_and_empty_groups_skipped():
    entries = [Entry(f"https://example.org/{n:03}/") for n in range(5)]
    assert {k: len(v) for k, v in chunks("type-news", entries, size=2).items()} == {
        "type-news": 2,
        "type-news-2": 2,
        "type-news-3": 1,
    }
    assert list(plan({"type-news": entries[:1], "type-letter": [], "pages": [A]})) == [
        "pages",
        "type-news",
    ]
