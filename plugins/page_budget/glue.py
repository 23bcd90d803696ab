"""Signal glue: note where each article page goes, read what each asks for once the
pages are written, weigh them all once the site is finalised, and stop a publish build
that breaks a budget before it is swapped in.

The pages are noted from the articles generator, not as they are written: pages
may be written by worker processes (plugins/fastbuild), whose signals this process
never sees.

Each page is parsed on `page_writer_finalized` (the pages' generator writes after the
articles'), and weighed on `finalized`, once the theme's stylesheets and scripts are
copied (the static generator comes last). Parsing is most of the work, and it is done
while Pagefind may still be indexing beside the build: Pelican calls a signal's
receivers in the order they were connected, so on `finalized` plugins/site_search
(earlier in PLUGINS) waits for Pagefind first, and at 4,000 articles the build waited
there with a core idle and parsed the pages after it (0.4 to 0.8 s). Parsed earlier,
the pages no longer depend on where this plugin stands in PLUGINS. A page written
again after it was parsed is parsed again. A publish build (FAIL_ON_ERRORS) logs each
problem as an error and raises SystemExit from inside Pelican's run, so
plugins/atomic_output discards the new folder and output/ stays as it was; a
development build logs warnings and keeps what it wrote, so an author can look at the
page that is too heavy.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from fastbuild.cache import Memo
from fastbuild.glue import build_key, cache_file
from fastbuild.workers import fork_map, worker_count
from pelican import signals

from . import settings as defaults
from .measure import Assets, Request, Site, page_requests, problems, weigh

logger = logging.getLogger(__name__)

#: Article pages of this run (drafts included), relative to the output folder.
_written: list[str] = []
#: Output path -> ((output path, size, modification time in ns), the page's requests).
_read: dict[str, tuple[tuple[str, int, int], tuple[Request, ...]]] = {}
#: With BUILD_CACHE, the requests of pages from the last build, by the same key.
_memo: list[Memo | None] = [None]


def start(pelican):
    _written.clear()
    _read.clear()
    _memo[0] = None


def note_articles(generator):
    for name in ("articles", "translations", "drafts", "drafts_translations"):
        _written.extend(a.save_as for a in getattr(generator, name, ()) if a.save_as)


def site_of(settings) -> Site:
    allowed = list(defaults.get(settings, "PAGE_BUDGET_ALLOWED_HOSTS"))
    isso = settings.get("ISSO_URL") or ""
    if settings.get("COMMENTS_PROVIDER") and isso:
        allowed.append(urlsplit(isso).netloc.lower())
    return Site.from_urls(settings.get("SITEURL") or "", allowed)


def read_pages(generator, writer=None):
    """page_writer_finalized: every article page is written."""
    if defaults.get(generator.settings, "PAGE_BUDGET_ENABLED") and _written:
        read_requests(generator.settings, Path(generator.output_path), sorted(set(_written)))


def read_requests(settings, output: Path, written: list[str]) -> None:
    """What each page asks for (page_requests), read in parallel, for each page not
    read since it was written. With BUILD_CACHE, a page not written since the last
    build keeps what was read of it then: the page memo (plugins/fastbuild) leaves
    unchanged pages alone, so a rebuild of an edit reads the few pages it wrote, not
    the 4,000 it kept.

    Not written since: the same size and modification time, to the nanosecond; a
    page written again with the same bytes is read again."""
    if _memo[0] is None and settings.get("BUILD_CACHE"):
        _memo[0] = Memo(cache_file(settings, "page-budget"), build_key(settings) + ":requests")
    stored = _memo[0].stored if _memo[0] else {}

    def stat_of(relpath: str) -> tuple[str, int, int] | None:
        try:
            stat = (output / relpath).stat()
        except OSError:
            return None  # written over by a later page of this build; that one counts
        return relpath, stat.st_size, stat.st_mtime_ns

    def read(relpath: str):
        key = stat_of(relpath)
        if key is None:
            return None
        known = stored.get(key)
        if known is not None:
            return key, known
        try:
            return key, tuple(page_requests((output / relpath).read_bytes()))
        except OSError:
            return None

    todo = [p for p in written if p not in _read or _read[p][0] != stat_of(p)]
    for relpath, found in zip(todo, fork_map(read, todo, worker_count(settings)), strict=True):
        if found is None:
            _read.pop(relpath, None)
        else:
            _read[relpath] = found


def weigh_all(settings, output: Path, written: list[str]) -> list:
    """A report per page still there, in the order given."""
    read_requests(settings, output, written)
    site, assets = site_of(settings), Assets(output)
    reports = []
    # Every page asks for the theme's files: kept as one object each, the memo holds
    # each request once (pickle writes an object it has seen as a reference).
    same: dict[Request, Request] = {}
    for relpath in written:
        found = _read.get(relpath)
        if found is None:
            continue
        key, requests = found
        reports.append(weigh(relpath, key[1], requests, site, assets))
        if _memo[0] is not None:
            _memo[0].put(tuple(same.setdefault(r, r) for r in requests), *key)
    if _memo[0] is not None:
        _memo[0].save()
    return reports


def refusal(count: int) -> str:
    return (
        f"Refusing to publish: {count} page budget error{'s' if count != 1 else ''} above. "
        "Fix them and run the publish build again; output/ was left as it was."
    )


def weigh_pages(pelican):
    settings = pelican.settings
    written, _written[:] = sorted(set(_written)), []
    if not defaults.get(settings, "PAGE_BUDGET_ENABLED") or not written:
        return
    output = Path(pelican.output_path)
    budget = int(defaults.get(settings, "PAGE_BUDGET_BYTES"))
    publishing = bool(settings.get("FAIL_ON_ERRORS"))
    errors = 0
    heaviest = None
    for report in weigh_all(settings, output, written):
        if heaviest is None or report.weight.total > heaviest.weight.total:
            heaviest = report
        for rule, message in problems(report, budget):
            if publishing:
                errors += 1
                logger.error("%s: error: %s [%s]", report.path, message, rule)
            else:
                logger.warning("%s: warning: %s [%s]", report.path, message, rule)
    if heaviest is not None:
        w = heaviest.weight
        logger.info(
            "Page budget: %d article pages weighed; heaviest %s, %s bytes "
            "(HTML %s + CSS %s + JS %s) of %s",
            len(written),
            heaviest.path,
            f"{w.total:,}",
            f"{w.html:,}",
            f"{w.css:,}",
            f"{w.js:,}",
            f"{budget:,}",
        )
    if errors:
        logger.critical(refusal(errors))
        # SystemExit passes through Pelican's catch-all (no traceback) and through
        # plugins/atomic_output's wrapper, which then discards the new folder.
        raise SystemExit(1)


def register():
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(note_articles)
    signals.page_writer_finalized.connect(read_pages)
    signals.finalized.connect(weigh_pages)
