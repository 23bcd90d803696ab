"""Metadata rules: the fields every article needs, and names that must be known.

The byline fields reuse plugins/byline's policy, so the checks and the byline
plugin (which still drops an incomplete article if a check is switched off) say
the same thing in the same words.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Mapping, Sequence

from byline.policy import byline_problems
from columnists.profiles import name_key

from .findings import Finding
from .source import Document

#: Header keys that fill each byline field.
BYLINE_KEYS = {"author": ("author", "authors"), "category": ("category",), "date": ("date",)}
#: Fields checked by other rules when empty (missing-*, date-invalid).
HANDLED_ELSEWHERE = frozenset({"title", "author", "authors", "category", "date", "modified"})
FIX_EMPTY = {
    "author": 'write the name after it ("Author: Amara Okafor")',
    "authors": 'write the names after it, separated by commas ("Authors: A, B")',
    "category": 'write the column after it ("Category: Opinion")',
    "date": 'write the date after it ("Date: 2026-03-14 08:30")',
}


def split_names(value: str | None) -> list[str]:
    """Pelican's reading of `Authors:`: split on semicolons if any, else on commas."""
    if not value:
        return []
    parts = value.split(";") if ";" in value else value.split(",")
    return [p.strip() for p in parts if p.strip()]


def authors_of(doc: Document) -> list[str]:
    return split_names(doc.get("authors") or doc.get("author"))


def required(doc: Document) -> Iterator[Finding]:
    title = doc.meta.get("title")
    if title is None:
        yield doc.finding(
            "missing-title",
            doc.header_end,
            'no title: add a line "Title: The headline" to the metadata at the top of the file',
        )
    elif not title.value:
        yield doc.finding(
            "missing-title", title.line, '"Title:" has no value: write the headline after it'
        )
    if doc.kind != "article":
        return
    date = doc.get("date")
    problems = byline_problems(authors_of(doc), doc.get("category"), date or None)
    for problem in problems:
        keys = [k for k in BYLINE_KEYS[problem.field] if k in doc.meta]
        if keys:
            key = keys[0]
            yield doc.finding(
                f"missing-{problem.field}",
                doc.meta[key].line,
                f'"{key.capitalize()}:" has no value: {FIX_EMPTY[key]}',
            )
        else:
            yield doc.finding(f"missing-{problem.field}", doc.header_end, problem.message)


def empty_fields(doc: Document) -> Iterator[Finding]:
    for key, found in doc.meta.items():
        if not found.value and key not in HANDLED_ELSEWHERE:
            yield doc.finding(
                "metadata-empty",
                found.line,
                f'"{key.capitalize()}:" has no value: fill it in or delete the line',
            )


def suggest(name: str, known: Sequence[str]) -> str:
    """' Did you mean "X"?' for the nearest known names, or ''."""
    by_fold = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=2, cutoff=0.6)
    if not close:
        return ""
    return " Did you mean " + " or ".join(f'"{by_fold[c]}"' for c in close) + "?"


@functools.lru_cache(maxsize=4)
def _known(profiles: tuple[tuple[str, str], ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The profiles' slugs and names as plugins/columnists matches them, so the check
    and the build agree, and their names in order: once per site, not once an article."""
    known = frozenset(name_key(text) for pair in profiles for text in pair)
    return known, tuple(sorted({name for _, name in profiles}))


def unknown_authors(
    doc: Document, profiles: Mapping[str, str] | None, profiles_dir: str
) -> Iterator[Finding]:
    """Each author must match a profile's name or slug (any case, any spacing).

    `profiles` maps a profile's slug (file stem) to its display name; None means the
    site keeps no profiles, so any name goes.
    """
    if doc.kind != "article" or profiles is None:
        return
    known, names = _known(tuple(profiles.items()))
    key = "authors" if doc.get("authors") else "author"
    for author in authors_of(doc):
        if name_key(author) not in known:
            yield doc.finding(
                "unknown-author",
                doc.line_of(key),
                f'no profile for the author "{author}".{suggest(author, names)} '
                f"Check the spelling, or add the columnist as {profiles_dir}/<slug>.md "
                'with a "Name:" line',
            )


def unknown_category(doc: Document, known: Sequence[str] | None) -> Iterator[Finding]:
    category = doc.get("category")
    if doc.kind != "article" or known is None or not category or category in known:
        return
    line = doc.line_of("category")
    same = [k for k in known if k.casefold() == category.casefold()]
    if same:
        message = f'the column is written "{same[0]}", not "{category}"'
    else:
        message = (
            f'"{category}" is not one of our columns ({", ".join(known)}).'
            f"{suggest(category, known)} To start a new column, add it to KNOWN_CATEGORIES"
        )
    yield doc.finding("unknown-category", line, message)
