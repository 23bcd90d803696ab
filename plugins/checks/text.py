"""Copy-desk rules on the words themselves: a sentence or paragraph printed twice
(the reference page's slip: one sentence, twice in a row, joined by a comma),
a doubled word ("the the"), and editing marks left in the copy (TK, TODO...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

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
# Sentence ends: . ! ? (and a closing quote or bracket), then space and a capital/quote/digit.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
CLAUSE_END = " .!?\"'”’)]*_"
CLAUSE_SPLIT_RE = re.compile(r"\s*[,;:]\s+|\s+[—–]\s+")
NOT_WORD_RE = re.compile(r"[\W\d_]+")
DOUBLED_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+)(\s+)(\1)(?![\w'’-])", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    line: int  # first line
    text: str  # words as read, lines joined by "\n" (so offsets give line numbers)
    table: bool = False

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)


def plain(line: str) -> str:
    """One line of Markdown as the reader sees it (markup, links' URLs, tags removed)."""
    line = BLOCK_PREFIX_RE.sub("", line)
    line = INLINE_CODE_RE.sub(" ", line)
    line = IMAGE_RE.sub(r"\1", line)
    line = LINK_RE.sub(r"\1", line)
    line = FOOTNOTE_REF_RE.sub("", line)
    line = TAG_RE.sub(" ", line)
    line = URL_RE.sub(" ", line)
    return EMPHASIS_RE.sub("", line)


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


def normalise(text: str) -> str:
    """Same words, same order: what counts as "the same sentence"."""
    return " ".join(NOT_WORD_RE.sub(" ", text.replace("’", "").replace("'", "")).casefold().split())


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs."""
    start = 0
    for match in SENTENCE_END_RE.finditer(paragraph.text):
        yield start, paragraph.text[start : match.start()]
        start = match.end()
    if paragraph.text[start:].strip():
        yield start, paragraph.text[start:]


def quote(text: str, words: int = 8) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def repeats(doc: Document, min_words: int) -> Iterator[Finding]:
    seen_paragraphs: dict[str, int] = {}
    seen_sentences: dict[str, int] = {}
    for paragraph in paragraphs(doc):
        if paragraph.table:
            continue
        parts = [(offset, s, normalise(s)) for offset, s in sentences(paragraph)]
        key = " ".join(k for _, _, k in parts if k)
        if len(key.split()) >= min_words and key in seen_paragraphs:
            yield doc.finding(
                "repeated-paragraph",
                paragraph.line,
                f"this paragraph repeats the one on line {seen_paragraphs[key]} "
                f'("{quote(paragraph.text)}"): delete one of them',
            )
            continue
        seen_paragraphs.setdefault(key, paragraph.line)
        for offset, sentence, key in parts:
            line = paragraph.line_at(offset)
            yield from _twice_in_a_row(doc, paragraph, offset, sentence, min_words)
            if len(key.split()) < min_words:
                continue
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
        for match in DOUBLED_RE.finditer(paragraph.text):
            word = match.group(1)
            if word.casefold() in allowed:
                continue
            yield doc.finding(
                "doubled-word",
                paragraph.line_at(match.start(3)),
                f'"{word} {match.group(3)}": the same word twice in a row; delete one',
            )


def edit_marks(doc: Document, marks: Sequence[str]) -> Iterator[Finding]:
    if not marks:
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
