"""Copy-desk rules on the words themselves: a sentence or paragraph printed twice
(the reference page's slip: one sentence, twice in a row, joined by a comma),
a doubled word ("the the"), and editing marks left in the copy (TK, TODO...).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

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
# group 1 is the gap between two sentences. The mark is matched, not looked behind for, so
# the regex engine skips straight to the next mark instead of trying every character.
SENTENCE_END_RE = re.compile(r"[.!?]([\"'”’)\]]*\s+)(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
CLAUSE_END = " .!?\"'”’)]*_"
CLAUSE_SPLIT_RE = re.compile(r"\s*[,;:]\s+|\s+[—–]\s+")
#: Every separator CLAUSE_SPLIT_RE can split on: most sentences have none.
CLAUSE_MARK_RE = re.compile(r"[,;:—–]")
NOT_WORD_RE = re.compile(r"[\W\d_]+")
DOUBLED_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+)(\s+)(\1)(?![\w'’-])", re.IGNORECASE)
LETTERS_RE = re.compile(r"[^\W\d_]+")
#: Not letters, and with "’" the only characters outside ASCII in most English prose.
#: With them as spaces (what NOT_WORD_RE makes of them) and "’" as "'", most paragraphs
#: are ASCII, where a byte translation table does what NOT_WORD_RE does, twenty times
#: faster, and keeps every character where it was, so one pass serves every sentence.
TYPOGRAPHY = ("‘", "“", "”", "—", "–", "…", "\u00a0")
#: Letters stay, apostrophes stay (words() drops them, _may_double splits on them),
#: everything else becomes a space.
ASCII_LETTERS = bytes(
    c if c < 128 and (chr(c).isalpha() or chr(c) == "'") else 32 for c in range(256)
)
#: Where str.lower() is not the character-by-character lowering DOUBLED_RE compares
#: with: "İ" lowers to two characters, "Σ" depends on the letters around it.
UNEVEN_LOWER = ("İ", "Σ")


@dataclass(frozen=True)
class Paragraph:
    line: int  # first line
    text: str  # words as read, lines joined by "\n" (so offsets give line numbers)
    table: bool = False

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)

    @cached_property
    def letters(self) -> str | None:
        """The text with only its letters and apostrophes ("’" as "'"), the rest spaces,
        offset for offset; None when the text is not ASCII once TYPOGRAPHY is spaces."""
        text = self.text.replace("’", "'")
        for mark in TYPOGRAPHY:
            text = text.replace(mark, " ")
        if not text.isascii():
            return None
        return text.encode("ascii").translate(ASCII_LETTERS).decode("ascii")


def plain(line: str) -> str:
    """One line of Markdown as the reader sees it (markup, links' URLs, tags removed).

    Each substitution runs only when the line holds a character its pattern needs:
    most lines of prose have no markup, and a regex scan costs more than `in`."""
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
    """The lines outside fenced code blocks."""
    fence = None
    for number, line in numbered:
        match = FENCE_RE.match(line)
        if fence:
            if match and match.group(1)[0] == fence:
                fence = None
            continue
        if match:
            fence = match.group(1)[0]
            continue
        yield number, line


def paragraphs(doc: Document) -> list[Paragraph]:
    if "paragraphs" not in doc.derived:
        doc.derived["paragraphs"] = _paragraphs(doc)
    return doc.derived["paragraphs"]


def _paragraphs(doc: Document) -> list[Paragraph]:
    found, current = [], []

    def close():
        if current:
            table = all(text.lstrip().startswith("|") for _, text in current)
            text = "\n".join(plain(t) for _, t in current)
            found.append(Paragraph(current[0][0], text, table))
            current.clear()

    for number, line in prose_lines(doc.body):
        if not line.strip() or line.strip() == ">":
            close()
        else:
            current.append((number, line))
    close()
    return found


def words(text: str) -> list[str]:
    """Same words, same order: what counts as "the same sentence"."""
    return NOT_WORD_RE.sub(" ", text.replace("’", "").replace("'", "")).casefold().split()


def sentence_words(paragraph: Paragraph) -> Iterator[tuple[int, str, list[str]]]:
    """(offset, sentence, its words()) of each sentence."""
    letters = paragraph.letters
    for offset, sentence in sentences(paragraph):
        if letters is None:
            yield offset, sentence, words(sentence)
        else:
            # ASCII: casefold() is lower(), and NOT_WORD_RE's work is done.
            span = letters[offset : offset + len(sentence)]
            yield offset, sentence, span.replace("'", "").lower().split()


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs."""
    text = paragraph.text
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        yield start, text[start : match.start(1)]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def quote(text: str, words: int = 8) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def repeats(doc: Document, min_words: int) -> Iterator[Finding]:
    seen_paragraphs: dict[str, int] = {}
    seen_sentences: dict[str, int] = {}
    for paragraph in paragraphs(doc):
        if paragraph.table:
            continue
        parts = []
        count = 0
        for offset, sentence, found in sentence_words(paragraph):
            count += len(found)
            parts.append((offset, sentence, " ".join(found), len(found)))
        key = " ".join(k for _, _, k, _ in parts if k)
        if count >= min_words and key in seen_paragraphs:
            yield doc.finding(
                "repeated-paragraph",
                paragraph.line,
                f"this paragraph repeats the one on line {seen_paragraphs[key]} "
                f'("{quote(paragraph.text)}"): delete one of them',
            )
            continue
        seen_paragraphs.setdefault(key, paragraph.line)
        for offset, sentence, key, count in parts:
            yield from _twice_in_a_row(doc, paragraph, offset, sentence, min_words)
            if count < min_words:
                continue
            line = paragraph.line_at(offset)
            if key in seen_sentences:
                yield doc.finding(
                    "repeated-sentence",
                    line,
                    f'this sentence already appears on line {seen_sentences[key]} ("'
                    f'{quote(sentence)}"): delete one of them',
                )
            else:
                seen_sentences[key] = line


def _twice_in_a_row(
    doc: Document, paragraph: Paragraph, offset: int, sentence: str, min_words: int
) -> Iterator[Finding]:
    """The same clause twice within one sentence: "It closed on Friday, it closed on Friday."."""
    if not CLAUSE_MARK_RE.search(sentence):
        return
    clauses = CLAUSE_SPLIT_RE.split(sentence)
    if len(clauses) < 2:
        return
    previous = None
    position = 0
    for clause in clauses:
        position = sentence.find(clause, position)
        key = " ".join(clause.casefold().strip(CLAUSE_END).split())
        if previous == key and len(key.split()) >= min_words:
            yield doc.finding(
                "repeated-sentence",
                paragraph.line_at(offset + position),
                f'the same words twice in a row ("{quote(clause)}"): delete the repetition',
            )
        previous = key


def doubled_words(doc: Document, allowed: Iterable[str]) -> Iterator[Finding]:
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
    if any(c in text for c in UNEVEN_LOWER):
        return True
    letters = paragraph.letters
    runs = LETTERS_RE.findall(text.lower()) if letters is None else letters.lower().split()
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
    for number, line in header + list(prose_lines(doc.body)):
        for mark in dict.fromkeys(pattern.findall(line)):
            yield doc.finding(
                "edit-mark",
                number,
                f'editing mark "{mark}" left in the copy: finish the passage and remove it',
            )
