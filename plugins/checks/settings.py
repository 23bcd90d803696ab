"""Default settings of the checks, and the plain configuration the rules read.

The rules never see Pelican's settings dictionary: `Config.from_settings` takes what
they need, so they can be called from tests and from `invoke check` alike.

Why the length limits: Google shows a title link in about 600 pixels (50 to 70
characters depending on the letters) and a snippet in about 920 pixels on a
desktop (around 155 to 160 characters); Bing cuts a little later. Longer
headlines and summaries are cut off with an ellipsis in search results, so we
warn at 70 and 160: past the point where every engine cuts, before editors are
nagged about headlines that usually fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

#: Rule ids switched off for the whole site (one article: `Check-ignore: rule-id`).
CHECKS_DISABLED: list[str] = []
#: Longest headline, in characters, before `title-length` warns.
CHECK_TITLE_MAX = 70
#: Longest summary (plain text), in characters, before `summary-length` warns.
CHECK_SUMMARY_MAX = 160
#: Words that mark unfinished copy (`edit-mark`), matched as whole words, case-sensitive.
CHECK_EDIT_MARKS = ["TK", "TKTK", "TODO", "FIXME", "XXX"]
#: Words that may stand twice in a row in good English ("what it had had").
CHECK_DOUBLED_WORDS_ALLOWED = ["had", "that"]
#: Sentences and clauses shorter than this (in words) may repeat ("No.").
CHECK_REPEAT_MIN_WORDS = 4
#: The columns an article may name in `Category:`; None accepts any.
KNOWN_CATEGORIES: list[str] | None = None
#: Folder of author profiles (`<slug>.md` with `Name:`), relative to the content
#: folder. When it exists, every author must have a profile there.
AUTHOR_PROFILES_PATH = "authors"
#: Development builds log warnings too; `invoke preview` turns this off because
#: it has just printed them.
CHECKS_LOG_WARNINGS = True

DEFAULTS = {
    name: value for name, value in dict(globals()).items() if name.isupper() and name != "DEFAULTS"
}


def setting(settings: Mapping, name: str):
    return settings.get(name, DEFAULTS[name])


@dataclass(frozen=True)
class Config:
    """What the rules need to know about the site, taken from Pelican's settings."""

    content: Path
    disabled: frozenset[str] = frozenset()
    title_max: int = CHECK_TITLE_MAX
    summary_max: int = CHECK_SUMMARY_MAX
    edit_marks: tuple[str, ...] = tuple(CHECK_EDIT_MARKS)
    doubled_allowed: frozenset[str] = frozenset(CHECK_DOUBLED_WORDS_ALLOWED)
    repeat_min_words: int = CHECK_REPEAT_MIN_WORDS
    known_categories: tuple[str, ...] | None = None
    author_profiles: Path | None = None
    timezone: str = "UTC"
    now: datetime | None = None
    with_future_dates: bool = True
    pelican: Mapping = field(default_factory=dict)

    @classmethod
    def from_settings(
        cls, settings: Mapping, content: Path | str | None = None, now: datetime | None = None
    ) -> Config:
        content = Path(content or settings.get("PATH", "content")).resolve()
        categories = setting(settings, "KNOWN_CATEGORIES")
        timezone = settings.get("TIMEZONE") or "UTC"
        return cls(
            content=content,
            disabled=frozenset(setting(settings, "CHECKS_DISABLED") or ()),
            title_max=int(setting(settings, "CHECK_TITLE_MAX")),
            summary_max=int(setting(settings, "CHECK_SUMMARY_MAX")),
            edit_marks=tuple(setting(settings, "CHECK_EDIT_MARKS")),
            doubled_allowed=frozenset(
                w.lower() for w in setting(settings, "CHECK_DOUBLED_WORDS_ALLOWED")
            ),
            repeat_min_words=int(setting(settings, "CHECK_REPEAT_MIN_WORDS")),
            known_categories=None if categories is None else tuple(categories),
            author_profiles=content / setting(settings, "AUTHOR_PROFILES_PATH"),
            timezone=timezone,
            now=now or datetime.now(ZoneInfo(timezone)),
            with_future_dates=bool(settings.get("WITH_FUTURE_DATES", True)),
            pelican=settings,
        )
