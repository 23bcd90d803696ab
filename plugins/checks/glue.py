"""Signal receivers: report the findings in development builds, and keep files
Pelican cannot build soundly out of the build.

The findings are logged as they are printed by `invoke check`: errors with
logger.error, so plugins/publish_guard refuses the publish build; warnings with
logger.warning. A file that is not UTF-8, empty, binary, or lacks a headline,
byline field or readable date is skipped when Pelican reads it: reported once,
here, instead of with Pelican's terse "Could not process" or as a page with an
empty headline, while every other article still builds.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial, wraps
from pathlib import Path

from byline.glue import RENDERED_LISTS as ARTICLE_LISTS
from fastbuild import settings as fastbuild_settings
from fastbuild.cache import Memo, file_digest
from fastbuild.glue import build_key, cache_file
from fastbuild.workers import worker_count
from pelican import signals

from .background import PendingReport, can_fork
from .findings import WARNING, summary
from .runner import Report, SiteFacts, check_site
from .settings import Config, setting
from .source import MARKDOWN_EXTENSIONS, Document

logger = logging.getLogger(__name__)


#: Rules a development build reports as warnings: the article still builds (with a
#: plain author page), and an author previewing it should not be told it failed.
#: `invoke check` and the publish build report them as errors.
DEV_WARNINGS = frozenset({"unknown-author"})

#: Key in the context all generators of one build share: the files to leave out.
SKIP_KEY = "checks_unbuilt"


def report(generator):
    """Once per build: the articles generator is created first, before anything is read.

    With the build cache and more than one core, the checks run in a process of their
    own while the build goes on (background.py); SKIP_KEY then waits for them when the
    build first asks which files to leave out."""
    config = Config.from_settings(generator.settings, generator.path)
    settings = generator.settings
    workers = worker_count(settings)
    deliver = partial(_log, settings)
    if not fastbuild_settings.get(settings, "BUILD_CACHE"):
        result = check_site(config, workers)
    elif workers > 1 and can_fork():
        run = partial(_remembered, config, settings, workers)
        generator.context[SKIP_KEY] = PendingReport(run, deliver)
        return
    else:
        result = _remembered(config, settings, workers)
    generator.context[SKIP_KEY] = result.unbuilt
    deliver(result)


def _remembered(config: Config, settings, workers: int) -> Report:
    """check_site() with the findings memo of the build cache."""
    memo = FindingsMemo(settings)
    result = check_site(config, workers, memo)
    memo.save()
    return result


def _log(settings, result: Report) -> None:
    log_warnings = setting(settings, "CHECKS_LOG_WARNINGS")
    publishing = settings.get("FAIL_ON_ERRORS")
    for found in result.findings:
        finding = (
            replace(found, severity=WARNING)
            if not publishing and found.rule in DEV_WARNINGS
            else found
        )
        if finding.is_error:
            logger.error("%s", finding.format())
        elif log_warnings:
            logger.warning("%s", finding.format())
    if result.findings:
        logger.info("Checks: %s", summary(result.findings, result.files))


class FindingsMemo:
    """The findings of files unchanged since the last build (plugins/fastbuild), valid
    while the settings, the plugins' code and the site facts are the same."""

    def __init__(self, settings):
        self.memo = Memo(cache_file(settings, "checks"), build_key(settings))
        self._facts: tuple[int, str] | None = None

    def _facts_digest(self, facts: SiteFacts) -> str:
        if self._facts is None or self._facts[0] != id(facts):
            text = repr(
                (
                    sorted(facts.slugs),
                    sorted((facts.profiles or {}).items()),
                    sorted(facts.referenced),
                )
            )
            self._facts = (id(facts), file_digest(text.encode("utf-8", "replace")))
        return self._facts[1]

    def _key(self, doc: Document, facts: SiteFacts) -> tuple:
        # Worked out once: a file the memo does not know is looked up, then put.
        digest = doc.derived.get("digest")
        if digest is None:
            text = "\n".join(doc.lines).encode("utf-8", "surrogatepass")
            digest = doc.derived["digest"] = file_digest(text)
        return doc.relpath, doc.kind, digest, self._facts_digest(facts)

    def get(self, doc: Document, facts: SiteFacts):
        return self.memo.get(*self._key(doc, facts))

    def put(self, doc: Document, facts: SiteFacts, findings) -> None:
        self.memo.put(findings, *self._key(doc, facts))

    def save(self) -> None:
        self.memo.save()


def guard(generator):
    """Wrap this generator's Markdown readers so a file the checks left out reads as
    `Status: skip`, which Pelican drops quietly (its finding is already logged)."""
    context = generator.context
    for ext, reader in generator.readers.readers.items():
        if ext in MARKDOWN_EXTENSIONS and not hasattr(reader.read, "checks_guarded"):
            reader.read = _skip_unbuilt(reader.read, context)


def _skip_unbuilt(read, context):
    @wraps(read)
    def read_if_sound(source_path):
        if Path(source_path).resolve() in context.get(SKIP_KEY, ()):
            return "", {"status": "skip"}
        return read(source_path)

    read_if_sound.checks_guarded = True
    return read_if_sound


#: Generator lists whose items are written as pages of their own.
RENDERED_LISTS = (
    *ARTICLE_LISTS,
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def drop_unbuilt(generator):
    """Second line of defence for content cached by an earlier build (livereload): a
    cached article is not read again, so the reader guard never sees it."""
    unbuilt = generator.context.get(SKIP_KEY, ())
    if not unbuilt:
        return
    for name in RENDERED_LISTS:
        items = getattr(generator, name, None)
        if items:
            items[:] = [i for i in items if Path(i.source_path).resolve() not in unbuilt]


def register():
    signals.article_generator_init.connect(report)
    signals.article_generator_init.connect(guard)
    signals.page_generator_init.connect(guard)
    signals.article_generator_pretaxonomy.connect(drop_unbuilt)
    signals.page_generator_finalized.connect(drop_unbuilt)
