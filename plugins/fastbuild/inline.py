"""Markdown's inline patterns, tried only on text that holds what they look for.

Python-Markdown turns each run of text (a paragraph, a heading, a list item, the
words inside an emphasis) into inline elements by trying its inline patterns on it
one after the other (InlineProcessor.__handleInline): fifteen with our extensions, and
for each a method call, a look-up in the pattern registry by position (which checks
that the registry is sorted and then finds the pattern by name) and a regular
expression scan. Every one of those expressions needs some text that the prose of a
column seldom holds: "[" for the links and references, "![" for images, "<" for raw
HTML and autolinks, "&" for entities, a backtick, a backslash, "*" or "_", two spaces
before a line break. Where a run of text holds none of a pattern's, its expression
finds nothing, and Markdown goes on to the next pattern with the text as it was: the
pattern is passed over here without being tried, which gives the very same HTML.
Bodies of the bench corpus with every extension of pelicanconf.py: 790 µs each
instead of 1,300 (Markdown was 4.5 of the 12 CPU-s of converting 4,000 articles).

What a pattern needs is read from its expression, so a pattern is passed over only
when its compiled expression is one of NEEDS' keys, word for word, and its class
finds its matches with that expression (Pattern.getCompiledRegExp, not its own): a
pattern an extension adds or changes (another delimiter for emphasis, its own
expression under a known name) is tried on every text as before. The expressions
were read from Markdown 3.11.3, pinned in requirements.txt, and the wrapper goes in
only for that version. tests/test_fastbuild_inline.py converts real articles and
random text made of what the patterns look for both ways.
"""

from __future__ import annotations

from functools import wraps

import markdown
from markdown import inlinepatterns, treeprocessors, util

#: The version whose patterns NEEDS was read from.
MARKDOWN_VERIFIED_VERSION = "3.11.3"

#: A pattern's expression -> the texts one of which is in every text it can match.
NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    r"\[\^([^\]]*)\]": ("[^",),  # footnotes' reference
    inlinepatterns.REFERENCE_RE: ("[",),  # also LINK_RE, the same expression
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong: the delimiters
}

_handle_inline = treeprocessors.InlineProcessor._InlineProcessor__handleInline
_run = treeprocessors.InlineProcessor.run
_own_expression = inlinepatterns.Pattern.getCompiledRegExp


def needs_of(pattern) -> tuple[str, ...] | None:
    """What `pattern` needs in a text to match in it, or None when that is not known."""
    if type(pattern).getCompiledRegExp is not _own_expression:
        return None
    compiled = getattr(pattern, "compiled_re", None)
    return NEEDS.get(getattr(compiled, "pattern", None))


@wraps(_run)
def run(self, tree, ancestors=None):
    """InlineProcessor.run, with the patterns and their needs listed for this document
    (no extension registers a pattern while a document is converted)."""
    outer = getattr(self, "fastbuild_patterns", None)  # a run inside a run keeps its own
    self.fastbuild_patterns = [(p, needs_of(p)) for p in self.inlinePatterns]
    try:
        return _run(self, tree, ancestors)
    finally:
        self.fastbuild_patterns = outer


def handle_inline(self, data: str, index: int = 0) -> str:
    """InlineProcessor.__handleInline, passing over the patterns whose needs `data` lacks."""
    patterns = getattr(self, "fastbuild_patterns", None)
    if patterns is None:
        return _handle_inline(self, data, index)
    if not isinstance(data, util.AtomicString):
        apply = self._InlineProcessor__applyPattern
        start = 0
        while index < len(patterns):
            pattern, needs = patterns[index]
            if needs is not None and not any(text in data for text in needs):
                matched, start = False, 0  # what trying it would have returned
            else:
                data, matched, start = apply(pattern, data, index, start)
            if not matched:
                index += 1
    return data


def install() -> None:
    if markdown.__version__ == MARKDOWN_VERIFIED_VERSION:
        treeprocessors.InlineProcessor.run = run
        treeprocessors.InlineProcessor._InlineProcessor__handleInline = handle_inline
