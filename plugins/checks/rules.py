"""Every rule the checks know: its id, severity and what it catches.

The README's table and the test that every rule has a broken example in
tests/broken/ both read this list, so a new rule cannot go undocumented.
"""

from __future__ import annotations

from .findings import ERROR, WARNING

#: rule id -> (severity, what it catches)
RULES: dict[str, tuple[str, str]] = {
    "file-encoding": (ERROR, "the file cannot be read as UTF-8 text (line of the first bad byte)"),
    "file-empty": (ERROR, "the file is empty"),
    "file-binary": (ERROR, "a binary file (NUL bytes, a Word document...) where articles live"),
    "file-ignored": (WARNING, "a text file Pelican does not read (not .md) where articles live"),
    "metadata-empty": (ERROR, "a metadata line with no value (`Slug:`)"),
    "missing-title": (ERROR, "no `Title:`, or an empty one"),
    "missing-author": (ERROR, "no `Author:`/`Authors:`, or an empty name"),
    "missing-category": (ERROR, "no `Category:`, or an empty one"),
    "missing-date": (ERROR, "no `Date:`, or an empty one"),
    "date-invalid": (ERROR, "a `Date:` or `Modified:` that cannot be read as a date"),
    "unknown-author": (ERROR, "an author with no profile in `content/authors/`"),
    "unknown-category": (ERROR, "a category not in `KNOWN_CATEGORIES`"),
    "unknown-type": (ERROR, "a `Type:` that is not a key of `CONTENT_TYPES`"),
    "duplicate-slug": (ERROR, "two articles (or two pages) with the same slug"),
    "duplicate-path": (ERROR, "two pages of the site written to the same file"),
    "related-unknown": (ERROR, "a `Related:` pin that is not the slug of an article"),
    "link-unresolved": (ERROR, "a `{filename}`/`{static}` link to a file that does not exist"),
    "image-missing": (ERROR, "an image (or `Image:` metadata) whose file does not exist"),
    "image-alt": (ERROR, "an image without alt text"),
    "repeated-sentence": (ERROR, "the same sentence twice in one article"),
    "repeated-paragraph": (ERROR, "the same paragraph twice in one article"),
    "doubled-word": (ERROR, 'the same word twice in a row ("the the")'),
    "edit-mark": (ERROR, "a leftover editing mark: TK, TODO, FIXME, XXX"),
    "title-length": (WARNING, "a headline longer than search results show"),
    "summary-length": (WARNING, "a summary longer than search results show"),
    "scheduled": (WARNING, "an article dated in the future"),
    "quote-unattributed": (WARNING, "a block quote with no attribution line after it"),
}

#: Rules whose finding means Pelican could not build a sound page from the file: it
#: would stop on it ("Could not process", or a page written twice aborts the whole
#: build), or print an empty headline or byline. The file is left out of development
#: builds and reported once, by us, instead.
UNBUILDABLE = frozenset(
    {
        "file-encoding",
        "file-empty",
        "file-binary",
        "missing-title",
        "missing-author",
        "missing-category",
        "missing-date",
        "date-invalid",
        "duplicate-slug",
        "duplicate-path",
        # Built, it would carry another type's label, JSON-LD type and disclaimer.
        "unknown-type",
    }
)


def severity(rule: str) -> str:
    return RULES[rule][0]
