"""The checks' rule functions, without Pelican: one document in, findings out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from checks import dates, lengths, links, metadata, text
from checks.findings import ERROR, Finding, display_path, sort_findings, summary
from checks.site import duplicates, output_path, slug_of
from checks.source import Document, parse

SETTINGS = {
    "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
    "DIRECT_TEMPLATES": ["index", "archives"],
    "ARCHIVES_SAVE_AS": "archives/index.html",
    "INDEX_SAVE_AS": "index.html",
    "DEFAULT_LANG": "en",
}
HEADER = "Title: A headline\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafor\n"


def doc(source: str, name: str = "a.md", kind: str = "article", root: Path = Path("/c")):
    parsed = parse(root / "articles" / name, f"articles/{name}", kind, source.encode())
    assert isinstance(parsed, Document), parsed
    return parsed


def rules(findings) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in findings]


# --- reading files -------------------------------------------------------------


def test_header_and_body_keep_their_line_numbers():
    d = doc(HEADER + "Slug: a\n    continued\n\nBody line one.\nBody line two.\n")
    assert d.get("title") == "A headline"
    assert d.meta["slug"].value == "a continued" and d.meta["slug"].line == 5
    assert d.header_end == 7 and d.body_start == 8
    assert d.body[0] == (8, "Body line one.")


def test_a_file_without_header_is_all_body():
    d = doc("Just a paragraph, no metadata.\n")
    assert d.meta == {} and d.body_start == 1


@pytest.mark.parametrize(
    ("data", "rule", "line"),
    [
        (b"Title: x\n\nCaf\xe9\n", "file-encoding", 3),
        (b"", "file-empty", 1),
        (b"  \n\n", "file-empty", 1),
        (b"Title: x\nDate: 2026\n\x00\x00", "file-binary", 3),
    ],
)
def test_unreadable_files_give_one_finding(data, rule, line):
    found = parse(Path("/c/articles/x.md"), "articles/x.md", "article", data)
    assert isinstance(found, Finding)
    assert (found.rule, found.line, found.severity) == (rule, line, ERROR)


def test_byte_order_mark_is_fine():
    assert isinstance(
        parse(Path("/c/x.md"), "x.md", "page", b"\xef\xbb\xbfTitle: x\n\nok\n"), Document
    )


def test_check_ignore_lists_rules():
    d = doc(HEADER + "Check-ignore: doubled-word, edit-mark\n\nText.\n")
    assert d.ignored == {"doubled-word", "edit-mark"}


# --- metadata ------------------------------------------------------------------


def test_required_fields():
    assert rules(metadata.required(doc(HEADER + "\nText.\n"))) == []
    assert rules(metadata.required(doc("Date: 2026-02-01\n\nText.\n"))) == [
        ("missing-title", 2),
        ("missing-author", 2),
        ("missing-category", 2),
    ]
    empty = doc("Title:\nDate:\nCategory:\nAuthor:\n\nText.\n")
    assert sorted(rules(metadata.required(empty))) == [
        ("missing-author", 4),
        ("missing-category", 3),
        ("missing-date", 2),
        ("missing-title", 1),
    ]
    # pages need a title only
    assert rules(metadata.required(doc("Title: About\n\nText.\n", kind="page"))) == []


def test_missing_byline_fields_use_the_byline_plugins_words():
    [finding] = metadata.required(doc("Title: t\nDate: 2026-02-01\nCategory: News\n\nx\n"))
    assert finding.message.startswith('no author: add a line "Author: Full Name"')


def test_empty_optional_field():
    d = doc(HEADER + "Tags:\nSummary: fine\n\nText.\n")
    assert rules(metadata.empty_fields(d)) == [("metadata-empty", 5)]


def test_unknown_author_suggests_the_nearest_profile():
    d = doc(HEADER.replace("Amara Okafor", "Amara Okafer") + "\nText.\n")
    profiles = {"amara-okafor": "Amara Okafor", "ingrid-solberg": "Ingrid Solberg"}
    [finding] = metadata.unknown_authors(d, profiles, "content/authors")
    assert (finding.rule, finding.line) == ("unknown-author", 4)
    assert 'Did you mean "Amara Okafor"?' in finding.message
    # name or slug, any case, any spacing (as plugins/columnists matches them);
    # no profiles folder: anything goes
    for name in ("amara okafor", "AMARA-OKAFOR", "Amara  Okafor"):
        ok = doc(HEADER.replace("Amara Okafor", name) + "\nText.\n")
        assert list(metadata.unknown_authors(ok, profiles, "content/authors")) == []
    assert list(metadata.unknown_authors(d, None, "content/authors")) == []


def test_every_coauthor_needs_a_profile():
    d = doc(HEADER.replace("Author: Amara Okafor", "Authors: Amara Okafor, Nobody Atall") + "\nx\n")
    [finding] = metadata.unknown_authors(d, {"amara-okafor": "Amara Okafor"}, "authors")
    assert '"Nobody Atall"' in finding.message


def test_unknown_category():
    known = ["Opinion", "Analysis", "News"]
    assert list(metadata.unknown_category(doc(HEADER + "\nx\n"), known)) == []
    assert list(metadata.unknown_category(doc(HEADER + "\nx\n"), None)) == []
    [typo] = metadata.unknown_category(doc(HEADER.replace("Opinion", "Opinon") + "\nx\n"), known)
    assert (typo.line, 'Did you mean "Opinion"?' in typo.message) == (3, True)
    [case] = metadata.unknown_category(doc(HEADER.replace("Opinion", "opinion") + "\nx\n"), known)
    assert 'written "Opinion"' in case.message


# --- dates ---------------------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.mark.parametrize("value", ["2026-13-45", "next Tuesday", "2026-02-30 10:00"])
def test_unparseable_dates(value):
    d = doc(HEADER.replace("2026-02-01 10:00", value) + "\nx\n")
    assert rules(dates.invalid_dates(d)) == [("date-invalid", 2)]


def test_modified_must_be_a_date_too():
    d = doc(HEADER + "Modified: soon\n\nx\n")
    assert rules(dates.invalid_dates(d)) == [("date-invalid", 5)]
    assert rules(dates.invalid_dates(doc(HEADER + "Modified:\n\nx\n"))) == [("date-invalid", 5)]


def test_future_dates_are_reported_as_scheduled():
    future = doc(HEADER.replace("2026-02-01 10:00", "2026-06-01 12:30") + "\nx\n")
    [finding] = dates.scheduled(future, NOW, "Europe/Oslo", with_future_dates=False)
    assert (finding.rule, finding.severity, finding.line) == ("scheduled", "warning", 2)
    assert finding.message.startswith("scheduled for 2026-06-01 12:30")
    [early] = dates.scheduled(future, NOW, "Europe/Oslo", with_future_dates=True)
    assert "Status: draft" in early.message
    past = doc(HEADER.replace("2026-02-01 10:00", "2026-06-01 11:30") + "\nx\n")
    assert list(dates.scheduled(past, NOW, "Europe/Oslo", True)) == []


# --- text ----------------------------------------------------------------------


def body(text_: str) -> Document:
    return doc(HEADER + "\n" + text_)


def test_the_reference_pages_slip():
    """One sentence printed twice in a row, joined by a comma."""
    d = body(
        "Intro.\n\nThe authority confirmed the closure, the authority confirmed the closure.\n"
    )
    assert rules(text.repeats(d, 4)) == [("repeated-sentence", 8)]


def test_a_sentence_repeated_later_points_at_the_first():
    d = body(
        "The ferry will run every hour from May.\n\nOther news.\n\n"
        "Prices stay. The ferry will run every hour from May.\n"
    )
    [finding] = text.repeats(d, 4)
    assert (finding.rule, finding.line) == ("repeated-sentence", 10)
    assert "already appears on line 6" in finding.message


def test_repeated_paragraph_is_one_finding():
    para = "The council voted to keep the library open on Sundays. It costs little.\n"
    d = body(para + "\n" + "Something else entirely.\n\n" + para)
    assert rules(text.repeats(d, 4)) == [("repeated-paragraph", 10)]


def test_short_repeats_markup_and_tables_are_fine():
    d = body(
        "No. No.\n\n"
        "We said **the ferry will run on time**, and [the ferry will run](x.md) late.\n\n"
        "| Year | Total |\n|---|---|\n| 2025 | 10 |\n\n| Year | Total |\n|---|---|\n| 2025 | 10 |\n"
    )
    assert list(text.repeats(d, 4)) == []


def test_doubled_words():
    d = body("It was the\nthe best of times.\n\nHe said that that was what it had had.\n")
    assert rules(text.doubled_words(d, ["had", "that"])) == [("doubled-word", 7)]
    assert list(text.doubled_words(body("A [link](the-the.md) and `x x`.\n"), [])) == []
    [caps] = text.doubled_words(body("The the start.\n"), [])
    assert '"The the"' in caps.message


def test_edit_marks():
    d = body("Cost: TK crowns.\n\nTODO check this. XXX\n\n```\nTODO in code is fine\n```\n")
    assert rules(text.edit_marks(d, ["TK", "TODO", "XXX"])) == [
        ("edit-mark", 6),
        ("edit-mark", 8),
        ("edit-mark", 8),
    ]
    assert list(text.edit_marks(body("Outkast and TKO and todo.\n"), ["TK", "TODO"])) == []
    header = doc("Title: TK headline\nDate: 2026-02-01\n\nx\n")
    assert rules(text.edit_marks(header, ["TK"])) == [("edit-mark", 1)]


# --- links and images -------------------------------------------------------------


def test_links_and_images(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "articles" / "other.md").write_text("Title: o\n\nx\n")
    (tmp_path / "images" / "a.svg").write_text("<svg/>")
    d = doc(
        HEADER
        + "\n[ok]({filename}other.md#part) [ok too]({filename}/articles/other.md)\n"
        + "[gone]({filename}gone.md) [web](https://example.org/x.md)\n"
        + "![A picture]({static}/images/a.svg) ![]({static}/images/a.svg)\n"
        + '![A missing one]({static}/images/none.png) <img src="/images/a.svg">\n'
        + "[ref link][r]\n\n[r]: {filename}missing-too.md\n",
        root=tmp_path,
    )
    assert rules(links.links(d, tmp_path)) == [("link-unresolved", 7), ("link-unresolved", 10)]
    assert sorted(rules(links.images(d, tmp_path))) == [
        ("image-alt", 8),
        ("image-alt", 9),
        ("image-missing", 9),
    ]
    unbuilt = {(tmp_path / "articles" / "other.md").resolve()}
    assert len(list(links.links(d, tmp_path, unbuilt))) == 4


def test_image_metadata(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.svg").write_text("<svg/>")
    ok = doc(HEADER + "Image: {static}/images/a.svg\nImage_alt: A quay\n\nx\n", root=tmp_path)
    assert list(links.images(ok, tmp_path)) == []
    bad = doc(HEADER + "Image: images/b.svg\n\nx\n", root=tmp_path)
    assert sorted(rules(links.images(bad, tmp_path))) == [("image-alt", 5), ("image-missing", 5)]


def test_related_pins():
    d = doc(HEADER + "Related: harbour-tunnel, harbor-tunel\n\nx\n")
    [finding] = links.related(d, {"harbour-tunnel", "ferry"})
    assert (finding.rule, finding.line) == ("related-unknown", 5)
    assert 'Did you mean "harbour-tunnel"?' in finding.message


# --- lengths, site -----------------------------------------------------------------


def test_headline_and_summary_lengths():
    # 16 links: 224 characters of Markdown, 95 of text
    d = doc(f"Title: {'x' * 71}\nSummary: {'[words](z.md) ' * 16}\n\nx\n")
    assert rules(lengths.lengths(d, 70, 160)) == [("title-length", 1)]
    assert rules(lengths.lengths(d, 70, 90)) == [("title-length", 1), ("summary-length", 2)]


def test_output_paths_as_pelican_computes_them():
    d = doc(HEADER + "Slug: tunnel\n\nx\n")
    assert output_path(d, SETTINGS) == "2026/02/tunnel/index.html"
    assert slug_of(doc("Title: The Tunnel, Again!\n\nx\n"), SETTINGS) == "the-tunnel-again"
    assert output_path(doc(HEADER + "Status: draft\nSlug: t\n\nx\n"), SETTINGS) == (
        "drafts/t/index.html"
    )
    assert output_path(doc("Title: x\nSave_as: 404.html\n\nx\n", kind="page"), SETTINGS) == (
        "404.html"
    )


def test_duplicates():
    a = doc(HEADER + "Slug: tunnel\n\nx\n", "a.md")
    b = doc(HEADER.replace("2026-02-01", "2026-05-01") + "Slug: tunnel\n\nx\n", "b.md")
    fr = doc(HEADER + "Slug: tunnel\nLang: fr\n\nx\n", "c.md")
    page = doc("Title: Archive\nSlug: archives\n\nx\n", "p.md", kind="page")
    found = list(duplicates([b, a, fr, page], SETTINGS))
    assert [(f.path.name, f.rule) for f in found] == [
        ("b.md", "duplicate-slug"),
        ("p.md", "duplicate-path"),
    ]


# --- output -----------------------------------------------------------------


def test_format_and_summary(tmp_path):
    f = Finding(tmp_path / "content" / "a.md", 3, "doubled-word", "error", '"the the"')
    assert f.format(cwd=tmp_path) == 'content/a.md:3: error: "the the" [doubled-word]'
    assert display_path(Path("/elsewhere/a.md"), tmp_path) == "/elsewhere/a.md"
    w = Finding(tmp_path / "a.md", 1, "scheduled", "warning", "soon")
    assert sort_findings([w, f, f]) == [w, f]
    assert summary([f, w], 2) == "1 error, 1 warning (2 files checked)."
    assert summary([], 1) == "No problems found (1 file checked)."
