"""smartypants with the converters that pass over text without their characters gives
the same text as smartypants alone: on the sample articles, on the bench corpus and
on random text made of what the converters look for."""

from __future__ import annotations

import random

import markdown
import pytest
import smartypants
from conftest import CONTENT
from fastbuild import typography

from benchmarks.corpus import generate

#: What the converters look for and what surrounds it, as random text is made of.
PIECES = [
    "a", "B", "s", "0", "80", " ", "\n", "\t", "'", '"', "-", "--", "---", ".", "...",
    ". . .", "\\", "`", "``", "''", "&nbsp;", "&#8211;", "&mdash;", "&quot;", "(", "[",
    "!", "?", ",", "<em>", "</em>", "<p>", "</p>", "<pre>", "</pre>", "<code>", "</code>",
    "<a href=\"x'y\">", "</a>", "<!-- '-' -->",
]  # fmt: skip

#: The attributes Pelican's TYPOGRIFY_DASHES settings and typogrify use, and the rest.
ATTRS = [
    smartypants.Attr.set1,
    smartypants.Attr.set1 | smartypants.Attr.w,
    smartypants.Attr.set2,
    smartypants.Attr.set3,
    smartypants.Attr.q | smartypants.Attr.B | smartypants.Attr.i | smartypants.Attr.e,
]


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
            return smartypants.smartypants(text, attr)

    return run


def test_the_converters_skip_only_what_they_would_not_change(original):
    typography.install()
    assert all(hasattr(getattr(smartypants, n), "skips_without") for n in typography.NEEDS)
    texts = _texts()
    for attr in ATTRS:
        for text in texts:
            assert smartypants.smartypants(text, attr) == original(text, attr), (attr, text)


def test_installing_twice_wraps_once():
    typography.install()
    typography.install()
    quotes = smartypants.convert_quotes
    assert not hasattr(quotes.__wrapped__, "skips_without")


def test_another_smartypants_version_is_left_as_it_is(monkeypatch):
    monkeypatch.setattr(smartypants, "__version__", "3.0")
    for name in typography.NEEDS:
        monkeypatch.setattr(smartypants, name, lambda text: text)
    before = {name: getattr(smartypants, name) for name in typography.NEEDS}
    typography.install()
    assert {name: getattr(smartypants, name) for name in typography.NEEDS} == before
