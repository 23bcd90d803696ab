"""Typogrify's filters, the same text for less work.

Typogrify runs smartypants on every article, title and summary, and smartypants runs
each run of text between two tags through a score of regular expressions: escapes,
dashes, ellipses and, the costliest, quotes (fourteen searches). Most runs are the
whitespace between two block tags or a link's few words, with no quotation mark,
backslash, hyphen or full stop in them, and every one of those searches finds
nothing. Every pattern of a converter needs its character(s) to match, so a run
without them comes back unchanged: skipping the converter gives the very same text.
Quotes go further: each of their fourteen substitutions is skipped when its quotation
mark is not (or no longer) in the run, so a run with apostrophes and no double quotes
makes six searches, not fourteen (convert_quotes()). Typogrify cost twice what
Markdown does on an article (9.1 against 4.8 CPU-s for the 4,000 bodies of the bench
corpus, whose paragraphs have apostrophes and quotes as prose does); smartypants alone
went from 4.9 to 1.6 CPU-s.

Typogrify's widont (a no-break space between the last two words of each paragraph,
heading and list item) searches its pattern at every character of the article, two
CPU-s for 4,000 of them. Every match ends at a closing p, h1-h6, li, dt or dd tag (or
the end of the text), and is made of one character or inline tag, spaces, the last
word and closing inline tags: so the text is cut after each such tag, and each piece
is searched from where a match can begin, with typogrify's own pattern: 0.28 CPU-s
instead of 1.95.

Its amp and caps cut the text at its tags and search each run between them (one
Python call a run for amp): amp() looks only when an ampersand stands between
spaces somewhere in the text, caps() only in runs with two capitals close together
(0.5 and 0.95 CPU-s before, for 4,000 bodies without ampersands or acronyms; a run
with an acronym is searched as before). All together typogrify takes 2.5 CPU-s
instead of 9.1 on the 4,000 bodies.

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

#: The versions whose patterns NEEDS, QUOTE_STEPS, widont(), amp() and caps() were
#: read from.
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


#: smartypants' own convert_quotes(), for the tests to compare with.
ORIGINAL_CONVERT_QUOTES = smartypants.convert_quotes
# What follows is convert_quotes()'s text, its substitutions in its order, as written.
punct_class = r"""[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]"""
close_class = r'[^\ \t\r\n\[\{\(\-]'  # fmt: skip
dec_dashes = '&#8211;|&#8212;'  # fmt: skip
#: Its opening single and double quote patterns, the same but for the quotation mark.
opening = r"""
            (
                \s          |   # a whitespace char, or
                &nbsp;      |   # a non-breaking space entity, or
                --          |   # dashes, or
                &[mn]dash;  |   # named dash entities
                %s          |   # or decimal entities
                &\#x201[34];    # or hex
            )
            %s                 # the quote
            (?=\w)            # followed by a word character
            """
#: (what every match of the pattern holds: its quotation mark(s); the pattern; its
#: replacement).
QUOTE_STEPS = (
    ("'", re.compile(r"""^'(?=%s\\B)""" % (punct_class,)), '&#8217;'),  # noqa: UP031 - smartypants' own text
    ('"', re.compile(r"""^"(?=%s\\B)""" % (punct_class,)), '&#8221;'),  # noqa: UP031 - smartypants' own text
    ("\"'", re.compile(r""""'(?=\w)"""), '&#8220;&#8216;'),
    ("'\"", re.compile(r"""'"(?=\w)"""), '&#8216;&#8220;'),
    ("'", re.compile(r"""\b'(?=\d{2}s)"""), '&#8217;'),
    ("'", re.compile(opening % (dec_dashes, "'"), re.VERBOSE), r'\1&#8216;'),
    ("'", re.compile(r"""
            (%s)
            '
            (?!\s | s\b | \d)
            """ % (close_class,), re.VERBOSE), r'\1&#8217;'),  # noqa: UP031 - smartypants' own text
    ("'", re.compile(r"""
            (%s)
            '
            (\s | s\b)
            """ % (close_class,), re.VERBOSE), r'\1&#8217;\2'),  # noqa: UP031 - smartypants' own text
    ("'", re.compile("'"), '&#8216;'),
    ('"', re.compile(opening % (dec_dashes, '"'), re.VERBOSE), r'\1&#8220;'),
    ('"', re.compile(r"""
            #(%s)?   # character that indicates the quote should be closing
            "
            (?=\s)
            """ % (close_class,), re.VERBOSE), '&#8221;'),  # noqa: UP031 - smartypants' own text
    ('"', re.compile(r"""
            ^
            "
            (?=%s)
            """ % (punct_class,), re.VERBOSE), '&#8221;'),  # noqa: UP031 - smartypants' own text
    ('"', re.compile(r"""
            (%s)   # character that indicates the quote should be closing
            "
            """ % (close_class,), re.VERBOSE), r'\1&#8221;'),  # noqa: UP031 - smartypants' own text
    ('"', re.compile('"'), '&#8220;'),
)  # fmt: skip
del punct_class, close_class, dec_dashes, opening


