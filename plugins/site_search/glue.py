"""Signal receivers: settings defaults; while the articles are converted, the
workers' forecast of the search records and Pagefind started on it (early.py); once
the articles are read, a settings check, the search records (compared with the
forecast, or Pagefind started on them); at the end, the index moved into the output.

Indexing in the build (not in tasks.py) means every way of building the site gets
the index: `make build`, the invoke tasks, livereload, the tests' builds and the
publish build. Pagefind reads the records (records.py), not the article pages, so it
works while Pelican renders and writes the pages, on the core the build leaves idle
in its one-core steps. It writes into a folder of its own, moved into the output
only when complete: a build that deletes its output folder before writing
(DELETE_OUTPUT_DIRECTORY) or that is refused (publish_guard) never sees half an
index.
"""

from __future__ import annotations

import atexit
import copy
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from byline.glue import display_path
from byline.policy import natural_join
from fastbuild.exiting import on_terminate
from fastbuild.hooks import article_converted, conversion_finished, conversion_started
from fastbuild.workers import fork_map, worker_count, yield_to_sidecar
from pelican import signals
from pelican.log import console

from . import early
from .background import building_marker, failure_note
from .config import SettingError, bundle_path, index_config
from .indexer import IndexRun, stabilise_bundle, stop_unfinished
from .records import SearchRecord, indexed_body, record_html, write_records
from .report import indexed_pages, measure, summary
from .settings import DEFAULTS
from .stable import ENTRY, UnknownLayout

logger = logging.getLogger(__name__)

#: What a small file takes in memory or on disk at least.
PAGE_BYTES = 4096

#: What the current build learnt when its articles were read: the checked Pagefind
#: config (None when a setting is wrong), how many published articles there are to
#: index (and, for the live preview, which: see index_in_background), the folder of
#: their records, the folder Pagefind writes its bundle into until it is moved into
#: the output, Pagefind's run, and what ends the clean-up of all that on SIGTERM
#: (fastbuild.exiting.on_terminate). While the articles are converted: the config,
#: checked already, the folder the workers write their forecast records in and the
#: site's language (early.py); then whether `records` and `run` are that forecast's,
#: still to be compared.
_build = {
    "config": None,
    "articles": 0,
    "published": [],
    "records": None,
    "staging": None,
    "run": None,
    "release": None,
    "flat": None,
    "lang": None,
    "forecast": False,
}


def set_defaults(pelican):
    _discard()  # an earlier build in this process stopped half-way
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, copy.deepcopy(value))


def _discard() -> None:
    release, _build["release"] = _build["release"], None
    if release is not None:
        release()
    folders = _build["records"], _build["staging"], _build["flat"]
    _build["run"] = _build["records"] = _build["staging"] = _build["flat"] = None
    _build["published"] = []
    _build["forecast"] = False
    yield_to_sidecar(False)
    # Every run not waited for, _build's included, and one ended while it started,
    # before it was noted there.
    stop_unfinished()
    for folder in folders:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


# A build that stops before index_site (an error, a refused publish build) leaves no
# records or half-written bundle behind.
atexit.register(_discard)


def _memory_folder(needed: int) -> str | None:
    """Where records of `needed` bytes go: a folder in memory (tmpfs) where the system
    has one with room to spare, as creating thousands of small files on a disk costs
    up to a millisecond each; the system's temporary folder otherwise (a container's
    /dev/shm is often 64 MB)."""
    shm = "/dev/shm"
    try:
        room = os.statvfs(shm)
    except OSError:
        return None
    free = room.f_bavail * room.f_frsize
    return shm if os.access(shm, os.W_OK) and free > 2 * needed else None


def _records_folder(pages: list[tuple[str, str]]) -> Path:
    """A new folder for the records of `pages`, (path, HTML) pairs."""
    needed = sum(len(html) + PAGE_BYTES for _, html in pages)  # a file takes a page at least
    return Path(tempfile.mkdtemp(prefix="column-search-records-", dir=_memory_folder(needed)))


def article_record(article, lang: str) -> SearchRecord:
    """What the index holds of a published article: the headline and body as the
    article page renders them (the body's text: records.indexed_body), its columnists,
    column and year to filter by, its date to sort by, and the details shown under
    each result."""
    authors = [str(a) for a in getattr(article, "authors", None) or ()]
    category = str(article.category)
    return SearchRecord(
        path=article.save_as,
        lang=lang,
        title_html=article.title,
        body_html=indexed_body(article._content),
        filters={"columnist": authors, "column": [category], "year": [str(article.date.year)]},
        sort={"date": str(int(article.date.timestamp()))},
        meta={"columnist": natural_join(authors), "column": category, "date": article.locale_date},
    )


def _record_page(article, lang: str) -> tuple[str, str]:
    record = article_record(article, lang)  # Pelican works save_as out on every call
    return record.path, record_html(record)


