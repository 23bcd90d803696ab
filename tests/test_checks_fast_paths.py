"""The checks' shortcuts (plugins/checks: text.py, links.py, quotes.py, dates.py,
site.py) skip work only where it cannot find anything: every branch of them here,
on crafted inputs with the findings spelled out, and a generated archive with
known slips planted in it, found where they were planted and nowhere else."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from checks import links, quotes, text
from checks.dates import parse_date
from checks.runner import check, check_site
from checks.settings import Config
from checks.site import slug_of
from checks.source import Document, parse
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime, get_date
from pelican.utils import slugify as pelican_slugify

from benchmarks.corpus import generate, write_content

HEADER = "Title: A headline\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafor\n\n"
BODY_START = HEADER.count("\n") + 1


def doc(body: str) -> Document:
    parsed = parse(Path("/c/articles/a.md"), "articles/a.md", "article", (HEADER + body).encode())
    assert isinstance(parsed, Document)
    return parsed


def found(findings) -> list[tuple[str, int]]:
    """(rule, line in the body, counted from 1)."""
    return [(f.rule, f.line - BODY_START + 1) for f in findings]


# --- plain(): each substitution runs only when its character is there ----------


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Plain words, nothing else.", "Plain words, nothing else."),
        ("> Quoted > words", "Quoted > words"),
        ("- listed", "listed"),
        ("12) numbered", "numbered"),
        ("## Heading #2", "Heading #2"),
        ("Run `make build` now", "Run   now"),
        ("See ![the quay](q.png) here", "See the quay here"),
        ("A [link](x.md) and [ref][r] and [lone]", "A link and ref and [lone]"),
        ("A note[^1] and [^2]: def", "A note and  def"),
        ("Some <b>bold</b> text", "Some  bold  text"),
        ("At https://a.example/x and http://b.example ok", "At   and   ok"),
        ("At www.example.org today", "At   today"),
        ("No scheme: example.org", "No scheme: example.org"),
        ("*stressed* and __strong__ and snake_case", "stressed and strong and snakecase"),
        ("> - nested [x](y) *z*", "- nested x z"),
    ],
)
def test_plain(line, shown):
    assert text.plain(line) == shown


# --- sentences and their words -------------------------------------------------


def sentences(paragraph):
    """(offset, sentence) of each sentence."""
    starts, ends = text._sentence_bounds(paragraph.text)
    return [(start, paragraph.text[start:end]) for start, end in zip(starts, ends, strict=True)]


def test_sentence_ends():
    paragraph = text.Paragraph(
        1, 'One ends. Two ends! "Three?" 4 starts. (Five.) Six ends.) Seven e.g. eight.'
    )
    assert sentences(paragraph) == [
        (0, "One ends."),
        (10, "Two ends!"),
        (20, '"Three?'),
        (29, "4 starts."),
        (39, "(Five."),
        (47, "Six ends."),
        (58, "Seven e.g. eight."),
    ]


def test_sentence_ends_with_curly_quotes():
    paragraph = text.Paragraph(1, "“It shut.” ‘Then’ it rang.  \n")
    assert sentences(paragraph) == [(0, "“It shut."), (11, "‘Then’ it rang.  \n")]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # ASCII once typography is spaces: the letters pass.
        (
            "It’s the “harbour” — 2 ships… don't go_on. Next one.",
            [["its", "the", "harbour", "ships", "dont", "go", "on"], ["next", "one"]],
        ),
        # Other letters outside ASCII: NOT_WORD_RE.
        (
            "Café au lait’s ÉTÉ. Straße ist groß.",
            [["café", "au", "laits", "été"], ["strasse", "ist", "gross"]],
        ),
    ],
)
def test_sentence_words(paragraph, expected):
    para = text.Paragraph(1, paragraph)
    got = text._words_of(para, *text._sentence_bounds(para.text))
    assert got == expected
    assert got == [text.words(sentence) for _, sentence in sentences(para)]
    assert (para.letters is None) == (not paragraph.startswith("It"))


# --- repeats -------------------------------------------------------------------


def test_the_same_sentence_in_typographic_and_plain_spelling():
    d = doc(
        "It’s the harbour that closed on Friday. The café was shut.\n\n"
        "Nothing else happened.\n\n"
        "Its the harbour that closed on Friday!\n"
    )
    assert found(text.repeats(d, 4)) == [("repeated-sentence", 5)]


def test_the_same_paragraph_across_the_two_paths():
    same = "The council met at noon. Nobody came to the café."
    d = doc(f"{same}\n\nIn between.\n\n{same.replace('café', 'cafe')}\n\n{same}\n")
    # Without the accent the words differ; with it, the paragraph repeats.
    assert found(text.repeats(d, 4)) == [("repeated-sentence", 5), ("repeated-paragraph", 7)]


def test_short_sentences_may_repeat():
    d = doc("No. No. Yes it is. Yes it is.\n\nNot at all, not at all.\n")
    assert found(text.repeats(d, 4)) == []


@pytest.mark.parametrize("separator", [", ", "; ", ": ", " — ", " – ", ",\n"])
def test_the_same_clause_twice_in_a_row(separator):
    d = doc(f"Word one.\nIt closed on Friday{separator}it closed on Friday.\n")
    line = 3 if separator.endswith("\n") else 2
    assert found(text.repeats(d, 4)) == [("repeated-sentence", line)]


@pytest.mark.parametrize(
    "sentence",
    [
        "It closed on Friday it closed on Friday.",  # no separator
        "It closed on Friday, and it reopened on Monday.",
        "It closed, it closed.",  # too short
        "It closed on Friday -- it closed on Friday.",  # not a separator
    ],
)
def test_no_clause_twice(sentence):
    assert found(text.repeats(doc(sentence + "\n"), 4)) == []


def test_tables_are_not_prose():
    d = doc("| It closed on Friday | It closed on Friday |\n\nIt closed on Friday now.\n")
    assert found(text.repeats(d, 4)) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "",
        " \n ",
        "One\0two. Three four.",  # a "\0" of its own: sentence by sentence
        "It’s “done.” ’Tis so. Its 'quoted.' Then (1999.) A b.\u2003C d e.",
        "Café au lait’s ÉTÉ. Straße ist groß.",
        "No letters: 12, 34. 56! Then some.",
    ],
)
def test_sentence_keys_are_the_sentence_words(paragraph):
    para = text.Paragraph(1, paragraph)
    assert text._sentence_keys(para) == [" ".join(text.words(s)) for _, s in sentences(para)]


def test_clauses_split_as_the_regex():
    rng = random.Random(3)
    pieces = [",", ";", ":", "—", "–", " ", "  ", "\n", "\u2003", "a", "Bc", "1", "."]
    sentences = ["a ,— b", "a —  , b", "a , , b", "a— b", "a : — b"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)
    ]
    for sentence in sentences:
        assert text._clauses(sentence) == text.CLAUSE_SPLIT_RE.split(sentence), sentence


def test_a_paragraph_with_a_sentence_seen_before_is_read_sentence_by_sentence():
    # "No." is too short to report, but seen before: the second paragraph takes the
    # slow path, which must still find the long sentence and the line it was first on.
    d = doc(
        "No. The harbour closed on Friday.\n\n"
        "No. It reopened on the Monday after.\nThe harbour closed on Friday!\n\n"
        "It rained. The ferry ran late again. Yes.\nThe ferry ran late again.\n"
    )
    findings = list(text.repeats(d, 4))
    assert found(findings) == [("repeated-sentence", 4), ("repeated-sentence", 7)]
    assert f"on line {BODY_START} (" in findings[0].message
    assert f"on line {BODY_START + 5} (" in findings[1].message


def test_a_paragraph_repeats_though_its_sentences_divide_it_differently():
    # No sentence is there twice, so the whole-document test must not say "nothing".
    d = doc(
        "The harbour closed. On Friday it rained.\n\nThe harbour closed on Friday. It rained.\n"
    )
    assert not text._nothing_twice(*_whole(d))
    assert found(text.repeats(d, 4)) == [("repeated-paragraph", 3)]


def test_words_that_only_run_together_are_read_paragraph_by_paragraph():
    # The whole-document keys leave out spaces: "a b" and "ab" look alike there.
    d = doc("It was a b c d e.\n\nIt was ab c d e.\n")
    assert not text._nothing_twice(*_whole(d))
    assert found(text.repeats(d, 4)) == []


@pytest.mark.parametrize(
    ("body", "nothing"),
    [
        ("One two three four. Five six seven eight.\n\nNine ten eleven twelve.", True),
        ("", True),
        ("Café crème.\n\nAnother one.", False),  # not ASCII: paragraph by paragraph
        ("One\1two.\n\nThree.", False),  # a mark of its own
        ("| a | b |\n\n| a | b |", True),  # tables are not prose
        ("Same here. Same here.", False),
        ("12. 12. Then.", True),  # no letters, no key
    ],
)
def test_nothing_twice(body, nothing):
    assert text._nothing_twice(*_whole(doc(body + "\n"))) is nothing


def test_nothing_twice_with_a_nul_of_its_own():
    # A file cannot hold one (file-binary), a paragraph made by hand can.
    assert not text._nothing_twice("One\0two.\1Three.", 2)


def _whole(d):
    prose = [p for p in text.paragraphs(d) if not p.table]
    return "\1".join(p.text for p in prose), len(prose)


def _random_body(rng: random.Random) -> str:
    """Paragraphs of sentences from a few words, so that sentences, paragraphs, clauses
    and words repeat, with the marks and characters every shortcut has to respect."""
    words = [
        "the",
        "The",
        "it",
        "a",
        "b",
        "ab",
        "don't",
        *"harbour ferry closed ran late on".split(),
    ]
    words += rng.sample(["café", "Friday", "council", "met", "noon", "rain", "came", "in"], 4)
    marks = [". ", "! ", "? ", ", ", "; ", " — ", ". “", "” ", "’s ", " ", " ", " ", "\n"]
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.1:
            paragraphs.append("| the | the |")
            continue
        if kind < 0.15 and paragraphs:
            paragraphs.append(rng.choice(paragraphs))
            continue
        parts = [rng.choice(words).capitalize()]
        for _ in range(rng.randint(1, 14)):
            parts += [rng.choice(marks), rng.choice(words)]
        paragraphs.append("".join(parts) + rng.choice([".", "!", ""]))
    if rng.random() < 0.2:
        fence = rng.choice(["```", "~~~"])
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), f"{fence}\nthe the\nthe the\n{fence}")
    return "\n\n".join(paragraphs) + "\n"


def _doubled_one_by_one(d, allowed):
    """doubled_words() by DOUBLED_RE alone, paragraph by paragraph: no shortcut."""
    allowed = {w.casefold() for w in allowed}
    return [
        (paragraph.line_at(m.start(3)), m.group(1))
        for paragraph in text.paragraphs(d)
        for m in text.DOUBLED_RE.finditer(paragraph.text)
        if m.group(1).casefold() not in allowed
    ]


def test_the_whole_document_shortcuts_find_what_paragraph_by_paragraph_finds():
    rng = random.Random(7)
    shortcuts = {"repeats": 0, "doubled": 0}
    for _ in range(1500):
        body = _random_body(rng)
        d = doc(body)
        assert text.prose(d) == list(text.prose_lines(d.body))
        prose = [p for p in text.paragraphs(d) if not p.table]
        for min_words in (1, 3):
            got = list(text.repeats(d, min_words))
            assert got == list(text._repeated(d, prose, min_words)), body
        shortcuts["repeats"] += text._nothing_twice(*_whole(d))
        got = [(f.line, f.message.split('"')[1].split()[0]) for f in text.doubled_words(d, ["a"])]
        assert got == _doubled_one_by_one(d, ["a"]), body
        shortcuts["doubled"] += text._no_word_twice(d)
    # Both ways were taken often enough to compare.
    assert all(200 < n < 1300 for n in shortcuts.values()), shortcuts


# --- doubled words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("The the harbour.", 1),
        ("It was THE the harbour.", 1),
        ("the\u00a0the harbour", 1),  # no-break space: \s to DOUBLED_RE
        ("the\u2009the harbour", 1),  # thin space: not ASCII, the regex path
        ("It was “the the” harbour.", 1),
        ("We went to the\nthe harbour.", 2),
        ("Café café au lait.", 1),
        ("\u212a k", 1),  # Kelvin sign lowers to k
        ("İ i", 1),  # lowers to one "i" for the regex, two characters for str.lower()
        ("ΟΔΟΣ οδοσ", 1),  # final sigma: str.lower() spells it "ς"
        ("| the the | x |", 1),  # tables too
        ("**the** the", 1),
        ("A [the the](x.md) link", 1),
    ],
)
def test_doubled_words(body, line):
    assert found(text.doubled_words(doc(body + "\n"), ["had"])) == [("doubled-word", line)]


@pytest.mark.parametrize(
    "body",
    [
        "What it had had in mind.",  # allowed
        "don't don't stop",
        "it’s it’s fine",
        "the the’s end",
        "’the the",
        "well-well well",
        "well well-known",
        "the—the end",
        "the – the end",
        "a1 a1",
        "ſ s",  # long s is not lowered to s
        "σ ς",
        "ΟΔΟΣ ΟΔΟ",
        "the\n\nthe",  # two paragraphs
        "Plain words and nothing twice.",
        "Καλή μέρα κόσμε.",
    ],
)
def test_not_doubled(body):
    assert found(text.doubled_words(doc(body + "\n"), ["had"])) == []


def test_doubled_word_message_keeps_the_spelling():
    (finding,) = text.doubled_words(doc("So The the end.\n"), [])
    assert finding.message == '"The the": the same word twice in a row; delete one'


# --- edit marks, references, quotes --------------------------------------------


def test_edit_marks_only_where_written():
    d = doc("Clean copy.\n\n```\nTODO in code\n```\n\nStill TK here. XXX-1 is a name. TKTK\n")
    assert found(text.edit_marks(d, ["TK", "TKTK", "TODO", "XXX"])) == [
        ("edit-mark", 7),
        ("edit-mark", 7),
    ]
    assert found(text.edit_marks(doc("TODOS and xTKx only.\n"), ["TK", "TODO"])) == []
    assert found(text.edit_marks(doc("No marks.\n"), [])) == []


def test_references_on_lines_with_brackets_or_tags():
    d = doc(
        "Plain line.\n"
        'A <a href="{filename}/b.md">tag</a> and <img src="x.png"> only.\n'
        "A [ref][r] and ![pic](p.png) and [in](c.md).\n\n"
        "[r]: {filename}/d.md\n"
    )
    assert [(r.line - BODY_START + 1, r.target, r.image) for r in links.references(d)] == [
        (2, "{filename}/b.md", False),
        (2, "x.png", True),
        (3, "p.png", True),
        (3, "c.md", False),
        (3, "{filename}/d.md", False),
    ]


def test_quotes_only_in_files_with_a_quote_mark():
    assert found(quotes.unattributed(doc("No quote here.\n"))) == []
    assert found(quotes.unattributed(doc("Text.\n\n> Quoted words.\n"))) == [
        ("quote-unattributed", 3)
    ]
    assert found(quotes.unattributed(doc("Text.\n\n> Quoted words.\n\n— Agency\n"))) == []


# --- dates and slugs, as Pelican reads them ------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-14",
        "2026-03-14 08:30",
        "2026-03-14_08:30",
        "2026-03-14 08:30:15",
        "1999-12-31 23:59",
        "2026-02-30",
        "2026-13-01",
        "2026-03-14 25:00",
        "2026-03-14 08:61",
        "0999-01-01",
        "2026-3-4",
        "2026/03/14",
        "14 March 2026",
        "2026-03-14T08:30",
        "2026-03-14  08:30",
        "2026-03-14 08:30+02:00",
        "tomorrow",
    ],
)
def test_dates_as_pelican_reads_them(value):
    try:
        expected = get_date(value.replace("_", " "))
    except ValueError:
        expected = None
    got = parse_date(value)
    assert got == expected
    assert type(got) is type(expected)


def test_the_hinted_form_is_read_without_dateutil():
    assert parse_date("2026-03-14 08:30") == SafeDatetime(2026, 3, 14, 8, 30)
    assert isinstance(parse_date("2026-03-14"), SafeDatetime)
    assert parse_date("2026-02-30") is None


def test_slugs_as_pelican_makes_them():
    subs = [list(s) for s in DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]]  # lists, as in a file
    settings = {"SLUG_REGEX_SUBSTITUTIONS": subs, "SLUGIFY_USE_UNICODE": True}
    d = doc("x\n")
    d.meta.pop("slug", None)
    for title in ("The Tunnel, Again!", "Ærø & <b>Øst</b>", "C++ -- and  C#"):
        d.meta["title"] = type(d.meta["category"])(title, 1)
        expected = pelican_slugify(
            title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], use_unicode=True
        )
        assert slug_of(d, settings) == expected
        assert slug_of(d, {}) == pelican_slugify(
            title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
        )


# --- a generated archive with planted slips ------------------------------------

SETTINGS = {
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "DEFAULT_LANG": "en",
    "TIMEZONE": "UTC",
    "AUTHOR_PROFILES_PATH": "no-profiles",
}

#: Paragraphs planted, in this order, at the end of an article: (text, [(rule, line
#: within the text)]). The fifth repeats the third, in plain spelling.
SLIPS = [
    ("The mayor said the the harbour would close.", [("doubled-word", 1)]),
    ("It closed on Friday, it closed on Friday.", [("repeated-sentence", 1)]),
    ("Ships wait. It’s the “harbour” — that\nclosed on Friday. Ships wait.", []),
    ("Still TK on the figures.", [("edit-mark", 1)]),
    ("Its the harbour that\nclosed on Friday!", [("repeated-sentence", 1)]),
    ("Café crème au lait, café crème au lait.", [("repeated-sentence", 1)]),
    ("Nobody knew where\nthe\nthe ferry went.", [("doubled-word", 3)]),
    ("> A quote with no source.", [("quote-unattributed", 1)]),
]


def test_generated_archive_gives_the_planted_findings_only(tmp_path):
    content = write_content(generate(60, seed=11), tmp_path / "content")
    rng = random.Random(5)
    expected = set()
    for path in sorted((content / "articles").glob("*.md"))[::3]:
        source = path.read_text(encoding="utf-8").rstrip("\n")
        _header, *paragraphs = source.split("\n\n")
        # Planted: a copy of a paragraph, a copy of a sentence, then the slips.
        line = source.count("\n") + 3
        copied = rng.choice(paragraphs)
        source += "\n\n" + copied
        expected.add((path.name, line, "repeated-paragraph"))
        line += copied.count("\n") + 2
        sentence = rng.choice(rng.choice(paragraphs).split(". ")).rstrip(".") + "!"
        source += "\n\n" + sentence
        expected.add((path.name, line, "repeated-sentence"))
        line += 2
        for slip, rules in SLIPS:
            source += "\n\n" + slip
            expected |= {(path.name, line + at - 1, rule) for rule, at in rules}
            line += slip.count("\n") + 2
        path.write_text(source + "\n", encoding="utf-8")
    report = check(SETTINGS, content, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert {(f.path.name, f.line, f.rule) for f in report.findings} == expected
    assert len(report.findings) == len(expected)


class DictMemo:
    """The findings memo as plugins/checks/glue.py keeps it between builds, in a dict."""

    def __init__(self):
        self.stored = {}

    def get(self, doc, facts):
        return self.stored.get((doc.path, tuple(doc.lines)))

    def put(self, doc, facts, findings):
        self.stored[(doc.path, tuple(doc.lines))] = findings


def test_links_are_checked_in_every_build_even_for_remembered_files(tmp_path):
    """The memo answers for an unchanged file's own findings, never for its links: the
    file a link points to may have appeared, gone, or been left out of this build."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.md").write_text(
        HEADER + "See [b]({filename}b.md) and [c]({filename}c.md).\n", encoding="utf-8"
    )
    (articles / "b.md").write_text(HEADER.replace("A headline", "B") + "Text.\n", "utf-8")
    config = Config.from_settings(SETTINGS, tmp_path / "content", datetime(2030, 1, 1, tzinfo=UTC))
    memo = DictMemo()

    def dead_links() -> list[tuple[str, str, str]]:
        """(file, link target, "missing" or "unbuilt") of each dead link found."""
        report = check_site(config, 2, memo)
        return [
            (
                f.path.name,
                re.search(r"\{filename\}(\w+\.md)", f.message)[1],
                "missing" if "does not exist" in f.message else "unbuilt",
            )
            for f in report.findings
            if f.rule == "link-unresolved"
        ]

    assert dead_links() == [("a.md", "c.md", "missing")]
    assert memo.stored  # a.md is remembered from here on
    (articles / "c.md").write_text(HEADER.replace("A headline", "C") + "Text.\n", "utf-8")
    assert dead_links() == []
    (articles / "b.md").write_text("", encoding="utf-8")  # now left out of the build
    assert dead_links() == [("a.md", "b.md", "unbuilt")]
    (articles / "b.md").unlink()
    (articles / "c.md").unlink()
    assert dead_links() == [("a.md", "b.md", "missing"), ("a.md", "c.md", "missing")]
