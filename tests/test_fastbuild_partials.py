"""plugins/fastbuild/partials.py: a shared partial writes what it would have written on
every use, renders once per set of values it reads, and every page that uses it still
records what it read (the page memo renders a listing again when a card changes).

Templates come from a DictLoader, so each case shows exactly what the partial reads.
The whole site with the theme's shared card is tested by test_fastbuild.py: parallel,
cached and rebuilt sites must equal a serial build, whose cards are not shared.
"""

from __future__ import annotations

import logging
import sys

import pytest
from conftest import ROOT
from jinja2 import DictLoader, Environment

sys.path.insert(0, str(ROOT / "plugins"))

from fastbuild import partials, rendering

TEMPLATES = {
    "card.html": (
        '{% from "links.html" import author_link with context %}'
        '<article>{% include "label.html" %}<a href="{{ SITEURL }}/{{ article.url }}">'
        "{{ article.title }}</a> by {{ author_link(article.author) }}</article>"
    ),
    "label.html": "<p>{{ article.category }}{% if SHOW_DATES %} {{ article.date }}{% endif %}</p>",
    "links.html": (
        '{% macro author_link(name) %}<a href="{{ SITEURL }}/author/{{ name }}">'
        "{{ name }}</a>{% endmacro %}"
    ),
    "listing.html": (
        "{% for article in articles %}{% include 'card.html' %}\n{% endfor %}"
        "{% for article in articles %}{% include 'card.html' %}\n{% endfor %}"
    ),
    "dated.html": (
        "{{ SHOW_DATES }}{% for article in articles %}{% include 'card.html' %}{% endfor %}"
    ),
    "cards.html": "{% for article in articles %}{% include 'card.html' %}{% endfor %}",
    "counting.html": "{% set ns.n = ns.n + 1 %}{{ ns.n }}",
    "chosen.html": "{% include which %}",
}


def _env(*shared: str) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    partials.share(env, shared)
    return env


def _article(source: str, title: str, **attributes):
    from pelican.contents import Article  # noqa: PLC0415 - Pelican only for this helper

    article = Article("<p>Body.</p>", metadata={"title": title}, source_path=source)
    vars(article).update(attributes)
    return article


def _articles():
    return [
        _article("/c/a.md", "Tunnel & toll", url="2026/a/", category="News", author="ann"),
        _article("/c/b.md", "<b>Dams</b>", url="2026/b/", category="Opinion", author="bo"),
    ]


def _count_renders(env, name: str) -> list:
    """Each time the partial's own render function runs (not its shared output)."""
    template = env.get_template(name)
    original = template.fastbuild_render
    runs = []

    def counted(context, *args, **kwargs):
        runs.append(context.get("article"))
        yield from original(context, *args, **kwargs)

    template.fastbuild_render = counted
    partials.share(env, [name])  # wraps the counting function afresh
    return runs


def test_the_names_a_partial_reads_include_those_of_what_it_includes_and_imports():
    env = Environment(loader=DictLoader(TEMPLATES))
    assert partials.read_names(env, "card.html") == {"SITEURL", "article", "SHOW_DATES"}
    assert partials.read_names(env, "chosen.html") is None  # chosen while rendering


@pytest.mark.parametrize(
    "context",
    [
        {"SITEURL": "..", "localsiteurl": ".."},
        {"SITEURL": "https://example.org", "localsiteurl": "https://example.org"},
        {"SITEURL": "..", "localsiteurl": "..", "SHOW_DATES": True},
    ],
)
def test_a_shared_partial_writes_what_it_writes_unshared(context):
    articles = _articles()
    page = {**context, "articles": articles}
    plain = _env().get_template("listing.html").render(page)
    shared = _env("card.html")
    assert shared.get_template("listing.html").render(page) == plain
    assert shared.get_template("listing.html").render(page) == plain  # and again
    assert "Tunnel &amp; toll" in plain and "&lt;b&gt;Dams" in plain  # still escaped


