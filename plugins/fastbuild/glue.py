"""Signal receivers: convert the articles in parallel (and from the build cache)
the first time Pelican is about to read one."""

from __future__ import annotations

import logging
import os
from functools import partial
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from pelican import signals

from . import (
    cache,
    exiting,
    garbage,
    hooks,
    inline,
    listings,
    reading,
    remembered,
    rendering,
    timing,
    typography,
    writing,
)
from . import settings as defaults
from .progress import bar, wanted
from .workers import worker_count

logger = logging.getLogger(__name__)

PLUGIN_ROOT = Path(__file__).resolve().parent.parent

#: Files the articles' conversions are kept in (cache.Memo): an edit writes one again.
ARTICLE_SHARDS = 16
#: Generators whose articles this build has already converted.
_done: set[int] = set()
#: Generators whose articles' cache from an earlier build was found (BUILD_PAGE_MEMO).
_warm: set[int] = set()


def start_build(pelican):
    typography.install()
    inline.install()
    remembered.install()
    _done.clear()
    _warm.clear()
    _keys.clear()
    reading.reset()
    reading.use_settings(pelican.settings)
    for cls in reading.wrapper_classes():
        ForkingPickler.register(cls, reading.reduce_wrapper)
    report_to = defaults.get(pelican.settings, "BUILD_TIMINGS_FILE")
    if report_to:
        ours = {name for name in pelican.settings.get("PLUGINS") or () if "." not in str(name)}
        timing.instrument(ours, report_to)


def convert_articles(generator):
    """article_generator_preread: sent before each article; works on the first."""
    if id(generator) in _done:
        return
    _done.add(id(generator))
    settings = generator.settings
    workers = worker_count(settings)
    use_cache = bool(defaults.get(settings, "BUILD_CACHE"))
    if workers <= 1 and not use_cache:
        return  # stock Pelican: read each file when asked
    reading.use_settings(settings)
    relpaths = sorted(
        generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    )
    prefetch = reading.Prefetch(generator)
    digests = {}
    for relpath in relpaths:
        try:
            digests[relpath] = cache.file_digest(Path(generator.path, relpath).read_bytes())
        except OSError:
            pass  # Pelican reports it when it reads the file
    memo = (
        cache.Memo(
            cache_file(settings, "articles"),
            build_key(settings),
            reading.dispatch_table(),
            shards=ARTICLE_SHARDS,
        )
        if use_cache
        else None
    )
    # Only now: the checks may still be running (checks/background.py) while the files
    # are listed and read and the cache is loaded.
    unbuilt = _unbuilt(generator)
    relpaths = [
        p
        for p in relpaths
        if p in digests and not (unbuilt and Path(generator.path, p).resolve() in unbuilt)
    ]
    if memo is not None and memo.stored:
        _warm.add(id(generator))
    todo = []
    for relpath in relpaths:
        hit = memo.get(relpath, digests[relpath]) if memo else None
        if hit is None:
            todo.append(relpath)
        else:
            prefetch.add(_absolute(generator, relpath), hit)

    enabled = wanted(defaults.get(settings, "BUILD_PROGRESS"))
    hooks.conversion_started.send(generator, converting=len(todo), cached=len(relpaths) - len(todo))
    with bar("Converting articles", len(todo), enabled) as advance:
        converted = reading.convert_all(prefetch, todo, workers, advance)
    failed = sum(result is None for _, result in converted)
    hooks.conversion_finished.send(generator, failed=failed)
    for relpath, result in converted:
        if result is not None:
            prefetch.add(_absolute(generator, relpath), result)
            # A skipped file may be built next time with the same bytes.
            if memo and result.read[1].get("status") != "skip":
                memo.put(result, relpath, digests[relpath])
    logger.info(
        "Converted %d articles with %d workers; %d from the build cache",
        len(todo),
        workers,
        len(relpaths) - len(todo),
    )
    if memo:
        memo.save()
    prefetch.serve()


def _unbuilt(generator):
    """The files the editorial checks keep out of the build, never converted here.

    Looked up when the articles are converted, not when this module is imported: the
    checks' glue imports this module, so importing it from here at the top found it
    half-initialised, and the files were converted and then skipped one by one."""
    try:
        from checks.glue import SKIP_KEY  # noqa: PLC0415 - see above
    except ImportError:  # the checks plugin is not in use
        return ()
    return generator.context.get(SKIP_KEY, ())


def _absolute(generator, relpath: str) -> str:
    return os.path.abspath(os.path.join(generator.path, relpath))


def cache_file(settings, name: str) -> Path:
    return Path(settings["CACHE_PATH"]) / f"fastbuild-{name}.pickle"


def build_key(settings) -> str:
    """Computed once per build: it hashes every plugin's source."""
    key = _keys.get(id(settings))
    if key is None:
        key = _keys[id(settings)] = cache.build_key(settings, [PLUGIN_ROOT])
    return key


_keys: dict[int, str] = {}


def write_in_parallel(generator):
    """article_generator_finalized: the context is complete, the writing is next.

    Every article's address is worked out once from here on (this receiver runs before
    any other plugin's, fastbuild being first in PLUGINS): search records, page budgets
    and the article page's values ask for them before the pages are written, 20,000
    times at 4,000 articles. Nothing changes an article's slug, date, category or
    authors after article_generator_pretaxonomy. Each tag's, category's and author's
    list of articles becomes a listings.Members, in every build."""
    listings.members_of_listings(generator)
    settings = generator.settings
    workers = worker_count(settings)
    use_cache = bool(defaults.get(settings, "BUILD_CACHE"))
    if workers > 1 or use_cache:
        writing.memoise_urls(generator.context)
        enabled = wanted(defaults.get(settings, "BUILD_PROGRESS"))
        pages = None
        if use_cache and records_pages(generator):
            pages = rendered_pages(settings, generator.context)
        elif use_cache:  # what an earlier build noted is not about these pages
            cache_file(settings, "pages").unlink(missing_ok=True)
        generator.generate_output = writing.deferring(
            generator, workers, partial(bar, enabled=enabled), pages
        )


def records_pages(generator) -> bool:
    """BUILD_PAGE_MEMO: whether this build's pages note what they read. Noting costs a
    cold build at 4,000 articles 3.5 to 4.5 CPU-s (about a tenth of it) and is of use only
    to the next build into the same folder; the live preview always notes, as its own
    first build renders every page anyway."""
    choice = defaults.get(generator.settings, "BUILD_PAGE_MEMO")
    if choice != "warm" and not isinstance(choice, bool):
        logger.warning(
            'pelicanconf.py: warning: BUILD_PAGE_MEMO = %r is none of True, False and "warm"; '
            'using "warm" [build-settings]',
            choice,
        )
        choice = "warm"
    return id(generator) in _warm if choice == "warm" else choice


def rendered_pages(settings, context) -> rendering.RenderedPages:
    """Valid for this output folder, theme and build key only."""
    output = os.path.abspath(settings["OUTPUT_PATH"])
    key = f"{build_key(settings)}:{rendering.theme_digest(settings)}:{output}"
    return rendering.RenderedPages(cache_file(settings, "pages"), key, context)


def register():
    # Before exiting.watch: its wrapper of Pelican's run() must be the outermost.
    signals.initialized.connect(garbage.hold_full_collections)
    signals.initialized.connect(exiting.watch)
    signals.initialized.connect(start_build)
    signals.article_generator_preread.connect(convert_articles)
    signals.article_generator_finalized.connect(write_in_parallel)
