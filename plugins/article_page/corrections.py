"""Corrections written in an article's metadata, parsed and checked.

An article lists each correction on its own metadata line, date first:

    Correction: 2026-10-03 | The dam closes in April, not May.

Python-Markdown's metadata extension collects repeated keys into a list (Pelican
keeps the list when a key appears more than once), so several corrections are
several lines. A correction is part of the record: one that cannot be read is an
error, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from byline.policy import Problem as MetadataProblem

from .typography import typeset

SEPARATOR = "|"
EXAMPLE = "Correction: 2026-10-03 | What was wrong, and what is right."


@dataclass(frozen=True, order=True)
class Correction:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Problem(MetadataProblem):
    topic: str = "correction"


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def parse_correction(line: str) -> Correction | Problem:
    """One `YYYY-MM-DD | text` value, or the problem that stops it being read."""
    date_part, sep, text = line.partition(SEPARATOR)
    if not sep:
        return Problem(
            "syntax",
            f'"Correction: {line.strip()}" has no "{SEPARATOR}" between date and text; '
            f'write each correction on one line, e.g. "{EXAMPLE}"',
        )
    try:
        date = dt.date.fromisoformat(date_part.strip())
    except ValueError:
        return Problem(
            "date",
            f'"Correction: {line.strip()}": "{date_part.strip()}" is not a date; '
            f'write it as YYYY-MM-DD, e.g. "{EXAMPLE}"',
        )
    if not text.strip():
        return Problem(
            "text",
            f'"Correction: {line.strip()}" says nothing after the date; '
            f'say what was corrected, e.g. "{EXAMPLE}"',
        )
    return Correction(date, typeset(" ".join(text.split())))


def parse_corrections(
    value: str | Iterable[str] | None, published: dt.date | None = None
) -> tuple[list[Correction], list[Problem]]:
    """All corrections of one article, oldest first, and every problem found.

    A correction dated before the article was published is a typo in the date.
    """
    corrections, problems = [], []
    for line in _as_list(value):
        result = parse_correction(line)
        if isinstance(result, Problem):
            problems.append(result)
        elif published is not None and result.date < published:
            problems.append(
                Problem(
                    "date",
                    f'"Correction: {line.strip()}" is dated before the article was published '
                    f"({published.isoformat()}); check the date",
                )
            )
        else:
            corrections.append(result)
    return sorted(corrections), problems


@dataclass(frozen=True)
class ListedCorrection:
    """A correction on the site-wide corrections page, with the article it belongs to."""

    correction: Correction
    article: object


def corrections_index(articles: Iterable[object]) -> list[ListedCorrection]:
    """Every correction of every article, newest first; ties by article date, newest first.

    Articles need `corrections` (a list of Correction), `date` and `url`.
    """
    listed = [
        ListedCorrection(c, a) for a in articles for c in getattr(a, "corrections", None) or []
    ]
    return sorted(
        listed,
        key=lambda item: (item.correction.date, item.article.date, item.article.url),
        reverse=True,
    )