def forecast_records(generator, converting: int, cached: int) -> None:
    """fastbuild.hooks.conversion_started: have the workers write a forecast of the
    records (early.py), when they convert every article of a build that indexes
    them at its end. Not for the live preview, which indexes after the build, nor
    with one worker, no fork (the build process would convert them itself) or a warm
    build cache, where there is no conversion to ride on."""
    settings = generator.settings
    if cached or not converting or settings.get("SEARCH_INDEX_IN_BACKGROUND"):
        return
    if worker_count(settings) <= 1 or not hasattr(os, "fork"):
        return
    try:
        config = index_config(settings)
    except SettingError:
        return  # reported once the articles are read
    _discard()
    _build["config"] = config
    needed = converting * 3 * PAGE_BYTES  # a record and the page it takes at least
    _build["flat"] = Path(
        tempfile.mkdtemp(prefix="column-search-forecast-", dir=_memory_folder(needed))
    )
    _build["lang"] = settings["DEFAULT_LANG"]
    _build["release"] = on_terminate(_discard)


def write_forecast(article) -> None:
    """fastbuild.hooks.article_converted, in a conversion worker."""
    flat = _build["flat"]
    if flat is None or article.status != "published":
        return
    try:
        path, html = _record_page(article, _build["lang"])
    except Exception:  # the build renders this record again, and reports what is wrong
        early.mark_failed(flat)
        return
    early.write_flat(flat, path, html)


def start_on_forecast(generator, failed: int) -> None:
    """fastbuild.hooks.conversion_finished: start Pagefind on the forecast records."""
    flat = _build["flat"]
    if flat is None:
        return
    if failed:  # Pelican reads those articles again, and may publish them
        _discard()
        return
    try:
        records = _build["records"] = Path(
            tempfile.mkdtemp(prefix="column-search-records-", dir=flat.parent)
        )
        early.arrange(flat, records)
        _start(Path(generator.output_path), _build["config"])
    except (OSError, ValueError):
        _discard()
        return
    shutil.rmtree(flat, ignore_errors=True)
    _build["flat"] = None
    _build["forecast"] = True
    logger.info("Search index: Pagefind started on the conversion workers' records")


def prepare_index(generator):
    """Once the articles are read (and the ones that cannot be built dropped): check
    the settings, so publish_guard counts a wrong one before anything is written;
    render the records in the build's worker processes and write them; start
    Pagefind on them. When Pagefind already runs on the workers' forecast of the
    records (early.py), render them here and compare instead: it goes on if they are
    the same. The live preview renders its records and indexes them in the
    background instead, after the build (index_in_background).

    article_generator_pretaxonomy, not _finalized: Pagefind then starts before the
    other plugins' one-core work on the articles (related stories, the article page's
    details, notices), and uses the core they leave idle (at 4,000 articles it started
    about a second into _finalized's receivers). plugins/columnists, earlier in
    PLUGINS, has set the columnists' names by then."""
    settings = generator.settings
    published = [
        a for a in (*generator.articles, *generator.translations) if a.status == "published"
    ]
    forecast = _build["forecast"]
    if not forecast:
        _discard()
    _build["articles"] = len(published)
    try:
        config = _build["config"] = index_config(settings)
    except SettingError as exc:
        _discard()
        _build["config"] = None
        logger.error("pelicanconf.py: error: %s [search-settings]", exc)
        return
    if not published:
        _discard()
        return
    if settings.get("SEARCH_INDEX_IN_BACKGROUND"):
        _build["published"] = published
        return
    render = partial(_record_page, lang=settings["DEFAULT_LANG"])
    if forecast:
        pages = [render(article) for article in published]
        _build["forecast"] = False
        why = early.differences(_build["records"], pages)
        if why is None:
            return
        logger.info(
            "Search index: started again, as the workers' records differ from the "
            "articles as built (%s)",
            why,
        )
        _discard()
    else:
        pages = fork_map(render, published, worker_count(settings))
    # A build ended by SIGTERM (a process manager, a timeout, `kill`) would leave the
    # records in memory (until the next boot), the staging folder, and Pagefind running.
    _build["release"] = on_terminate(_discard)
    try:
        records = _build["records"] = _records_folder(pages)
        write_records(records, pages)
    except (OSError, ValueError) as exc:
        _discard()
        where = getattr(exc, "filename", None) or tempfile.gettempdir()
        logger.error(
            "%s: error: the search records could not be written: %s [search-index]", where, exc
        )
        return
    try:
        _start(Path(generator.output_path), config)
    except OSError:
        pass  # index_site tries again, and reports what went wrong