def convert_quotes(text: str) -> str:
    """smartypants.convert_quotes(text), without the searches that cannot find
    anything: every match of a pattern holds its quotation mark(s), and no replacement
    brings a mark back, so a step whose mark is not (or no longer) in the text changes
    nothing. A run of prose with apostrophes and no double quotes skips eight of the
    fourteen, and none compiles its pattern again."""
    for marks, pattern, replacement in QUOTE_STEPS:
        if marks in text:
            text = pattern.sub(replacement, text)
    return text


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


#: typogrify's own amp() and caps(), for the tests to compare with.
ORIGINAL_AMP = filters.amp
ORIGINAL_CAPS = filters.caps
#: The pattern typogrify's amp() looks for in each run of text between two tags.
AMP_FINDER = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")


def amp(text: str) -> str:
    """typogrify.filters.amp(text), only when there is an ampersand to wrap: amp()
    cuts the text at its tags and rewrites each run with AMP_FINDER, one Python call a
    run; a run is part of the text, so when the pattern finds nothing in the whole
    text (no ampersand between spaces, as in most columns) every run comes back as it
    was."""
    return ORIGINAL_AMP(text) if "&" in text and AMP_FINDER.search(text) else text


#: The pattern typogrify's caps() compiles on every call, as it writes it.
CAP_FINDER = re.compile(
    r"""(
                            (\b[A-Z\d]*        # Group 2: Any amount of caps and digits
                            [A-Z]\d*[A-Z]      # A cap string much at least include two caps (but they can have digits between them)
                            [A-Z\d']*\b)       # Any amount of caps and digits or dumb apostsrophes
                            | (\b[A-Z]+\.\s?   # OR: Group 3: Some caps, followed by a '.' and an optional space
                            (?:[A-Z]+\.\s?)+)  # Followed by the same thing at least once more
                            (?:\s|\b|$))
                            """,  # noqa: E501 - typogrify's own text
    re.VERBOSE,
)
#: What every match of CAP_FINDER holds: two capitals with digits, or a full stop and
#: a space, between them (its two alternatives: AB, A2B, A.B, A. B).
CAP_CANDIDATE = re.compile(r"[A-Z](?:\d*|\.\s?)[A-Z]")
#: caps() leaves the text after an opening kbd or script tag alone.
CAPS_SKIPPED_TAG = re.compile("<(/)?(?:kbd|script)[^>]*>", re.IGNORECASE)


def _cap_wrapper(matchobj):
    """typogrify's own: dotted capitals keep the space after them out of the span."""
    if matchobj.group(2):
        return f'<span class="caps">{matchobj.group(2)}</span>'
    dotted = matchobj.group(3)
    if dotted[-1] == " ":
        return f'<span class="caps">{dotted[:-1]}</span> '
    return f'<span class="caps">{dotted}</span>'


def caps(text: str) -> str:
    """typogrify.filters.caps(text), searching CAP_FINDER only in runs of text that
    hold a CAP_CANDIDATE, and not at all in a text without one (a column of ordinary
    sentences): its pattern tries every word boundary, a CAP_CANDIDATE search is a
    scan for two capitals."""
    if not CAP_CANDIDATE.search(text):
        return text
    result = []
    in_skipped_tag = False
    for kind, token in smartypants._tokenize(text):
        if kind == "tag":
            result.append(token)
            close_match = CAPS_SKIPPED_TAG.match(token)
            in_skipped_tag = bool(close_match and close_match.group(1) is None)
        elif in_skipped_tag or not CAP_CANDIDATE.search(token):
            result.append(token)
        else:
            result.append(CAP_FINDER.sub(_cap_wrapper, token))
    return "".join(result)


def install() -> None:
    """Wrap the converters (once; smartypants() looks them up as module globals), put
    convert_quotes() in smartypants' place, and widont(), amp() and caps() in
    typogrify's (applyfilters() looks them up the same way)."""
    if getattr(smartypants, "__version__", None) == SMARTYPANTS_VERIFIED_VERSION:
        for name, characters in NEEDS.items():
            convert = getattr(smartypants, name)
            if not hasattr(convert, "skips_without"):
                setattr(smartypants, name, _only_with(characters, convert))
        smartypants.convert_quotes = convert_quotes
    if getattr(typogrify, "__version__", None) == TYPOGRIFY_VERIFIED_VERSION:
        filters.widont, filters.amp, filters.caps = widont, amp, caps
