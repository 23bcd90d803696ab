"""The disclaimer policy cascade, placeholders and rendering, without Pelican."""

import pytest
from disclaimers.policy import (
    INHERIT,
    Choice,
    fill,
    level,
    resolve,
    resolve_required,
    unknown_placeholders,
)
from disclaimers.render import render, sanitise

SITE = ("DISCLAIMER_DEFAULT", "Views of {author}, not {site}.")


def test_site_default_applies_when_nothing_more_specific():
    assert resolve([SITE, ("article.md", INHERIT)]) == Choice(SITE[1], "DISCLAIMER_DEFAULT")


def test_category_overrides_site():
    levels = [SITE, ("cat", "Analysis text"), ("article.md", INHERIT)]
    assert resolve(levels) == Choice("Analysis text", "cat")


def test_category_can_have_none():
    levels = [SITE, ("cat", level(None)), ("article.md", INHERIT)]
    assert resolve(levels).text is None


def test_author_overrides_category():
    levels = [SITE, ("cat", "Column"), ("authors/a.md", "Author's own"), ("x.md", INHERIT)]
    assert resolve(levels) == Choice("Author's own", "authors/a.md")


def test_article_overrides_everything():
    levels = [SITE, ("cat", "Column"), ("authors/a.md", "Author's"), ("x.md", "Article's")]
    assert resolve(levels) == Choice("Article's", "x.md")


@pytest.mark.parametrize("value", ["none", "None", " NONE ", ""])
def test_none_switches_it_off_for_one_article(value):
    levels = [SITE, ("cat", "Column"), ("x.md", level(value))]
    assert resolve(levels) == Choice(None, "x.md")


def test_no_policy_at_all():
    assert resolve([("DISCLAIMER_DEFAULT", level(None)), ("x.md", INHERIT)]).text is None


def test_required_category_overrules_an_opt_out():
    levels = [SITE, ("cat", "Column"), ("authors/a.md", "Author's"), ("x.md", level("none"))]
    choice, refused = resolve_required(levels)
    assert choice == Choice("Author's", "authors/a.md")
    assert refused == Choice(None, "x.md")


def test_required_category_without_opt_out_is_unchanged():
    levels = [SITE, ("cat", "Column"), ("x.md", INHERIT)]
    assert resolve_required(levels) == (Choice("Column", "cat"), None)


def test_placeholders_are_filled():
    values = {"site": "The Review", "author": "A and B", "category": "Opinion"}
    text = "In {category}: views of {author}, not {site}."
    assert fill(text, values) == "In Opinion: views of A and B, not The Review."
    assert unknown_placeholders(text) == []


@pytest.mark.parametrize(
    ("text", "unknown"),
    [("Views of {autor}.", ["autor"]), ("{site} {x} {x} {y}", ["x", "y"]), ("{}", ["{}"])],
)
def test_unknown_placeholders_are_found(text, unknown):
    assert unknown_placeholders(text) == unknown


def test_unknown_placeholders_stay_visible_when_filling():
    assert fill("Views of {autor}, {site}.", {"site": "S"}) == "Views of {autor}, S."
    assert fill("Views of {author.", {"author": "A"}) == "Views of {author."


def test_malformed_braces_are_reported():
    [problem] = unknown_placeholders("Views of {author.")
    assert "malformed" in problem and "{{" in problem


SETTINGS = {
    "TYPOGRIFY": True,
    "TYPOGRIFY_IGNORE_TAGS": [],
    "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"},
}


def test_render_is_markdown_with_typography():
    html = render('The "views" -- see [our policy](https://example.org/p).', SETTINGS)
    assert html.startswith("<p>") and "\u201cviews\u201d" in html
    assert '<a href="https://example.org/p">our' in html
    assert "\u2014" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>Views.",
        "Views. <img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        '<a href="https://x.example" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
    ],
)
def test_render_never_lets_script_through(hostile):
    html = render(hostile, SETTINGS)
    assert "<script" not in html and "alert(1)</" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html and "<iframe" not in html and "<img" not in html


def test_sanitise_keeps_links_and_emphasis():
    html = '<p><em>a</em> <a href="mailto:x@example.org">b</a></p>'
    assert sanitise(html) == html
