"""Date rules: a date Pelican cannot read stops the build; a future date is news
the editor should know about (the article is scheduled, or goes out early)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican.utils import SafeDatetime, get_date

from .findings import Finding
from .source import Document

FORMAT_HINT = 'write it as "YYYY-MM-DD HH:MM", e.g. "2026-03-14 08:30"'
#: The form FORMAT_HINT asks for (seconds optional), read without dateutil, whose
#: general parser takes a quarter of a millisecond per date.
ISO_DATE_RE = re.compile(r"([1-9]\d{3})-(\d\d)-(\d\d)(?: (\d\d):(\d\d)(?::(\d\d))?)?")


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime | None:
    """The date as Pelican reads it (same parser, same type), or None when it cannot."""
    value = value.replace("_", " ")
    match = ISO_DATE_RE.fullmatch(value)
    if match:
        try:
            return SafeDatetime(*(int(part or 0) for part in match.groups()))
        except ValueError:
            pass  # "2026-02-30": dateutil's words for it
    try:
        return get_date(value)
    except (ValueError, OverflowError):
        return None


def invalid_dates(doc: Document) -> Iterator[Finding]:
    for key in ("date", "modified"):
        found = doc.meta.get(key)
        if found is None or (key == "date" and not found.value):
            continue  # a missing or empty Date is missing-date
        if not found.value:
            yield doc.finding(
                "date-invalid", found.line, f'"Modified:" has no value: {FORMAT_HINT}'
            )
        elif parse_date(found.value) is None:
            yield doc.finding(
                "date-invalid",
                found.line,
                f'"{key.capitalize()}: {found.value}" is not a date: {FORMAT_HINT}',
            )


def scheduled(doc: Document, now: datetime, timezone: str, with_future_dates: bool):
    found = doc.meta.get("date")
    date = parse_date(found.value) if found and found.value else None
    if doc.kind != "article" or date is None:
        return
    if date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(timezone))
    if date <= now:
        return
    when = date.strftime("%Y-%m-%d %H:%M")
    if with_future_dates:
        message = (
            f"dated {when}, in the future: the next build publishes it with that date. "
            'Add "Status: draft" to hold it back until then'
        )
    else:
        message = f"scheduled for {when}: built as a draft until a build after that time"
    yield doc.finding("scheduled", found.line, message)
