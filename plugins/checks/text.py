"""Copy-desk rules on the words themselves: a sentence or paragraph printed twice
(the reference page's slip: one sentence, twice in a row, joined by a comma),
a doubled word ("the the"), and editing marks left in the copy (TK, TODO...).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from .findings import Finding
from .source import Document

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Inline Markdown reduced to the words a reader sees.
INLINE_CODE_RE = re.compile(r"`[^`]*`")
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]]+\]:?")
TAG_RE = re.compile(r"<[^>]+>")
URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")
BLOCK_PREFIX_RE = re.compile(r"^\s*(?:>\s?)+|^\s*(?:[-*+]|\d+[.)])\s+|^\s*#{1,6}\s+")
EMPHASIS_RE = re.compile(r"[*_]{1,3}")
# Sentence ends: . ! ? (and a closing quote or bracket), then space and a capital/quote/digit;
# group 1 is the mark, group 2 the gap between two sentences. The mark is matched, not looked
# behind for, so the regex engine skips straight to the next mark instead of trying every
# character. Both are groups so that SENTENCE_END_RE.split() returns every character, in
# pieces whose lengths add up to each sentence's offset.
SENTENCE_END_RE = re.compile(r"([.!?])([\"'”’)\]]*\s+)(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
CLAUSE_END = " .!?\"'”’)]*_"
#: What separates two clauses. _clauses() splits as this does, several times faster: a
#: pattern that starts with \s* is tried at every character.
CLAUSE_SPLIT_RE = re.compile(r"\s*[,;:]\s+|\s+[—–]\s+")
#: A separator from its mark on: the regex engine skips straight to the next mark.
CLAUSE_TAIL_RE = re.compile(r"[,;:—–]\s+")
#: The marks of every separator: most paragraphs have none, and `in` tells sooner.
CLAUSE_MARKS = (",", ";", ":", "—", "–")
NOT_WORD_RE = re.compile(r"[\W\d_]+")
DOUBLED_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+)(\s+)(\1)(?![\w'’-])", re.IGNORECASE)
LETTERS_RE = re.compile(r"[^\W\d_]+")
#: Not letters, and with "’" the only characters outside ASCII in most English prose.
#: With them as spaces (what NOT_WORD_RE makes of them) and "’" as "'", most paragraphs
#: are ASCII, where a byte translation table does what NOT_WORD_RE does, twenty times
#: faster, and keeps every character where it was, so one pass serves every sentence.
TYPOGRAPHY = ("‘", "“", "”", "—", "–", "…", "\u00a0")
#: Letters lowered (ASCII has no uneven lowering), apostrophes kept (words() drops them,
#: _may_double splits on them), everything else a space.
ASCII_LETTERS = bytes(
    ord(chr(c).lower()) if c < 128 and chr(c).isalpha() else c if chr(c) == "'" else 32
    for c in range(256)
)
#: ASCII_LETTERS, but "\0", what _sentence_keys() puts between two sentences, stays.
SENTENCE_LETTERS = b"\0" + ASCII_LETTERS[1:]
#: What _nothing_twice() deletes: every ASCII character but the letters and the "\0" and
#: "\1" it puts between two sentences and two paragraphs.
NOT_LETTERS = bytes(c for c in range(2, 128) if not chr(c).isalpha())
#: ASCII_LETTERS, but "\0" and "\1" stay.
MARKED_LETTERS = b"\0\1" + ASCII_LETTERS[2:]
#: Where str.lower() is not the character-by-character lowering DOUBLED_RE compares
#: with: "İ" lowers to two characters, "Σ" depends on the letters around it.
UNEVEN_LOWER = ("İ", "Σ")


@dataclass(frozen=True)
class Paragraph:
    line: int  # first line
    text: str  # words as read, lines joined by "\n" (so offsets give line numbers)
    table: bool = False
    _letters: object = field(default=None, init=False, repr=False, compare=False)

    @property
    def letters(self) -> str | None:
        """The text with only its letters (lowered: every reader compares them so) and
        apostrophes ("’" as "'"), the rest spaces, offset for offset; None when the text
        is not ASCII once TYPOGRAPHY is spaces. Worked out on first use, as most
        paragraphs are only read as part of their document's whole text (_nothing_twice,
        _no_word_twice); not a functools.cached_property, which (Python 3.11) takes a
        lock on each first read."""
        letters = self._letters
        if letters is None:
            letters = _letters(self.text)
            letters = _NO_LETTERS if letters is None else letters
            object.__setattr__(self, "_letters", letters)
        return None if letters is _NO_LETTERS else letters

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)


#: Paragraph._letters of a text that is not ASCII (None means "not worked out yet").
_NO_LETTERS = object()


def _letters(text: str) -> str | None:
    """Paragraph.letters."""
    text = _ascii(text)
    return None if text is None else text.encode("ascii").translate(ASCII_LETTERS).decode()


def _ascii(text: str) -> str | None:
    """The text with "’" as "'" and TYPOGRAPHY as spaces, or None if it is still not ASCII.
    ASCII text has none of them to replace."""
    if not text.isascii():
        text = text.replace("’", "'")
        for mark in TYPOGRAPHY:
            text = text.replace(mark, " ")
        if not text.isascii():
            return None
    return text


def plain(line: str) -> str:
    """One line of Markdown as the reader sees it (markup, links' URLs, tags removed).

    Each substitution runs only when the line holds a character its pattern needs:
    most lines of prose have no markup, and a regex scan costs more than `in`. A block
    prefix starts with a space or a mark, never with a letter, as most lines do."""
    if not line[:1].isalpha():
        match = BLOCK_PREFIX_RE.match(line)  # anchored at the start: at most one match
        if match:
            line = line[match.end() :]
    if "`" in line:
        line = INLINE_CODE_RE.sub(" ", line)
    if "[" in line:
        if "![" in line:
            line = IMAGE_RE.sub(r"\1", line)
        line = LINK_RE.sub(r"\1", line)
        if "[^" in line:
            line = FOOTNOTE_REF_RE.sub("", line)
    if "<" in line:
        line = TAG_RE.sub(" ", line)
    if "://" in line or "www." in line:
        line = URL_RE.sub(" ", line)
    if "*" in line or "_" in line:
        line = EMPHASIS_RE.sub("", line)
    return line


def prose_lines(numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The lines outside fenced code blocks. A fence starts with a space, ` or ~, never
    with a letter, as most lines do."""
    fence = None
    for number, line in numbered:
        match = None if line[:1].isalpha() else FENCE_RE.match(line)
        if fence:
            if match and match.group(1)[0] == fence:
                fence = None
            continue
        if match:
            fence = match.group(1)[0]
            continue
        yield number, line


def prose(doc: Document) -> list[tuple[int, str]]:
    """prose_lines() of the document's body, worked out once: paragraphs, links, block
    quotes and editing marks all read it. A body without three backticks or three tildes
    in a row has no fence, so all of it is prose (most articles: one `in` for the body
    instead of a test a line)."""
    if "prose" not in doc.derived:
        body = doc.body
        whole = "\n".join(doc.lines[doc.body_start - 1 :])
        fenced = "```" in whole or "~~~" in whole
        doc.derived["prose"] = list(prose_lines(body)) if fenced else body
    return doc.derived["prose"]


def paragraphs(doc: Document) -> list[Paragraph]:
    if "paragraphs" not in doc.derived:
        doc.derived["paragraphs"] = _paragraphs(doc)
    return doc.derived["paragraphs"]


def _paragraphs(doc: Document) -> list[Paragraph]:
    found: list[Paragraph] = []
    first = 0  # line number of the paragraph being read
    lines: list[str] = []
    for number, line in prose(doc):
        stripped = line.strip()
        if stripped and stripped != ">":
            if not lines:
                first = number
            lines.append(line)
        elif lines:
            found.append(_paragraph(first, lines))
            lines = []
    if lines:
        found.append(_paragraph(first, lines))
    return found


def _paragraph(first: int, lines: list[str]) -> Paragraph:
    # `in` first: most paragraphs have no "|" at all.
    table = "|" in lines[0] and all(line.lstrip().startswith("|") for line in lines)
    return Paragraph(first, "\n".join(map(plain, lines)), table)


def words(text: str) -> list[str]:
    """Same words, same order: what counts as "the same sentence"."""
    return NOT_WORD_RE.sub(" ", text.replace("’", "").replace("'", "")).casefold().split()


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence starts and ends (its mark in, the gap after it out).

    One SENTENCE_END_RE.split() and sums of the pieces' lengths, all in C: cheaper than
    a loop over match objects, two method calls a sentence."""
    pieces = SENTENCE_END_RE.split(text)  # sentence, mark, gap, sentence, ..., the rest
    bounds = list(accumulate(map(len, pieces), initial=0))
    starts, ends = bounds[0::3], bounds[2::3]  # the rest starts at starts[-1]
    if pieces[-1].strip():
        ends.append(len(text))
    else:
        starts.pop()
    return starts, ends


def _words_of(paragraph: Paragraph, starts: list[int], ends: list[int]) -> list[list[str]]:
    """words() of each sentence, from `letters` when the paragraph has them (it is lowered,
    casefold() is lower() in ASCII, and NOT_WORD_RE's work is done)."""
    letters = paragraph.letters
    if letters is None:
        text = paragraph.text
        return [words(text[start:end]) for start, end in zip(starts, ends, strict=True)]
    spans = [letters[start:end] for start, end in zip(starts, ends, strict=True)]
    if "'" in letters:
        spans = [span.replace("'", "") for span in spans]
    return list(map(str.split, spans))


def _sentence_keys(paragraph: Paragraph) -> list[str]:
    r"""The words() of each sentence, joined by spaces: what repeats() compares.

    In ASCII, a few passes over the whole paragraph instead of several calls a sentence:
    SENTENCE_END_RE.sub() puts a "\0" in place of every sentence end (a mark and the gap
    after it, neither with a letter), SENTENCE_LETTERS makes `letters` of the rest and
    keeps the "\0"s, halving the runs of spaces leaves one between two words, and a
    split() at the "\0"s cuts the words into sentences. A paragraph with a "\0" of its
    own, or not ASCII, takes _words_of().
    """
    text = paragraph.text
    if paragraph.letters is None or "\0" in text:
        starts, ends = _sentence_bounds(text)
        return list(map(" ".join, _words_of(paragraph, starts, ends)))
    if not text or text.isspace():
        return []  # no sentence; after a sentence end the rest is never blank
    marked = _ascii(SENTENCE_END_RE.sub(" \0 ", text))
    assert marked is not None  # the text was ASCII once TYPOGRAPHY was spaces
    letters = marked.encode("ascii").translate(SENTENCE_LETTERS, b"'").decode()
    while "  " in letters:
        letters = letters.replace("  ", " ")
    return list(map(str.strip, letters.split("\0")))


def quote(text: str, words: int = 8) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def repeats(doc: Document, min_words: int) -> Iterator[Finding]:
    """A paragraph, a sentence of at least `min_words` words, or a clause within a sentence
    printed twice.

    Most documents repeat no sentence and no paragraph, which _nothing_twice() tells
    for the whole text at once: only a clause twice in a row is left to look for.
    The others are read paragraph by paragraph (_repeated()).
    """
    prose_paragraphs = [paragraph for paragraph in paragraphs(doc) if not paragraph.table]
    whole = "\1".join(paragraph.text for paragraph in prose_paragraphs)
    if min_words < 1 or not _nothing_twice(whole, len(prose_paragraphs)):
        yield from _repeated(doc, prose_paragraphs, min_words)
    elif any(map(whole.__contains__, CLAUSE_MARKS)):
        for paragraph in prose_paragraphs:
            yield from _clauses_twice(doc, paragraph, min_words)


def _clauses_twice(doc: Document, paragraph: Paragraph, min_words: int) -> Iterator[Finding]:
    text = paragraph.text
    # A sentence cannot hold a separator the whole paragraph does not have.
    if any(map(text.__contains__, CLAUSE_MARKS)):
        for start, end in zip(*_sentence_bounds(text), strict=True):
            yield from _twice_in_a_row(doc, paragraph, start, end, min_words)


def _repeated(
    doc: Document, prose_paragraphs: list[Paragraph], min_words: int
) -> Iterator[Finding]:
    """repeats(), paragraph by paragraph.

    Most paragraphs repeat no sentence and have no clause separator: their sentences'
    keys are checked and stored as one set, and no sentence is looked at on its own.
    For that `seen_sentences` holds the short sentences too: a key has the same number
    of words wherever it is, so a short one never stands for a long one; a paragraph
    with any sentence seen before, short or long, is read sentence by sentence, as its
    findings interleave. Lines are counted only for findings: `seen_sentences` keeps
    the paragraph where a sentence first appeared, and _first() finds it there again.
    """
    seen_paragraphs: dict[str, int] = {}
    seen_sentences: dict[str, Paragraph] = {}
    for paragraph in prose_paragraphs:
        keys = _sentence_keys(paragraph)
        key = " ".join(filter(None, keys))
        if key in seen_paragraphs and _count(key) >= min_words:
            yield doc.finding(
                "repeated-paragraph",
                paragraph.line,
                f"this paragraph repeats the one on line {seen_paragraphs[key]} "
                f'("{quote(paragraph.text)}"): delete one of them',
            )
            continue
        seen_paragraphs.setdefault(key, paragraph.line)
        firsts = dict.fromkeys(keys, paragraph)
        if len(firsts) == len(keys) and seen_sentences.keys().isdisjoint(firsts):
            seen_sentences.update(firsts)
            yield from _clauses_twice(doc, paragraph, min_words)
            continue
        text = paragraph.text
        may_split = any(map(text.__contains__, CLAUSE_MARKS))
        starts, ends = _sentence_bounds(text)
        for start, end, key in zip(starts, ends, keys, strict=True):
            if may_split:
                yield from _twice_in_a_row(doc, paragraph, start, end, min_words)
            first = seen_sentences.get(key)
            if first is None:
                seen_sentences[key] = paragraph
            elif _count(key) >= min_words:
                yield doc.finding(
                    "repeated-sentence",
                    paragraph.line_at(start),
                    f"this sentence already appears on line {first.line_at(_first(first, key))}"
                    f' ("{quote(text[start:end])}"): delete one of them',
                )


def _nothing_twice(whole: str, count: int) -> bool:
    r"""Whether no sentence and no paragraph of a document's prose (tables left out:
    the text of its `count` paragraphs joined by "\1") is there twice, as repeats()
    compares them; False also when this cannot tell.

    Most documents repeat nothing, and this answers for all their paragraphs at once,
    in a few passes over their text joined by "\1" (no sentence end reaches past one:
    it is neither a space nor a capital), where _sentence_keys() makes several calls a
    paragraph. The keys compared are the letters alone, without the spaces between
    words: two the same as words are the same so, and two that only look alike so
    ("a b" and "ab") send the document the paragraph by paragraph way. A paragraph's
    key is its words, however its sentences divide them: "A b. C." and "A. B c."
    repeat no sentence, but a paragraph. Keys without a letter never make a finding.
    Text that is not ASCII, or that holds a "\0" or "\1" itself, goes the paragraph by
    paragraph way.
    """
    if "\0" in whole or whole.count("\1") != max(count - 1, 0):
        return False
    marked = _ascii(SENTENCE_END_RE.sub("\0", whole))
    if marked is None:
        return False
    letters = marked.encode("ascii").translate(MARKED_LETTERS, NOT_LETTERS)
    sentences = letters.replace(b"\1", b"\0").split(b"\0")
    return _distinct(sentences) and _distinct(letters.replace(b"\0", b"").split(b"\1"))


def _distinct(keys: list[bytes]) -> bool:
    keys = list(filter(None, keys))
    return len(set(keys)) == len(keys)


def _count(key: str) -> int:
    """How many words a _sentence_keys() key has."""
    return key.count(" ") + 1 if key else 0


def _first(paragraph: Paragraph, key: str) -> int:
    """Where the paragraph's first sentence with `key` starts."""
    starts, _ = _sentence_bounds(paragraph.text)
    return starts[_sentence_keys(paragraph).index(key)]


def _twice_in_a_row(
    doc: Document, paragraph: Paragraph, start: int, end: int, min_words: int
) -> Iterator[Finding]:
    """The same clause twice within one sentence: "It closed on Friday, it closed on Friday."."""
    sentence = paragraph.text[start:end]
    clauses = _clauses(sentence)
    if len(clauses) < 2:
        return
    keys = [" ".join(clause.casefold().strip(CLAUSE_END).split()) for clause in clauses]
    if not any(map(operator.eq, keys, keys[1:])):
        return  # most sentences: no positions to find
    previous = None
    position = 0
    for clause, key in zip(clauses, keys, strict=True):
        position = sentence.find(clause, position)
        if previous == key and len(key.split()) >= min_words:
            yield doc.finding(
                "repeated-sentence",
                paragraph.line_at(start + position),
                f'the same words twice in a row ("{quote(clause)}"): delete the repetition',
            )
        previous = key


def _clauses(sentence: str) -> list[str]:
    """CLAUSE_SPLIT_RE.split(sentence), from CLAUSE_TAIL_RE's matches.

    A separator is a mark, the spaces after it, and the spaces before it back to where
    the previous separator ended (at least one before a dash): the leftmost match of
    CLAUSE_SPLIT_RE starts where those spaces do. A match of CLAUSE_TAIL_RE holds no
    other mark, so skipping one that is not a separator hides none that is.
    """
    clauses = []
    last = 0  # where the previous separator ended
    for match in CLAUSE_TAIL_RE.finditer(sentence):
        start = mark = match.start()
        while start > last and sentence[start - 1].isspace():  # what \s matches
            start -= 1
        if start == mark and sentence[mark] in "—–":
            continue
        clauses.append(sentence[last:start])
        last = match.end()
    clauses.append(sentence[last:])
    return clauses


def doubled_words(doc: Document, allowed: Iterable[str]) -> Iterator[Finding]:
    if _no_word_twice(doc):
        return
    allowed = {w.casefold() for w in allowed}
    for paragraph in paragraphs(doc):
        if not _may_double(paragraph):
            continue
        for match in DOUBLED_RE.finditer(paragraph.text):
            word = match.group(1)
            if word.casefold() in allowed:
                continue
            yield doc.finding(
                "doubled-word",
                paragraph.line_at(match.start(3)),
                f'"{word} {match.group(3)}": the same word twice in a row; delete one',
            )


def _no_word_twice(doc: Document) -> bool:
    """_may_double() of every paragraph at once, False for all when it cannot tell: in
    ASCII the letter runs of the text joined are those of each paragraph in turn, so two
    in a row the same in a paragraph are two in a row here (and a paragraph's last word
    being the next one's first only sends the document the slower way)."""
    whole = _ascii(" ".join(p.text for p in paragraphs(doc)))
    if whole is None:
        return False
    runs = whole.encode("ascii").translate(ASCII_LETTERS).split()
    return not any(map(operator.eq, runs, runs[1:]))


def _may_double(paragraph: Paragraph) -> bool:
    """False only when DOUBLED_RE cannot match: no two letter runs in a row are the same
    word once lowered. Much cheaper than DOUBLED_RE, which tries every character.

    DOUBLED_RE compares letters lowered one by one, as str.lower() lowers them except
    in UNEVEN_LOWER (left to DOUBLED_RE); lowering never makes a letter of a non-letter
    or the reverse, so the two words are two consecutive runs of the lowered text. In
    `letters` a run next to an apostrophe grows past it, but DOUBLED_RE's words have
    no apostrophe, letter or digit on either side, only spaces between them.
    """
    text = paragraph.text
    if any(map(text.__contains__, UNEVEN_LOWER)):
        return True
    letters = paragraph.letters
    runs = LETTERS_RE.findall(text.lower()) if letters is None else letters.split()
    return any(map(operator.eq, runs, runs[1:]))


def edit_marks(doc: Document, marks: Sequence[str]) -> Iterator[Finding]:
    # Marks are matched as they are written: a file without any of them as a substring
    # has none as a word either, and most files have none.
    if not marks:
        return
    whole = "\n".join(doc.lines)
    if not any(m in whole for m in marks):
        return
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
        + r")(?![\w-])"
    )
    header = [(n, line) for n, line in enumerate(doc.lines, 1) if n < doc.body_start]
    for number, line in header + prose(doc):
        for mark in dict.fromkeys(pattern.findall(line)):
            yield doc.finding(
                "edit-mark",
                number,
                f'editing mark "{mark}" left in the copy: finish the passage and remove it',
            )
