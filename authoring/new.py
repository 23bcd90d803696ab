"""`invoke new`: the Markdown file a new article starts from.

Pure functions (header parsing, author and column lookup, the file's text) plus
one function that writes the file. Authors are not engineers: every field they
may need is in the file, filled in or explained, and a mistyped author or column
is answered with the names that exist instead of a file that fails later.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify


class NewArticleError(Exception):
    """A reason not to create the file, worded for the author."""


@dataclass(frozen=True)
class KnownAuthor:
    slug: str
    name: str


def read_header(text: str) -> dict[str, str]:
    """The `Key: value` lines at the top of a Markdown file, keys lower-cased.

    The same header Pelican's Markdown reader reads; we only need the plain values.
    """
    meta: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            break
        meta.setdefault(key.strip().lower(), value.strip())
    return meta


def known_authors(profiles: Mapping[str, str]) -> list[KnownAuthor]:
    """Authors from profile texts keyed by slug (content/authors/<slug>.md).

    A profile without `Name:` still names its author by the slug; the columnists
    plugin reports the missing name when the site is built.
    """
    authors = [
        KnownAuthor(slug, read_header(text).get("name") or slug) for slug, text in profiles.items()
    ]
    return sorted(authors, key=lambda a: a.slug)


def known_categories(menu_order: Iterable[str], used: Iterable[str]) -> list[str]:
    """The columns an article may name: MENU_CATEGORY_ORDER first, then any other
    column existing articles use (alphabetically), each spelt once."""
    result: list[str] = []
    seen: set[str] = set()
    for raw in [*menu_order, *sorted(used, key=str.casefold)]:
        name = raw.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def _suggest(wanted: str, options: list[str]) -> str:
    folded = wanted.casefold()
    close = [o.casefold() for o in options if o.casefold().startswith(folded)]
    close = close or difflib.get_close_matches(folded, [o.casefold() for o in options], n=1)
    if not close:
        return ""
    original = next(o for o in options if o.casefold() == close[0])
    return f' Did you mean "{original}"?'


def find_author(authors: list[KnownAuthor], wanted: str) -> KnownAuthor | None:
    """The profile `wanted` names by slug or by name (any case), or an error listing them.

    Returns None when the site has no profiles at all: then any name is accepted,
    as the columnists plugin accepts it.
    """
    wanted = " ".join(wanted.split())
    if not authors:
        if not wanted:
            raise NewArticleError('no author: add --author "Full Name"')
        return None
    listing = "\n".join(f"  {a.slug:<24} {a.name}" for a in authors)
    if not wanted:
        raise NewArticleError(f"no author: add --author <slug>. Known authors:\n{listing}")
    for author in authors:
        if wanted.casefold() in (author.slug.casefold(), author.name.casefold()):
            return author
    hint = _suggest(wanted, [a.slug for a in authors] + [a.name for a in authors])
    raise NewArticleError(
        f'unknown author "{wanted}".{hint} Known authors (slug, name):\n{listing}\n'
        "A new columnist needs a profile first: content/authors/<slug>.md (see README, Columnists)."
    )


def find_category(categories: list[str], wanted: str) -> str:
    """`wanted` spelt as the site spells it, or an error listing the columns."""
    wanted = " ".join(wanted.split())
    if not categories:
        return wanted
    for category in categories:
        if category.casefold() == wanted.casefold():
            return category
    hint = _suggest(wanted, categories)
    raise NewArticleError(
        f'unknown category "{wanted}".{hint} Known categories: {", ".join(categories)}.\n'
        "A new column is added to MENU_CATEGORY_ORDER in pelicanconf.py."
    )


def usual_category(author_name: str, articles: Iterable[Mapping[str, str]], default: str) -> str:
    """The column this author has written in most (ties: the newest), else `default`."""
    counts: Counter[str] = Counter()
    newest: dict[str, str] = {}
    for meta in articles:
        names = meta.get("authors") or meta.get("author") or ""
        if author_name.casefold() in (n.strip().casefold() for n in names.split(",")):
            category = meta.get("category", "").strip()
            if category:
                counts[category] += 1
                newest[category] = max(newest.get(category, ""), meta.get("date", ""))
    if not counts:
        return default
    return max(counts, key=lambda c: (counts[c], newest[c]))


def make_slug(headline: str, settings: Mapping) -> str:
    """The slug Pelican itself would derive from the title (same substitutions)."""
    return slugify(
        headline,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", ()),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def normalise_tags(tags: str) -> str:
    seen: dict[str, str] = {}
    for raw in tags.split(","):
        tag = " ".join(raw.split())
        if tag:
            seen.setdefault(tag.casefold(), tag)
    return ", ".join(seen.values())


def render_article(
    *, title: str, date: datetime, category: str, tags: str, author: str, slug: str
) -> str:
    """The new file's text: filled fields in the header, optional ones explained below it.

    Python-Markdown ends the header at the first line that is not `Key: value`, so
    optional fields cannot be commented out inside it; the explanations are
    Markdown comments (`[//]: # (...)`, link definitions that render to nothing).
    """
    header = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Tags: {tags}",
        f"Author: {author}",
        f"Slug: {slug}",
        "Status: draft",
    ]
    notes = [
        "Lines starting with [//]: are notes for you; they never appear on the site.",
        "Status: draft keeps this article off the site; `invoke livereload` shows it at",
        f"/drafts/{slug}/. Delete that line to publish it with the next `invoke publish`.",
        "A Date in the future schedules it: it goes out with the first publish after that.",
        "Optional fields: copy a line into the header above, without [//]: # and brackets.",
        "Summary: One or two sentences for listings, feeds and search results.",
        f"Modified: {date:%Y-%m-%d %H:%M} -- when you later change the article in substance.",
        "Disclosure: A conflict of interest, shown as its own notice.",
        "Disclaimer: This article's own disclaimer, or none (not allowed in every column).",
    ]
    body = [f"[//]: # ({note.replace('(', '[').replace(')', ']')})" for note in notes]
    return "\n".join([*header, "", *body, "", "Write the first paragraph of your column here.", ""])


@dataclass(frozen=True)
class NewArticle:
    path: Path
    title: str
    author: str
    category: str
    slug: str
    date: datetime


def create_article(
    content: Path,
    settings: Mapping,
    headline: str,
    author: str,
    *,
    category: str = "",
    tags: str = "",
    now: datetime | None = None,
) -> NewArticle:
    """Write content/<first ARTICLE_PATHS>/<slug>.md; never overwrite anything."""
    title = " ".join(headline.split())
    if not title:
        raise NewArticleError('no headline: invoke new "The headline" --author <slug>')
    slug = make_slug(title, settings)
    if not slug:
        raise NewArticleError(f'the headline "{title}" gives an empty slug: use some letters')

    profiles_dir = content / settings.get("AUTHOR_PROFILES_PATH", "authors")
    profiles = {p.stem: p.read_text(encoding="utf-8") for p in sorted(profiles_dir.glob("*.md"))}
    found = find_author(known_authors(profiles), author)
    author_name = found.name if found else " ".join(author.split())

    article_dir = content / (settings.get("ARTICLE_PATHS") or [""])[0]
    existing = {
        p: read_header(p.read_text(encoding="utf-8")) for p in sorted(article_dir.rglob("*.md"))
    }
    categories = known_categories(
        settings.get("MENU_CATEGORY_ORDER", []),
        {m["category"] for m in existing.values() if m.get("category")},
    )
    if category:
        category = find_category(categories, category)
    else:
        category = usual_category(
            author_name, existing.values(), categories[0] if categories else ""
        )
        if not category:
            raise NewArticleError('no category: add --category "Opinion" (or another column)')

    path = article_dir / f"{slug}.md"
    if path.exists():
        raise NewArticleError(
            f"{os.path.relpath(path)} already exists; not overwriting it. "
            "Choose another headline, or edit that file."
        )
    for other, meta in existing.items():
        if meta.get("slug", "") == slug:
            raise NewArticleError(
                f'{os.path.relpath(other)} already uses the slug "{slug}": two articles '
                "cannot share a URL. Choose another headline."
            )

    date = now or datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    text = render_article(
        title=title,
        date=date,
        category=category,
        tags=normalise_tags(tags),
        author=author_name,
        slug=slug,
    )
    article_dir.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": refuse to overwrite, even in a race
        handle.write(text)
    return NewArticle(path, title, author_name, category, slug, date)