def _start(output: Path, config: dict) -> None:
    """Pagefind into a folder beside the output (the same disk, so the finished bundle
    is moved in at once), not inside it: nothing can delete it half-written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = _build["staging"] = Path(
        tempfile.mkdtemp(prefix=f".{output.name}-search-", dir=output.parent)
    )
    _build["run"] = IndexRun(
        _build["records"], staging / "bundle", config, workdir=staging, one_core=True
    )
    yield_to_sidecar(True)  # the build's workers let Pagefind have its core


def index_site(pelican):
    config = _build["config"]
    if config is None:
        logger.warning("The search index was not built: fix the setting reported above.")
        return
    output = Path(pelican.output_path)
    bundle = bundle_path(output, pelican.settings)
    note = failure_note(bundle)
    if note.exists():
        logger.warning(
            "%s: the search index of the previous preview was not built: %s",
            display_path(bundle),
            note.read_text(encoding="utf-8").strip(),
        )
        note.unlink()
    if _build["published"] and pelican.settings.get("SEARCH_INDEX_IN_BACKGROUND"):
        index_in_background(_build["published"], pelican.settings["DEFAULT_LANG"], bundle, config)
        _discard()  # nothing left of this build to clean up
        return
    if bundle.is_dir():
        shutil.rmtree(bundle)  # no stale fragment from an earlier build survives
    if not _build["articles"]:
        # Without any record there is nothing to index.
        console.print("Search index: not built, no published article to index.")
        return
    if _build["records"] is None:
        return  # the records could not be written: reported when it happened
    try:
        _index(pelican, bundle, config)
    finally:
        _discard()


def _index(pelican, bundle: Path, config: dict) -> None:
    """Wait for Pagefind (started now if it could not be before), then move its
    bundle, made stable, into the output."""
    try:
        if _build["run"] is None:
            _start(Path(pelican.output_path), config)
        run = _build["run"]
        staged = run.bundle
        read = run.wait()
        pages = indexed_pages(json.loads((staged / ENTRY).read_text("utf-8")))
    except Exception as exc:  # Pagefind reports its failures as bare Exceptions; OSError, ...
        logger.error(
            "%s: error: the search index could not be built: %s [search-index]",
            display_path(Path(pelican.output_path)),
            exc,
        )
        if pelican.settings.get("FAIL_ON_ERRORS"):
            raise SystemExit(1) from None
        return
    try:
        stabilise_bundle(staged)
    except UnknownLayout as exc:
        logger.warning(
            "%s: the search index works but will differ from one build to the next: %s",
            display_path(bundle),
            exc,
        )
    bundle.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(staged, bundle)
    seconds = time.perf_counter() - run.started
    if pages != _build["articles"]:
        logger.warning(
            "Search index: %d pages indexed for %d published articles; every published "
            "article should have one search record",
            pages,
            _build["articles"],
        )

    files = [
        (p.relative_to(bundle).as_posix(), p.stat().st_size)
        for p in bundle.rglob("*")
        if p.is_file()
    ]
    console.print(summary(pages, read, seconds, measure(files), display_path(bundle) + "/"))


def index_in_background(articles: list, lang: str, bundle: Path, config: dict) -> None:
    """Fork a process and return: it writes the records of `articles`, then becomes
    background.py, which indexes them, swaps the new index in when it is done, and
    removes the records.

    The records are rendered there, not in the build: the preview of an edit is ready
    that much sooner (0.3 s of 5 at 4,000 articles), and the fork has every article
    at hand. It lets go of the build's output (stdin, stdout and stderr go to
    /dev/null at once), so whatever waits for the build to end (livereload, a test
    reading its output) does not wait for it; a failure is written for the next build
    to report (background.failure_note), as background.py does. Where there is no
    fork (Windows), the records are written here and background.py started."""
    plugins = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([plugins, os.environ.get("PYTHONPATH", "")])}
    # Marked from now on, not from when the new process gets going.
    building_marker(bundle).write_text("starting\n", encoding="utf-8")
    if not hasattr(os, "fork"):
        start = partial(
            subprocess.Popen,
            env=env,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _with_records(articles, lang, bundle, config, start)
        except (OSError, ValueError) as exc:
            _not_written(bundle, exc)
    elif not os.fork():
        _become_background(articles, lang, bundle, config, env)
    console.print(f"Search index: rebuilding in the background into {display_path(bundle)}/")


def _with_records(articles: list, lang: str, bundle: Path, config: dict, start) -> None:
    """Write the records of `articles` into a new folder and `start` background.py on
    it (given its command line), which removes it; the folder goes if either fails."""
    pages = [_record_page(article, lang) for article in articles]
    records = _records_folder(pages)
    try:
        write_records(records, pages)
        module = [sys.executable, "-m", "site_search.background"]
        start([*module, str(records), str(bundle), json.dumps(config)])
    except BaseException:
        shutil.rmtree(records, ignore_errors=True)
        raise


def _become_background(articles: list, lang: str, bundle: Path, config: dict, env: dict) -> None:
    """In the forked process: never returns."""
    try:
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        _with_records(articles, lang, bundle, config, lambda cmd: os.execve(cmd[0], cmd, env))
    except BaseException as exc:  # whatever it is, the next build reports it
        try:
            _not_written(bundle, exc)
        finally:
            os._exit(1)


def _not_written(bundle: Path, exc: BaseException) -> None:
    failure_note(bundle).write_text(f"the search records were not written: {exc}\n")
    building_marker(bundle).unlink(missing_ok=True)


def register():
    signals.initialized.connect(set_defaults)
    conversion_started.connect(forecast_records)
    article_converted.connect(write_forecast)
    conversion_finished.connect(start_on_forecast)
    signals.article_generator_pretaxonomy.connect(prepare_index)
    signals.finalized.connect(index_site)
