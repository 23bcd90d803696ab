"""Run every rule over a content folder without building anything.

Used by `invoke check`, by development builds (glue.py logs the same findings),
and, file by file, by the reader guard that keeps unreadable files out of a build.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fastbuild.workers import fork_map

from . import content_type, dates, lengths, links, metadata, quotes, text
from .findings import Finding, sort_findings
from .rules import UNBUILDABLE, severity
from .settings import Config
from .site import duplicates, slug_of
from .source import (
    ATTACHABLE,
    KNOWN_TYPES,
    MARKDOWN_EXTENSIONS,
    OTHER_READABLE,
    Document,
    extension,
    metadata_only,
    parse,
)


@dataclass
class Report:
    findings: list[Finding]
    files: int
    #: Files left out of builds: Pelican would crash on them, print an empty headline or
    #: byline, or write them over another page.
    unbuilt: frozenset[Path] = frozenset()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


@dataclass
class SiteFacts:
    """What rules about one article need to know about the others."""

    slugs: frozenset[str] = frozenset()
    profiles: dict[str, str] | None = None
    referenced: frozenset[Path] = field(default_factory=frozenset)


def content_files(config: Config) -> Iterator[tuple[Path, str]]:
    """(path, "article"|"page") of every file in the article and page folders, in a
    stable order; static folders and the author profiles are not content."""
    settings = config.pelican
    root = config.content
    skip_dirs = {
        (root / p).resolve()
        for p in [*settings.get("STATIC_PATHS", ()), *settings.get("STATIC_EXCLUDES", ())]
        if p
    }
    if config.author_profiles:
        skip_dirs.add(config.author_profiles.resolve())
    ignores = settings.get("IGNORE_FILES", ())
    seen = set()
    for kind, paths_key, excludes_key in (
        ("article", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
        ("page", "PAGE_PATHS", "PAGE_EXCLUDES"),
    ):
        excluded = skip_dirs | {(root / e).resolve() for e in settings.get(excludes_key, ())}
        for base in settings.get(paths_key, ()):
            top = (root / base).resolve()
            if top.is_file():
                candidates = [top]
            elif top.is_dir():
                candidates = _walk(top, excluded)
            else:
                continue
            for path in candidates:
                if path in seen or _ignored(path.name, ignores):
                    continue
                seen.add(path)
                yield path, kind


def _walk(top: Path, excluded: set[Path]) -> Iterator[Path]:
    for dirpath, dirs, files in os.walk(top, followlinks=True):
        here = Path(dirpath)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d not in excluded)
        for name in sorted(files):
            yield here / name


def _ignored(name: str, patterns: Iterable[str]) -> bool:
    return (
        name.startswith(".")
        or name.endswith("~")
        or any(fnmatch.fnmatch(name, p) for p in patterns)
    )


def read_document(path: Path, kind: str, config: Config) -> Document | Finding:
    relpath = path.relative_to(config.content).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read the file ({exc.strerror}): check its permissions"
        return Finding(path, 1, "file-encoding", severity("file-encoding"), message)
    return parse(path, relpath, kind, data)


def load_profiles(config: Config) -> dict[str, str] | None:
    """slug -> name of every author profile, or None when the site keeps none."""
    folder = config.author_profiles
    if folder is None or not folder.is_dir():
        return None
    profiles = {}
    for path in sorted(folder.glob("*.md")):
        meta = metadata_only(path.read_bytes())
        profiles[path.stem] = meta.get("name") or path.stem
    return profiles


def file_findings(doc: Document, config: Config, facts: SiteFacts) -> Iterator[Finding]:
    """Every rule about one file that depends only on the file, the settings and the
    site facts, never on the clock or on other files being there (links, checked in
    every build): what a build may remember for unchanged files."""
    profiles_dir = (
        config.author_profiles.relative_to(config.content.parent).as_posix()
        if config.author_profiles
        else "content/authors"
    )
    yield from metadata.required(doc)
    yield from metadata.empty_fields(doc)
    yield from dates.invalid_dates(doc)
    yield from metadata.unknown_authors(doc, facts.profiles, profiles_dir)
    yield from metadata.unknown_category(doc, config.known_categories)
    yield from content_type.unknown_type(doc, config.pelican)
    yield from links.images(doc, config.content)
    yield from links.related(doc, facts.slugs)
    yield from text.repeats(doc, config.repeat_min_words)
    yield from text.doubled_words(doc, config.doubled_allowed)
    yield from text.edit_marks(doc, config.edit_marks)
    yield from lengths.lengths(doc, config.title_max, config.summary_max)
    yield from quotes.unattributed(doc)


def stray_file(path: Path, facts: SiteFacts) -> Finding | None:
    """A file in an article folder that Pelican will not read."""
    ext = extension(path)
    if ext in MARKDOWN_EXTENSIONS or ext in OTHER_READABLE or path in facts.referenced:
        return None
    if ext in ATTACHABLE:
        return None
    data = path.read_bytes()
    binary = b"\x00" in data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        binary = True
    if binary or ext in KNOWN_TYPES:
        what = KNOWN_TYPES.get(ext, "a binary file")
        return Finding(
            path,
            1,
            "file-binary",
            severity("file-binary"),
            f"{what} among the articles: Pelican reads only Markdown (.md) here, so it is "
            "not published; paste the text into a .md file and delete this one",
        )
    return Finding(
        path,
        1,
        "file-ignored",
        severity("file-ignored"),
        f'Pelican does not read ".{ext}" files, so this one is not published: '
        "rename it to .md if it is an article, or move it out of the content folder",
    )


def allowed(finding: Finding, config: Config, doc: Document | None) -> bool:
    if finding.rule in config.disabled:
        return False
    return doc is None or finding.rule not in doc.ignored


class FindingsMemo(Protocol):
    """Findings of unchanged files from an earlier build (plugins/fastbuild)."""

    def get(self, doc: Document, facts: SiteFacts) -> list[Finding] | None: ...
    def put(self, doc: Document, facts: SiteFacts, findings: list[Finding]) -> None: ...


def check_site(config: Config, workers: int = 1, memo: FindingsMemo | None = None) -> Report:
    """All findings. The rules about single files run in `workers` processes, and
    `memo` answers for files it has seen unchanged (both leave the report the same)."""
    files = list(content_files(config))
    docs: list[Document] = []
    findings: list[Finding] = []
    others: list[Path] = []
    for path, kind in files:
        if extension(path) not in MARKDOWN_EXTENSIONS:
            others.append(path)
            continue
        read = read_document(path, kind, config)
        if isinstance(read, Finding):
            if allowed(read, config, None):
                findings.append(read)
        else:
            docs.append(read)
    facts = SiteFacts(
        slugs=frozenset(
            s for d in docs if d.kind == "article" and (s := slug_of(d, config.pelican))
        ),
        profiles=load_profiles(config),
        referenced=frozenset(_referenced(docs, config.content)),
    )
    by_path = {doc.path: doc for doc in docs}
    remembered = {doc.path: memo.get(doc, facts) for doc in docs} if memo else {}
    todo = [doc for doc in docs if remembered.get(doc.path) is None]

    def of_file(doc: Document) -> tuple[list[Finding], list[Finding]]:
        return list(file_findings(doc, config, facts)), list(links.links(doc, config.content))

    # A link's target may have appeared or gone since the last build: links are checked
    # in every build, in the workers with the rest (files the memo answers for, here).
    linked = {
        doc.path: list(links.links(doc, config.content))
        for doc in docs
        if remembered.get(doc.path) is not None
    }
    for doc, (found, dead) in zip(todo, fork_map(of_file, todo, workers), strict=True):
        remembered[doc.path], linked[doc.path] = found, dead
        if memo:
            memo.put(doc, facts, found)
    for doc in docs:
        found = [
            *remembered[doc.path],
            *dates.scheduled(doc, config.now, config.timezone, config.with_future_dates),
        ]
        findings += [f for f in found if allowed(f, config, doc)]
    unbuilt = {f.path for f in findings if f.rule in UNBUILDABLE}
    findings += [
        f
        for f in duplicates([d for d in docs if d.path not in unbuilt], config.pelican)
        if allowed(f, config, by_path[f.path])
    ]
    unbuilt = frozenset(f.path for f in findings if f.rule in UNBUILDABLE)
    # Links last: a link to a file left out of the build is as dead as a missing one.
    for doc in docs:
        dead = links.links(doc, config.content, unbuilt) if unbuilt else linked[doc.path]
        findings += [f for f in dead if allowed(f, config, doc)]
    for path in others:
        stray = stray_file(path, facts)
        if stray and allowed(stray, config, None):
            findings.append(stray)
    return Report(sort_findings(findings), len(files), unbuilt)


def _referenced(docs: Iterable[Document], content: Path) -> Iterator[Path]:
    for doc in docs:
        for ref in links.references(doc):
            _, path = links.resolve(ref.target, doc, content)
            if path is not None:
                yield path


def check(settings: Mapping, content: Path | str | None = None, now=None) -> Report:
    return check_site(Config.from_settings(settings, content, now))
