"""smartypants with the converters that pass over text without their characters (and
convert_quotes over the steps whose quotation marks are gone), and typogrify's widont,
amp and caps searching only where a match can be, give the same text as the
libraries' own: on the sample articles, on the bench corpus and on random text made of
what the patterns look for."""

from __future__ import annotations

import inspect
import random
import re

import markdown
import pytest
import smartypants
import typogrify
from conftest import CONTENT
from fastbuild import typography
from typogrify import filters

from benchmarks.corpus import generate

#: What the converters look for and what surrounds it, as random text is made of.
PIECES = [
    "a", "B", "s", "0", "80", " ", "\n", "\t", "'", '"', "-", "--", "---", ".", "...",
    ". . .", "\\", "`", "``", "''", "&nbsp;", "&#8211;", "&mdash;", "&quot;", "(", "[",
    "!", "?", ",", "<em>", "</em>", "<p>", "</p>", "<pre>", "</pre>", "<code>", "</code>",
    "<a href=\"x'y\">", "</a>", "<!-- '-' -->", "\"'", "'\"", "'80s", "s ", "&#8212;",
    "&#x2013;",
]  # fmt: skip

#: The attributes Pelican's TYPOGRIFY_DASHES settings and typogrify use, and the rest.
ATTRS = [
    smartypants.Attr.set1,
    smartypants.Attr.set1 | smartypants.Attr.w,
    smartypants.Attr.set2,
    smartypants.Attr.set3,
    smartypants.Attr.q | smartypants.Attr.B | smartypants.Attr.i | smartypants.Attr.e,
]


#: What widont's pattern looks for and what surrounds it.
WIDONT_PIECES = [
    "word", "x", "é", " ", "  ", "\n", "\t", "\xa0", "&nbsp;", "<p>", "</p>", "</P>",
    "<h2>", "</h2>", "</h7>", "<li>", "</li>", "<dt>", "</dt>", "</dd>", "<em>", "</em>",
    "<b>", "</b>", "<i>", "</i>", "<strong>", "</strong>", "<span class=\"c d\">",
    "</span>", '<a href="x y">', "</a>", "<abbr>", "<br>", '<img alt="a b">', "<", ">",
    "<a <b>", "<!-- c -->", "</div>",
]  # fmt: skip


def _texts() -> list[str]:
    converter = markdown.Markdown(extensions=["markdown.extensions.extra"])
    sources = [p.read_text(encoding="utf-8") for p in sorted(CONTENT.rglob("*.md"))]
    sources += [a.body for a in generate(40, seed=4)]
    texts = [converter.reset().convert(source) for source in sources]
    rng = random.Random(7)
    texts += ["".join(rng.choices(PIECES, k=rng.randint(1, 30))) for _ in range(4000)]
    return texts


@pytest.fixture
def original(monkeypatch):
    """smartypants() with its own converters, whatever install() did before."""

    def run(text, attr):
        with monkeypatch.context() as patch:
            for name in typography.NEEDS:
                convert = getattr(smartypants, name)
                patch.setattr(smartypants, name, getattr(convert, "__wrapped__", convert))
            patch.setattr(smartypants, "convert_quotes", typography.ORIGINAL_CONVERT_QUOTES)
            return smartypants.smartypants(text, attr)

    return run


def test_the_converters_skip_only_what_they_would_not_change(original):
    typography.install()
    assert all(hasattr(getattr(smartypants, n), "skips_without") for n in typography.NEEDS)
    assert smartypants.convert_quotes is typography.convert_quotes
    texts = _texts()
    for attr in ATTRS:
        for text in texts:
            assert smartypants.smartypants(text, attr) == original(text, attr), (attr, text)


def test_installing_twice_wraps_once():
    typography.install()
    typography.install()
    dashes = smartypants.convert_dashes
    assert not hasattr(dashes.__wrapped__, "skips_without")
    assert smartypants.convert_quotes is typography.convert_quotes


def test_other_versions_are_left_as_they_are(monkeypatch):
    monkeypatch.setattr(smartypants, "__version__", "3.0")
    monkeypatch.setattr(typogrify, "__version__", "3.0")
    for name in (*typography.NEEDS, "convert_quotes"):
        monkeypatch.setattr(smartypants, name, lambda text: text)
    monkeypatch.setattr(filters, "widont", typography.ORIGINAL_WIDONT)
    monkeypatch.setattr(filters, "amp", typography.ORIGINAL_AMP)
    monkeypatch.setattr(filters, "caps", typography.ORIGINAL_CAPS)
    names = (*typography.NEEDS, "convert_quotes")
    before = {name: getattr(smartypants, name) for name in names}
    typography.install()
    assert {name: getattr(smartypants, name) for name in names} == before
    assert filters.widont is typography.ORIGINAL_WIDONT
    assert filters.amp is typography.ORIGINAL_AMP
    assert filters.caps is typography.ORIGINAL_CAPS


