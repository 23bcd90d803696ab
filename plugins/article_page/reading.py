"""Reading time from the rendered body, counted the way a reader meets it.

Counting words in the HTML (tags removed) rather than the Markdown source keeps
link targets, image paths and footnote markers out of the count.
"""

from __future__ import annotations

import math

from markupsafe import Markup


def word_count(html: str) -> int:
    return len(Markup(html).striptags().split())


def reading_minutes(words: int, words_per_minute: int = 230) -> int:
    """Whole minutes, rounded up, at least one: a short piece still takes a minute."""
    if words_per_minute <= 0:
        raise ValueError("words_per_minute must be positive")
    return max(1, math.ceil(words / words_per_minute))
