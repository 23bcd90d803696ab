"""Rules across articles: two articles with one slug, two pages in one file.

Pelican writes both and the second silently replaces the first ("File ... is to
be overwritten" at best), so one article vanishes from the site. Where a file
goes is computed as Pelican computes it: the `*_SAVE_AS` settings filled in with
the article's slug, date, language and column.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence

from pelican import utils
from pelican.settings import DEFAULT_CONFIG

from .dates import parse_date
from .findings import Finding
from .metadata import authors_of
from .source import Document


def slug_of(doc: Document, settings: Mapping) -> str | None:
    if doc.get("slug"):
        return doc.get("slug")
    source = settings.get("SLUGIFY_SOURCE", "title")
    value = doc.get("title") if source == "title" else doc.path.stem
    if not value:
        return None
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slugify(
        value,
        regex_subs=tuple(tuple(sub) for sub in subs),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


@functools.lru_cache(maxsize=16384)
def slugify(
    value: str,
    regex_subs: tuple[tuple[str, str], ...] = (),
    preserve_case: bool = False,
    use_unicode: bool = False,
) -> str:
    """Pelican's slugify, remembered: a site-wide check asks for each title's slug up to
    three times, and for the same few columns' and authors' slugs thousands of times."""
    return utils.slugify(value, regex_subs, preserve_case, use_unicode)


def lang_of(doc: Document, settings: Mapping) -> str:
    return doc.get("lang") or settings.get("DEFAULT_LANG", "en")


def status_of(doc: Document) -> str:
    return (doc.get("status") or "published").strip().lower()


def output_path(doc: Document, settings: Mapping) -> str | None:
    """Where Pelican will write the document, or None when it will not (or cannot say)."""
    status = status_of(doc)
    if status == "skip":
        return None
    if doc.get("save_as"):
        return doc.get("save_as")
    slug = slug_of(doc, settings)
    if not slug:
        return None
    if doc.kind == "article":
        key = "DRAFT" if status == "draft" else "ARTICLE"
    else:
        key = "DRAFT_PAGE" if status == "draft" else "PAGE"
    lang = lang_of(doc, settings)
    if lang != settings.get("DEFAULT_LANG", "en"):
        key += "_LANG"
    pattern = settings.get(f"{key}_SAVE_AS")
    if not pattern:
        return None
    authors = authors_of(doc)
    values = {
        **{k: f.value for k, f in doc.meta.items()},
        "slug": slug,
        "lang": lang,
        "date": parse_date(doc.get("date") or ""),
        "category": slugify(doc.get("category") or ""),
        "author": slugify(authors[0]) if authors else "",
        "path": doc.relpath,
    }
    try:
        return pattern.format(**values)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return None


def generated_paths(settings: Mapping) -> dict[str, str]:
    """Files the site writes besides articles and pages (front page, archives...)."""
    paths = {}
    for name in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{name.upper()}_SAVE_AS") or f"{name}.html"
        paths[save_as] = f"the {name} page"
    return paths


def duplicates(docs: Sequence[Document], settings: Mapping) -> Iterator[Finding]:
    slugs: dict[tuple[str, str, str], Document] = {}
    paths: dict[str, str] = generated_paths(settings)
    for doc in sorted(docs, key=lambda d: d.relpath):
        if status_of(doc) == "skip":
            continue
        slug = slug_of(doc, settings)
        line = doc.line_of("slug") if doc.get("slug") else doc.line_of("title")
        key = (doc.kind, slug or "", lang_of(doc, settings))
        if slug and key in slugs:
            first = slugs[key]
            yield doc.finding(
                "duplicate-slug",
                line,
                f'the slug "{slug}" is already used by {first.relpath}: give this '
                f'{doc.kind} its own "Slug:"',
            )
            continue  # the same slug usually means the same file: one finding is enough
        slugs.setdefault(key, doc)
        where = output_path(doc, settings)
        if where is None:
            continue
        where = where.lstrip("/")
        if where in paths:
            yield doc.finding(
                "duplicate-path",
                line,
                f"this {doc.kind} would be written to {where}, where {paths[where]} is "
                "written too, and one would replace the other: change its slug",
            )
        else:
            paths[where] = doc.relpath
