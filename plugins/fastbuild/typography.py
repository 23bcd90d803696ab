"""smartypants' converters pass over text that holds none of the characters they change.

Typogrify runs smartypants on every article, title and summary, and smartypants runs
each run of text between two tags through a score of regular expressions: escapes,
dashes, ellipses and, the costliest, quotes (fourteen searches). Most runs are the
whitespace between two block tags or a link's few words, with no quotation mark,
backslash, hyphen or full stop in them, and every one of those searches finds
nothing. Every pattern of a converter needs its character(s) to match, so a run
without them comes back unchanged: skipping the converter gives the very same text.
Typogrify costs twice what Markdown does on an article (9.3 against 4.8 CPU-s for
the 4,000 bodies of the bench corpus), smartypants half of that; this makes
smartypants about 40 % cheaper on the bench corpus, whose paragraphs have apostrophes
and quotes as prose does (benchmarks/corpus.py).

The characters were read from smartypants' source, so the wrappers go in only for
the version they were read from (requirements.txt pins it); any other leaves
smartypants as it is. tests/test_fastbuild_typography.py compares the two on real
articles and on random text.
"""

from __future__ import annotations

from functools import wraps

import smartypants

#: The version whose patterns NEEDS was read from.
VERIFIED_VERSION = "2.0.2"

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


def install() -> None:
    """Wrap the converters (once; smartypants() looks them up as module globals)."""
    if getattr(smartypants, "__version__", None) != VERIFIED_VERSION:
        return
    for name, characters in NEEDS.items():
        convert = getattr(smartypants, name)
        if not hasattr(convert, "skips_without"):
            setattr(smartypants, name, _only_with(characters, convert))
