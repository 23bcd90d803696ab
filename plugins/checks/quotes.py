"""Block quotes must say whose words they are: the reference page quotes a news
agency at length, and a reader of a long quotation should not have to hunt the
paragraphs above for its source.

Reads the Markdown source, as every rule here does, so the finding names the line
of the quote. The forms that count as an attribution are the ones plugins/sourcing
turns into a figure caption (README.md, "Quotes and their sources"), and
tests/test_sourcing_units.py checks both recognise the same forms:

- a one-line paragraph right after the quote, starting with a dash
  (`— Varra Press Agency, 2 October 2026`; `—`, `―`, `–`, `--` or `---`), or being a
  link (`[Varra Press Agency](https://...), 2 October 2026`);
- the quote's last line starting with a dash (`> — Varra Press Agency`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding
from .source import Document
from .text import prose

QUOTE_RE = re.compile(r"^ {0,3}>")
QUOTE_PREFIX_RE = re.compile(r"^(?: {0,3}> ?)+")
DASH_RE = re.compile(r"^\s*(?:[—―–]|-{2,3}(?!-))[ \t\u00a0]*(?=\S)")
LINK_LINE_RE = re.compile(
    r"^\s{0,3}(?:\[[^\]]+\](?:\([^)]*\)|\[[^\]]*\])|<https?://[^>]+>)\s*(?:,.*)?$"
)
#: What a block inside a quote is, when it is not a paragraph (list, heading, code).
NOT_PARAGRAPH_RE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|```|~~~|\|)")

RULE = "quote-unattributed"
MESSAGE = (
    "a block quote with no attribution: say whose words these are on a line right "
    'after it, e.g. "— Varra Press Agency, 2 October 2026" or '
    '"— [Varra Press Agency](https://...), 2 October 2026" (or write '
    '"Check-ignore: quote-unattributed" for an epigraph)'
)


def is_attribution_line(text: str) -> bool:
    return bool(DASH_RE.match(text)) or bool(LINK_LINE_RE.match(text))


def _blocks(numbered: list[tuple[int, str]]) -> Iterator[tuple[int, list[str], int]]:
    """(first line, quote lines without `>`, index after the quote) of each block quote.

    As in Python-Markdown: lines without `>` right after a quote line continue it
    (lazy continuation), and quotes separated only by blank lines are one quote.
    """
    i = 0
    while i < len(numbered):
        number, line = numbered[i]
        if not QUOTE_RE.match(line):
            i += 1
            continue
        first, content, end = number, [], i
        j = i
        while j < len(numbered):
            text = numbered[j][1]
            if QUOTE_RE.match(text):
                content.append(QUOTE_PREFIX_RE.sub("", text))
            elif text.strip() and content and content[-1].strip():
                content.append(text)  # lazy continuation of the quote's paragraph
            elif not text.strip():
                k = j
                while k < len(numbered) and not numbered[k][1].strip():
                    k += 1
                if k < len(numbered) and QUOTE_RE.match(numbered[k][1]):
                    content.append("")
                    j = k
                    continue
                break
            else:
                break
            j += 1
            end = j
        yield first, content, end
        i = max(end, i + 1)


def _inner(content: list[str]) -> bool:
    """The quote's last line starts with a dash, with quoted words before it."""
    lines = [t for t in content if t.strip()]
    if len(lines) < 2 or not DASH_RE.match(lines[-1]):
        return False
    return not NOT_PARAGRAPH_RE.match(lines[-1])


def _following(numbered: list[tuple[int, str]], end: int) -> bool:
    """A one-line paragraph after the quote (and a blank line) that attributes it."""
    k = end
    while k < len(numbered) and not numbered[k][1].strip():
        k += 1
    if k == end or k >= len(numbered):
        return False
    one_line = k + 1 >= len(numbered) or not numbered[k + 1][1].strip()
    return one_line and is_attribution_line(numbered[k][1])


def unattributed(doc: Document) -> Iterator[Finding]:
    if not any(">" in line for line in doc.lines):
        return  # no block quote (most articles): skip reading the body line by line
    numbered = prose(doc)
    for first, content, end in _blocks(numbered):
        if not any(t.strip() for t in content):
            continue
        if _inner(content) or _following(numbered, end):
            continue
        yield doc.finding(RULE, first, MESSAGE)
