"""Author text in titles and summaries is escaped in pages and feeds, never executed."""

import json

import feedparser
from conftest import build_site, write_articles
from safe_metadata.escaping import escape_fields, escape_text


def test_escape_text_keeps_quotes_for_smartypants():
    assert escape_text('A <b>"bold"</b> & co') == 'A &lt;b&gt;"bold"&lt;/b&gt; &amp; co'


def test_escape_fields_touches_only_plain_text_fields():
    meta = {"Title": ["<i>x</i>"], "summary": ["a & b"], "tags": ["<t>"]}
    assert escape_fields(meta) == {
        "Title": ["&lt;i&gt;x&lt;/i&gt;"],
        "summary": ["a &amp; b"],
        "tags": ["<t>"],
    }


HOSTILE = """\
Title: Hello <script>alert("title")</script> & "friends"
Date: 2026-02-01 10:00
Category: Opinion <script>alert("cat")</script>
Tags: <script>alert("tag")</script>, water
Author: Eve <img src=x onerror=alert(1)>
Summary: A <script>alert("summary")</script> summary.

A body paragraph.
"""


def test_hostile_metadata_is_text_everywhere(tmp_path):
    content = write_articles(tmp_path, hostile=HOSTILE)
    build = build_site(tmp_path / "out", content=content)
    assert build.returncode == 0, build.log

    pages = build.html_files()
    assert pages
    for page in pages:
        doc = build.page(str(page.relative_to(build.output)))
        # Only our own scripts: structured data (text kept in JSON strings, "<" escaped),
        # the share links' enhancement, the search page's files and the comment server's
        # (plugins/comments); never inline code.
        ours = (
            "theme/js/share.js",
            "/pagefind/pagefind-ui.js",
            "/js/search.js",
            "http://127.0.0.1:8080/js/embed.min.js",
            "http://127.0.0.1:8080/js/count.min.js",
        )
        for script in doc.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.string and json.loads(script.string), page
            else:
                assert not script.string and script.get("src", "").endswith(ours), page
        assert doc.find_all("img") == [], page
    article = next(p for p in pages if "hello" in str(p))
    doc = build.page(str(article.relative_to(build.output)))
    assert '<script>alert("title")</script>' in doc.h1.get_text().replace("\u201c", '"').replace(
        "\u201d", '"'
    )
    assert "<script>" in doc.title.get_text()
    assert "<script>" in doc.select_one(".standfirst").get_text()

    feed = feedparser.parse((build.output / "feeds" / "all.atom.xml").read_bytes())
    assert not feed.bozo
    entry = feed.entries[0]
    assert "<script>" in entry.title
    assert "<script>" not in entry.summary  # escaped inside the HTML payload
    assert "&lt;script&gt;" in entry.summary


def test_one_reused_converter_reads_every_file_as_a_fresh_one_would(tmp_path):
    """The reader keeps one Markdown converter and resets it between files; footnotes,
    abbreviations, heading ids and the metadata of one file must not leak into the next."""
    import sys  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from conftest import CONTENT, ROOT  # noqa: PLC0415
    from pelican.readers import MarkdownReader  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415
    from safe_metadata.reader import SafeMetadataMarkdownReader  # noqa: PLC0415

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate, write_content  # noqa: PLC0415

    write_content(generate(40, seed=3), tmp_path / "corpus")
    footnotes = tmp_path / "corpus" / "articles"
    (footnotes / "zz-notes.md").write_text(
        "Title: Notes\nSummary: With a note[^1] and *HTML*.\n\n"
        "A claim[^1] about the WHO.\n\n[^1]: A source.\n\n*[WHO]: World Health Organization\n\n"
        "## Heading\n\n## Heading\n",
        encoding="utf-8",
    )
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    paths = sorted(Path(CONTENT).rglob("*.md")) + sorted((ROOT / "tests" / "broken").rglob("*.md"))
    paths += sorted(footnotes.glob("*.md"))
    paths = paths + paths[::-1]  # each file after a different one the second time
    reused = SafeMetadataMarkdownReader(settings)

    class Fresh(SafeMetadataMarkdownReader):
        read = MarkdownReader.read  # Pelican's: a new converter for every file

    def outcome(reader, path):
        try:
            return reader.read(str(path))
        except ValueError as exc:  # tests/broken: a bad date fails either way
            return repr(exc)

    for path in paths:
        assert outcome(reused, path) == outcome(Fresh(settings), path), path
