"""What a complete byline needs, as pure functions tested without Pelican.

The reference page printed "in ," because its template filled the byline from
values nobody had checked. Here an article must name at least one author and a
category (its column), and have a date; whatever is missing is reported with the
line the author has to add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem with one metadata field; other plugins reuse it with their own topic."""

    field: str
    message: str
    topic: str = "byline"

    @property
    def rule(self) -> str:
        return f"{self.topic}-{self.field}"


def _blank(value: object) -> bool:
    return value is None or not str(value).strip()


def byline_problems(authors: Sequence[object], category: object, date: object) -> list[Problem]:
    """Return what keeps the byline from being complete (empty list when it is)."""
    problems = []
    if not authors or all(_blank(a) for a in authors):
        problems.append(
            Problem(
                "author",
                'no author: add a line "Author: Full Name" (or "Authors: A, B") '
                "to the metadata at the top of the file",
            )
        )
    elif any(_blank(a) for a in authors):
        problems.append(
            Problem(
                "author",
                'an empty name in "Authors:": separate names with commas, '
                'e.g. "Authors: Amara Okafor, Ingrid Solberg"',
            )
        )
    if _blank(category):
        problems.append(
            Problem(
                "category",
                'no category: add a line "Category: Opinion" (or the name of another '
                "column) to the metadata at the top of the file",
            )
        )
    if date is None:
        problems.append(
            Problem(
                "date",
                'no date: add a line "Date: YYYY-MM-DD HH:MM" to the metadata '
                "at the top of the file",
            )
        )
    return problems


def natural_join(names: Sequence[object], conjunction: str = "and") -> str:
    """Join names the way a byline reads: "A", "A and B", "A, B and C"."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
