"""The table of content types and how an article's type is chosen.

Readers who cannot tell opinion from news stop trusting both. The type of a piece
is therefore one field, resolved once, and every surface (label, JSON-LD, the
disclaimer policy, feeds, sitemaps) reads the same resolved value instead of
guessing from the column. Pure functions, tested without Pelican.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: schema.org types an article page may declare: CreativeWork > Article and its
#: subtypes. A typo ("OpinonNewsArticle") is invisible to readers and silently
#: wrong for search engines, so anything else is refused.
SCHEMA_TYPES = frozenset(
    {
        "Article",
        "AdvertiserContentArticle",
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "Report",
        "SatiricalArticle",
        "ScholarlyArticle",
        "SocialMediaPosting",
        "BlogPosting",
        "TechArticle",
    }
)

#: How a type treats disclaimers (plugins/disclaimers):
#: "default": the site's text (or the type's own), which an author's profile or the
#: article may replace or switch off; "required": the same, but `Disclaimer: none` is
#: refused; "none": no disclaimer from the site or the type.
DISCLAIMER_POLICIES = ("default", "required", "none")

#: Fields of one entry of CONTENT_TYPES; label and schema_type are required.
FIELDS = ("label", "schema_type", "disclaimer", "disclaimer_text", "notice", "feed_term")


def type_key(value: object) -> str:
    """ "Guest essay", "guest_essay" and " Guest-Essay " all name the same type."""
    return re.sub(r"[\s_-]+", "-", str(value).strip().casefold()).strip("-")


@dataclass(frozen=True)
class ContentType:
    key: str
    label: str
    schema_type: str
    disclaimer: str = "default"
    #: Replaces DISCLAIMER_DEFAULT for this type (Markdown, placeholders allowed).
    disclaimer_text: str | None = None
    #: A notice of its own, headed by the label, before the other notices
    #: (sponsored content says who paid for it).
    notice: str | None = None
    #: The Atom <category term="..."> of the type; the key unless set.
    feed_term: str = ""

    @property
    def term(self) -> str:
        return self.feed_term or self.key

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Unknown:
    """A `Type:` value that names no type; kept to report it with the known ones."""

    value: str


@dataclass(frozen=True)
class Registry:
    types: Mapping[str, ContentType]
    #: casefolded column name -> type key
    by_category: Mapping[str, str] = field(default_factory=dict)
    default: str = "news"

    @property
    def keys(self) -> list[str]:
        return sorted(self.types)

    def lookup(self, value: object) -> ContentType | None:
        return self.types.get(type_key(value))

    def for_category(self, category: object) -> ContentType:
        key = self.by_category.get(str(category or "").strip().casefold(), self.default)
        return self.types[key]

    def resolve(self, declared: object, category: object) -> ContentType | Unknown:
        """The article's `Type:` when it has one, else its column's, else the site's."""
        if declared is not None and str(declared).strip():
            return self.lookup(declared) or Unknown(str(declared).strip())
        return self.for_category(category)

    def unknown_message(self, value: str) -> str:
        """One wording for the build and `invoke check`: the value, the known types, the fix."""
        close = difflib.get_close_matches(type_key(value), self.keys, n=1, cutoff=0.6)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        return (
            f'unknown type "{value}".{hint} Known types: {", ".join(self.keys)}; '
            'write one of them after "Type:", or add the type to CONTENT_TYPES'
        )


def _shape_problem(entry: object) -> str | None:
    if not isinstance(entry, Mapping):
        return "must be a dict with label and schema_type"
    stray = sorted(set(entry) - set(FIELDS))
    return f"unknown field(s) {', '.join(stray)}; use {', '.join(FIELDS)}" if stray else None


def parse_type(key: str, entry: object) -> ContentType | str:
    """One entry of CONTENT_TYPES as a ContentType, or what is wrong with it."""
    shape = _shape_problem(entry)
    if shape:
        return shape
    label = str(entry.get("label") or "").strip()
    schema_type = str(entry.get("schema_type") or "").strip()
    disclaimer = str(entry.get("disclaimer") or "default").strip().lower()
    text = entry.get("disclaimer_text")
    notice = entry.get("notice")
    if not label:
        return 'no "label" (the text readers see above the headline)'
    if schema_type not in SCHEMA_TYPES:
        return (
            f'"schema_type" {schema_type!r} is not a schema.org article type; '
            f"use one of {', '.join(sorted(SCHEMA_TYPES))}"
        )
    if disclaimer not in DISCLAIMER_POLICIES:
        return f'"disclaimer" {disclaimer!r} is not one of {", ".join(DISCLAIMER_POLICIES)}'
    if disclaimer == "none" and text:
        return '"disclaimer_text" is set but "disclaimer" is "none"'
    return ContentType(
        key=key,
        label=label,
        schema_type=schema_type,
        disclaimer=disclaimer,
        disclaimer_text=str(text).strip() if text else None,
        notice=str(notice).strip() if notice else None,
        feed_term=type_key(entry.get("feed_term") or key),
    )


def build_registry(
    types: Mapping[str, Mapping], by_category: Mapping[str, str], default: str
) -> tuple[Registry, list[str]]:
    """The registry from the three settings, and what is wrong with them.

    A faulty entry is left out (and reported) rather than guessed at; the problems
    name the setting and entry so an editor can find them.
    """
    problems: list[str] = []
    table: dict[str, ContentType] = {}
    if not isinstance(types, Mapping):
        types = {}
        problems.append("CONTENT_TYPES: must be a dict of type key -> fields")
    for name, entry in types.items():
        where = f'CONTENT_TYPES["{name}"]'
        key = type_key(name)
        if not key:
            problems.append(f"{where}: the key is empty")
        elif key in table:
            problems.append(f'{where}: names the same type as "{table[key].key}"')
        else:
            parsed = parse_type(key, entry)
            if isinstance(parsed, str):
                problems.append(f"{where}: {parsed}")
            else:
                table[key] = parsed
    columns: dict[str, str] = {}
    for column, name in (by_category or {}).items():
        if type_key(name) in table:
            columns[str(column).strip().casefold()] = type_key(name)
        else:
            problems.append(
                f'CONTENT_TYPE_BY_CATEGORY["{column}"]: "{name}" is not in CONTENT_TYPES '
                f"({', '.join(sorted(table))})"
            )
    fallback = type_key(default)
    if fallback not in table:
        problems.append(
            f'CONTENT_TYPE_DEFAULT: "{default}" is not in CONTENT_TYPES '
            f"({', '.join(sorted(table))})"
        )
        if not table:
            table["article"] = ContentType("article", "Article", "Article")
        fallback = sorted(table)[0]
    return Registry(table, columns, fallback), problems
