"""Small sites for the search tests (tests/test_search*.py), each built for one question."""

from __future__ import annotations

from pathlib import Path

from conftest import Build, build_site, write_articles

ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Author: {author}
Tags: {tags}
Summary: {summary}
Slug: {slug}
{extra}
{body}
"""


def article(body, slug, title="A column", date="2026-02-01 10:00", **more):
    return ARTICLE.format(
        slug=slug,
        title=title,
        date=date,
        category=more.get("category", "Opinion"),
        author=more.get("author", "Amara Okafor"),
        tags=more.get("tags", "city"),
        summary=more.get("summary", "A column about the city."),
        extra=more.get("extra", ""),
        body=body,
    )


DISCLAIMER_TEMPLATE = """{% extends "!theme/article.html" %}
{% block content %}
{{ super() }}
<aside class="disclaimer">The views expressed are solely those of the author: gallimaufry.</aside>
{% endblock %}
"""


def build_regions_site(root: Path) -> Build:
    """Distinctive words placed in every region of an article page, indexed or not.

    Only "zephyrine" and "marmoreal" (body, headline) may be found; each other word
    sits in a region a search must not see: see test_search.py for which.
    """
    content = write_articles(
        root,
        body=article(
            "The zephyrine bridge.\n\n"
            '<aside class="disclaimer">Quoted disclaimer, flibbertigibbet.</aside>\n\n'
            "More about the bridge.",
            "body",
            title="The marmoreal headline",
            summary="A standfirst with quokkaesque words.",
            tags="marzipan",
        ),
        draft=article("A draft about xylophonic plans.", "draft", extra="Status: draft\n"),
        hidden=article("A hidden note about vexillology.", "hidden", extra="Status: hidden\n"),
    )
    templates = root / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(DISCLAIMER_TEMPLATE, encoding="utf-8")
    build = build_site(
        root / "output",
        content=content,
        overrides={
            "THEME_TEMPLATES_OVERRIDES": [str(templates)],
            "MENU_LINKS": [["Kumquats", "archives/"]],
            "SITEDESCRIPTION": "A paper of obsidianite opinion.",
        },
    )
    assert build.returncode == 0, build.log
    return build
