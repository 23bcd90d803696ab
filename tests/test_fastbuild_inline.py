"""Markdown with the inline patterns passed over where their text is missing
(plugins/fastbuild/inline.py) gives the same HTML as Markdown's own: on the sample
articles, on the bench corpus, on a document using every inline feature, and on
random text made of what the patterns look for, with every extension of
pelicanconf.py."""

from __future__ import annotations

import random
import sys

import markdown
import pytest
from conftest import CONTENT, ROOT
from markdown import inlinepatterns, treeprocessors
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from benchmarks.corpus import generate

sys.path.insert(0, str(ROOT / "plugins"))

from fastbuild import inline

#: Every inline feature, and the block features whose text inline patterns read.
EVERYTHING = """\
# A *heading* with `code` and a [link](/x "t")

Text with **strong**, *em*, __strong__, _em_, ***both***, a\\*literal\\* star, snake_case_word
and 2 * 3 * 4, a line that breaks here\x20\x20
and an entity &amp; &#8217; &#x2014; & a lone ampersand, <b>raw html</b>, <!-- comment -->,
an autolink <https://example.org/a?b=c>, a mail <ed@example.org>, a footnote[^1] and
an image ![alt *text*](/img.png "title"), a reference [ref][r1], a short one [r1],
an image reference ![pic][r1], a collapsed [r1][], `` code with ` inside ``, \\[escaped].

*[HTML]: HyperText Markup Language
[r1]: https://example.org/ref "Ref"
[^1]: The note, with *emphasis* and a [link](https://example.org/).

> A quote with _emphasis_ and a [link][r1].

- item **one**
- item <span>two</span>

Term
:   Definition with `code`

| a | *b* |
|---|-----|
| [c](/c) | d & e |

<div markdown="1">Inside *html* with [a link](/l)</div>

A paragraph with {: .attr } HTML and *unclosed emphasis and [unclosed link.
"""

#: What the patterns look for and what surrounds it.
PIECES = [
    "a", "word", " ", "  ", "\n", "  \n", "\n\n", "\t", "[", "]", "(", ")", "![", "[^1]",
    "[^x", "]: ", "<", ">", "<b>", "</b>", "<br/>", "<!--", "-->", "<https://x.org>",
    "<a@b.org>", "<x y=\"z\">", "&", "&amp;", "&#123;", "&#x1F;", "&nbsp", ";", "`",
    "``", "\\", "\\\\", "*", "**", "***", "_", "__", "x_y", "\"", "'", ":", "#", "-",
    "1.", ">", "HTML", "*[HTML]: Hyper\n", "[a]: /u\n", "[^1]: n\n", "{: .c }", "é",
]  # fmt: skip


def _markdown() -> markdown.Markdown:
    """Markdown as Pelican's reader makes it for our settings."""
    reader = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    return markdown.Markdown(**reader.settings["MARKDOWN"])


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CONTENT.rglob("*.md"))]
    texts += [a.body for a in generate(40, seed=4)]
    texts.append(EVERYTHING)
    rng = random.Random(11)
    texts += ["".join(rng.choices(PIECES, k=rng.randint(1, 60))) for _ in range(3000)]
    return texts


def _convert_all(converter: markdown.Markdown, texts: list[str]) -> list[str]:
    return [converter.reset().convert(text) for text in texts]


@pytest.fixture
def markdowns_own(monkeypatch):
    """Converts with InlineProcessor's own methods, whatever install() did before."""

    def convert(converter, texts):
        with monkeypatch.context() as patch:
            patch.setattr(treeprocessors.InlineProcessor, "run", inline._run)
            patch.setattr(
                treeprocessors.InlineProcessor,
                "_InlineProcessor__handleInline",
                inline._handle_inline,
            )
            return _convert_all(converter, texts)

    return convert


def test_passing_over_patterns_gives_markdowns_own_html(markdowns_own):
    inline.install()
    assert treeprocessors.InlineProcessor.run is inline.run
    converter = _markdown()
    texts = _texts()
    fast = _convert_all(converter, texts)
    own = markdowns_own(converter, texts)
    assert [(t, f) for t, f, o in zip(texts, fast, own, strict=True) if f != o] == []
    # The document of every feature did use them all.
    html = own[texts.index(EVERYTHING)]
    produced = ["<code>", "<strong>", "<em>", "<br>", "&#8217;", "<b>", "<!--", "<abbr"]
    produced += ['href="https://example.org/a?b=c"', 'href="&#109;&#97;&#105;&#108;&#116;&#111;']
    produced += ['<sup id="fnref:1">', '<img alt="pic"', 'href="https://example.org/ref"']
    assert [p for p in produced if p not in html] == []


def test_every_pattern_of_our_settings_has_its_needs_known():
    """Otherwise the speed-up is lost without anything failing."""
    converter = _markdown()
    patterns = list(converter.inlinePatterns)
    assert len(patterns) == 15
    assert all(inline.needs_of(p) for p in patterns)


def test_patterns_an_extension_adds_or_changes_are_always_tried():
    converter = _markdown()

    class OwnExpression(inlinepatterns.SimpleTagInlineProcessor):
        def getCompiledRegExp(self):
            return self.compiled_re

    assert inline.needs_of(inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del")) is None
    assert inline.needs_of(OwnExpression(inlinepatterns.LINK_RE, "x")) is None
    # Another delimiter for emphasis changes the delimiters' expression.
    converter.delimiters.add("~", "del")
    assert inline.needs_of(converter.inlinePatterns["em_strong"]) is None
    inline.install()
    assert converter.reset().convert("a ~struck~ word") == "<p>a <del>struck</del> word</p>"


def test_other_versions_are_left_as_they_are(monkeypatch):
    monkeypatch.setattr(treeprocessors.InlineProcessor, "run", inline._run)
    monkeypatch.setattr(markdown, "__version__", "3.12.0")
    inline.install()
    assert treeprocessors.InlineProcessor.run is inline._run