def test_a_partial_renders_once_per_set_of_values_it_reads():
    env = _env("card.html")
    runs = _count_renders(env, "card.html")
    listing = env.get_template("listing.html")
    one, two = _articles()
    listing.render(articles=[one, two], SITEURL="..", localsiteurl="..")
    assert runs == [one, two]  # each card once, though the listing shows it twice
    listing.render(articles=[one], SITEURL="..", localsiteurl="..")
    assert runs == [one, two]  # another page at the same depth
    listing.render(articles=[one], SITEURL="../..", localsiteurl="../..")
    listing.render(articles=[one], SITEURL="../..", localsiteurl="../..", SHOW_DATES=True)
    # An article that equals `one` in every way is still another article.
    twin = _article("/c/a.md", "Tunnel & toll", url="2026/a/", category="News", author="ann")
    listing.render(articles=[twin], SITEURL="../..", localsiteurl="../..", SHOW_DATES=True)
    assert runs == [one, two, one, one, twin]


def test_the_folder_of_the_page_is_part_of_the_key():
    """Pelican adjusts the links in summaries to the page's folder (localsiteurl), also
    where SITEURL is the same on every page (absolute addresses)."""
    env = _env("card.html")
    runs = _count_renders(env, "card.html")
    listing = env.get_template("listing.html")
    one, _ = _articles()
    for folder in ("https://example.org", "https://example.org/tag"):
        listing.render(articles=[one], SITEURL="https://example.org", localsiteurl=folder)
    assert runs == [one, one]


def test_partials_that_cannot_be_shared_are_named_and_left_alone(caplog):
    caplog.set_level(logging.WARNING)
    env = Environment(loader=DictLoader(TEMPLATES))
    assert partials.share(env, ["chosen.html", "missing.html"]) == ["chosen.html", "missing.html"]
    assert "chosen.html is rendered on every use: it includes a template chosen" in caplog.text
    assert "missing.html is rendered on every use: the theme has no template missing.html" in (
        caplog.text
    )
    assert env.get_template("chosen.html").render(which="label.html", article=_articles()[0]) == (
        "<p>News</p>"
    )


def test_a_use_given_an_object_that_changes_as_the_page_renders_renders_afresh():
    """A namespace (or a loop, a cycler) is the same object with other contents on
    each use: its identity says nothing of what the partial would write."""
    env = _env("counting.html")
    page = "{% set ns = namespace(n=0) %}"
    page += "{% for x in 'abc' %}{% include 'counting.html' %}{% endfor %}"
    assert env.from_string(page).render() == "123"


def _page_reads(env, template: str, context: dict) -> set[tuple]:
    """What the page memo records of one page."""
    call = {"kwargs": {}, "context": context, "relative_urls": True, "paginated": None}
    recorder = rendering._recorder
    recorder.begin(call, env.globals)
    env.get_template(template).render(context)
    _, _, _, numbers = recorder.end()
    by_number = {n: read for read, n in recorder.table.items()}
    return {by_number[n][:3] for n in numbers}


def test_every_page_using_a_shared_partial_records_what_it_read():
    """The second page gets the cards' output from the first, and must still record
    the reads behind them: a listing renders again when a headline it shows changes.
    The first page reads SHOW_DATES itself before the cards do, the second does not."""
    one, two = _articles()
    reads = {}
    for shared in (False, True):
        env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
        context = {"SITEURL": "..", "localsiteurl": "..", "articles": [one, two]}
        context["SHOW_DATES"] = False
        rendering.install(env, context, {})
        if shared:
            partials.share(env, ["card.html"])
        reads[shared] = [_page_reads(env, page, context) for page in ("dated.html", "cards.html")]
    expected = {
        (rendering.content_key(article), "a", name)
        for article in (one, two)
        for name in ("url", "title", "category", "author")
    }
    assert expected | {(rendering.ROOT, "r", "SHOW_DATES")} <= reads[False][1]
    assert reads[False][0] == reads[False][1]
    assert reads[True] == reads[False]
