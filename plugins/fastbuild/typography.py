"""Typogrify's filters, the same text for less work.

Typogrify runs smartypants on every article, title and summary, and smartypants runs
each run of text between two tags through a score of regular expressions: escapes,
dashes, ellipses and, the costliest, quotes (fourteen searches). Most runs are the
whitespace between two block tags or a link's few words, with no quotation mark,
backslash, hyphen or full stop in them, and every one of those searches finds
nothing. Every pattern of a converter needs its character(s) to match, so a run
without them comes back unchanged: skipping the converter gives the very same text.
Typogrify costs twice what Markdown does on an article (9.1 against 4.8 CPU-s for
the 4,000 bodies of the bench corpus), smartypants half of that; this makes
smartypants about 40 % cheaper on the bench corpus, whose paragraphs have apostrophes
and quotes as prose does (benchmarks/corpus.py).

Typogrify's widont (a no-break space between the last two words of each paragraph,
heading and list item) searches its pattern at every character of the article, two
CPU-s for 4,000 of them. Every match ends at a closing p, h1-h6, li, dt or dd tag (or
the end of the text), and is made of one character or inline tag, spaces, the last
word and closing inline tags: so the text is cut after each such tag, and each piece
is searched from where a match can begin, with typogrify's own pattern: 0.28 CPU-s
instead of 1.95. With both, typogrify takes 5.3 CPU-s instead of 9.1 on the 4,000
bodies.

The characters and patterns were read from the sources of the versions pinned in
requirements.txt; the wrappers go in only for those, any other version is left as it
is. tests/test_fastbuild_typography.py compares each with the library's own function
on real articles and on random text.
"""

from __future__ import annotations

import re
from functools import wraps

import smartypants
import typogrify
from typogrify import filters

#: The versions whose patterns NEEDS and widont() were read from.
SMARTYPANTS_VERIFIED_VERSION = "2.0.2"
TYPOGRIFY_VERIFIED_VERSION = "2.1.0"

#: Converter -> the characters one of which every one of its patterns must find.
NEEDS = {
    "process_escapes": "\\",
    "convert_dashes": "-",
    "convert_dashes_oldschool": "-",
    "convert_dashes_oldschool_inverted": "-",
    "convert_ellipses": ".",
    "convert_backticks": "`'",
    "convert_single_backticks": "`'",
    "convert_quotes": "'\"",
}


def _only_with(characters: str, convert):
    @wraps(convert)
    def converting_only_with(text):
        for character in characters:
            if character in text:
                return convert(text)
        return text

    converting_only_with.skips_without = characters
    return converting_only_with


#: typogrify's widont() before install(), for the tests to compare with.
ORIGINAL_WIDONT = filters.widont
#: The pattern typogrify's widont() compiles on every call, as it writes it.
WIDONT_FINDER = re.compile(
    r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s]) # must be proceeded by an approved inline opening or closing tag or a nontag/nonspace
                                   \s+                                             # the space to replace
                                   ([^<>\s]+                                       # must be flollowed by non-tag non-space characters
                                   \s*                                             # optional white space!
                                   (</(a|em|span|strong|i|b)>\s*)*                 # optional closing inline tags with optional white space after each
                                   ((</(p|h[1-6]|li|dt|dd)>)|$))                   # end with a closing p, h1-6, li or the end of the string
                                   """,  # noqa: E501 - typogrify's own text
    re.VERBOSE,
)
#: Where a piece of text ends for widont: a match ends there (or at the very end).
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
#: Closing inline tags widont's pattern allows between the last word and the block's end.
INLINE_ENDS = ("</a>", "</em>", "</span>", "</strong>", "</i>", "</b>")


def _first_possible(text: str, start: int, end: int) -> int | None:
    """Where in text[start:end] (a piece ending with a block's end, or the text's) a
    match of widont's pattern can begin at the earliest; None when none can.

    Going back from the end: spaces and closing inline tags, the last word (no space,
    no < or >), the spaces before it, then one character or an inline tag (which holds
    no > but its last); the tag begins after the > before it, if any."""
    i = end
    while i > start:  # spaces and closing inline tags
        if text[i - 1].isspace():
            i -= 1
        elif text[i - 1] == ">" and (
            tag := next((t for t in INLINE_ENDS if text.endswith(t, start, i)), None)
        ):
            i -= len(tag)
        else:
            break
    word_end = i
    while i > start and text[i - 1] not in "<>" and not text[i - 1].isspace():
        i -= 1
    if i == word_end:
        return None
    spaces_end = i
    while i > start and text[i - 1].isspace():
        i -= 1
    if i in (spaces_end, start):
        return None
    if text[i - 1] != ">":
        return i - 1
    return text.rfind(">", start, i - 1) + 1 or start


def widont(text: str) -> str:
    """typogrify.filters.widont(text), searching only where a match can be."""
    finder = WIDONT_FINDER
    pieces, start = [], 0
    for block_end in (*BLOCK_END.finditer(text), None):
        stop = block_end.end() if block_end else len(text)
        tail = block_end.start() if block_end else len(text)
        first = _first_possible(text, start, tail)
        if first is None:
            pieces.append(text[start:stop])
        else:
            pieces += (text[start:first], finder.sub(r"\1&nbsp;\2", text[first:stop]))
        start = stop
    return "".join(pieces)


def install() -> None:
    """Wrap the converters (once; smartypants() looks them up as module globals) and
    put widont() in typogrify's place (applyfilters() looks it up the same way)."""
    if getattr(smartypants, "__version__", None) == SMARTYPANTS_VERIFIED_VERSION:
        for name, characters in NEEDS.items():
            convert = getattr(smartypants, name)
            if not hasattr(convert, "skips_without"):
                setattr(smartypants, name, _only_with(characters, convert))
    if getattr(typogrify, "__version__", None) == TYPOGRIFY_VERIFIED_VERSION:
        filters.widont = widont