class _Recording:
    """Stands for the `re` module inside smartypants: notes each substitution
    convert_quotes() makes, pattern, flags and replacement, in order."""

    VERBOSE = re.VERBOSE

    def __init__(self):
        self.steps = []

    def sub(self, pattern, replacement, text):
        self.steps.append((re.compile(pattern), replacement))
        return re.sub(pattern, replacement, text)

    def compile(self, pattern, flags=0):
        recording = self

        class Pattern:
            def sub(self, replacement, text):
                recording.steps.append((re.compile(pattern, flags), replacement))
                return re.compile(pattern, flags).sub(replacement, text)

        return Pattern()


def test_the_quote_steps_are_convert_quotes_own(monkeypatch):
    recording = _Recording()
    monkeypatch.setattr(smartypants, "re", recording)
    typography.ORIGINAL_CONVERT_QUOTES('It\'s "quoted".')
    assert [(p.pattern, p.flags, r) for p, r in recording.steps] == [
        (p.pattern, p.flags, r) for _, p, r in typography.QUOTE_STEPS
    ]
    for marks, pattern, _ in typography.QUOTE_STEPS:
        assert marks in pattern.pattern.replace("\\", "")


def test_widont_pattern_is_typogrifys():
    source = inspect.getsource(typography.ORIGINAL_WIDONT)
    pattern = re.search(r're\.compile\(\s*r"""(.*?)""",\s*re\.VERBOSE', source, re.S)
    assert pattern.group(1) == typography.WIDONT_FINDER.pattern


def test_widont_searches_less_and_finds_the_same():
    rng = random.Random(11)
    texts = _texts()
    texts += ["".join(rng.choices(WIDONT_PIECES, k=rng.randint(1, 40))) for _ in range(20000)]
    for text in texts:
        assert typography.widont(text) == typography.ORIGINAL_WIDONT(text), text


def test_typogrify_uses_the_faster_widont(monkeypatch):
    typography.install()
    assert filters.widont is typography.widont
    text = "<h1>A headline in four words</h1>\n<p>It's the end of a line</p>"
    faster = filters.typogrify(text)
    monkeypatch.setattr(filters, "widont", typography.ORIGINAL_WIDONT)
    assert faster == filters.typogrify(text)
    assert "four&nbsp;words" in faster and "a&nbsp;line" in faster


#: What amp's and caps' patterns look for and what surrounds them.
AMP_CAPS_PIECES = [
    "a", "word", "B", "KU", "A", "2", "80", "D.", "O.", "T. ", "'", "&", "&amp;", "&#38;",
    "&nbsp;", " ", "  ", "\n", ".", "<p>", "</p>", "<kbd>", "</kbd>", "<KBD x>",
    "<script>", "</script>", "<code>", "</code>", "<em>", "</em>", '<a title="A & B">',
    "</a>", "<!-- AB & C -->", "<!-- -- AB -->", "<", ">", '<span class="caps">',
    "</span>",
]  # fmt: skip


def _amp_caps_texts() -> list[str]:
    rng = random.Random(5)
    texts = _texts()
    texts += ["".join(rng.choices(AMP_CAPS_PIECES, k=rng.randint(1, 40))) for _ in range(20000)]
    return texts


def test_amp_and_caps_skip_only_what_they_would_not_change():
    for text in _amp_caps_texts():
        assert typography.amp(text) == typography.ORIGINAL_AMP(text), text
        assert typography.caps(text) == typography.ORIGINAL_CAPS(text), text


def test_amp_and_caps_patterns_are_typogrifys():
    amp = inspect.getsource(typography.ORIGINAL_AMP)
    assert f'amp_finder = re.compile(r"{typography.AMP_FINDER.pattern}")' in amp
    caps = inspect.getsource(typography.ORIGINAL_CAPS)
    pattern = re.search(r'cap_finder = re\.compile\(\s*r"""(.*?)""",\s*re\.VERBOSE', caps, re.S)
    assert pattern.group(1) == typography.CAP_FINDER.pattern
    assert typography.CAPS_SKIPPED_TAG.pattern in caps


def test_typogrify_uses_the_faster_amp_and_caps(monkeypatch):
    typography.install()
    assert (filters.amp, filters.caps) == (typography.amp, typography.caps)
    text = '<h2>"Jayhawks" & KU fans act extremely obnoxiously</h2>'
    faster = filters.typogrify(text)
    monkeypatch.setattr(filters, "amp", typography.ORIGINAL_AMP)
    monkeypatch.setattr(filters, "caps", typography.ORIGINAL_CAPS)
    assert faster == filters.typogrify(text)
    assert '<span class="amp">&amp;</span> <span class="caps">KU</span>' in faster
