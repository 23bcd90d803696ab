"""Signal glue: note where each article page goes, weigh them all once the site is
finalised, and stop a publish build that breaks a budget before it is swapped in.

The pages are noted from the articles generator, not as they are written: pages
may be written by worker processes (plugins/fastbuild), whose signals this process
never sees.

The pages are weighed on `finalized`, after plugins/fingerprint has written the
fingerprinted stylesheets they link (its receiver is connected first: it is earlier
in PLUGINS). A publish build (FAIL_ON_ERRORS) logs each problem as an error and
raises SystemExit from inside Pelican's run, so plugins/atomic_output discards the
new folder and output/ stays as it was; a development build logs warnings and keeps
what it wrote, so an author can look at the page that is too heavy.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from fastbuild.cache import Memo, file_digest
from fastbuild.glue import build_key, cache_file
from fastbuild.workers import fork_map, worker_count
from pelican import signals

from . import settings as defaults
from .measure import Assets, Site, measure_page, problems

logger = logging.getLogger(__name__)

#: Article pages of this run (drafts included), relative to the output folder.
_written: list[str] = []


def start(pelican):
    _written.clear()


def note_articles(generator):
    for name in ("articles", "translations", "drafts", "drafts_translations"):
        _written.extend(a.save_as for a in getattr(generator, name, ()) if a.save_as)


def site_of(settings) -> Site:
    allowed = list(defaults.get(settings, "PAGE_BUDGET_ALLOWED_HOSTS"))
    isso = settings.get("ISSO_URL") or ""
    if settings.get("COMMENTS_PROVIDER") and isso:
        allowed.append(urlsplit(isso).netloc.lower())
    return Site.from_urls(settings.get("SITEURL") or "", allowed)


def weigh_all(settings, output: Path, written: list[str]) -> list:
    """A report per page still there, in the order given, weighed in parallel; with
    BUILD_CACHE a page not written since the last build keeps its report.

    Not written since: the same size and modification time, to the nanosecond, as
    when it was weighed. The page memo (plugins/fastbuild) leaves unchanged pages
    alone, so a rebuild of an edit weighs the few pages it wrote instead of reading
    the 4,000 it kept; a page written again with the same bytes is weighed again."""
    site, assets = site_of(settings), Assets(output)
    memo = measured_before(settings, output)

    def weigh(relpath: str):
        path = output / relpath
        try:
            stat = path.stat()
            known = memo and memo.stored.get((relpath, stat.st_size, stat.st_mtime_ns))
            if known:
                return stat, known
            html = path.read_bytes()
        except OSError:
            return None, None  # written over by a later page of this build; that one counts
        return stat, measure_page(relpath, html, site, assets)

    reports = []
    results = fork_map(weigh, written, worker_count(settings))
    for relpath, (stat, report) in zip(written, results, strict=True):
        if report is not None:
            reports.append(report)
            if memo:
                memo.put(report, relpath, stat.st_size, stat.st_mtime_ns)
    if memo:
        memo.save()
    return reports


def measured_before(settings, output: Path) -> Memo | None:
    """With BUILD_CACHE, the weights of pages not written since the last build are
    reused, as long as no stylesheet or script of the site changed either (their
    names and bytes are part of the key)."""
    if not settings.get("BUILD_CACHE"):
        return None
    assets = sorted(
        f"{p.relative_to(output).as_posix()}:{file_digest(p.read_bytes())}"
        for p in _stylesheets_and_scripts(output)
    )
    key = build_key(settings) + file_digest("\n".join(assets).encode())
    return Memo(cache_file(settings, "page-budget"), key)


def _stylesheets_and_scripts(output: Path):
    """Outside Pagefind's folders (their scripts are not the site's). os.walk, not
    Path.rglob: the output of a 4,000-article site holds some 17,000 entries, and
    making a Path of each took 0.3 s of every rebuild."""
    for folder, subfolders, files in os.walk(output):
        subfolders[:] = [name for name in subfolders if name != "pagefind"]
        for name in files:
            if name.endswith((".css", ".js")):
                yield Path(folder, name)


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
    signals.finalized.connect(weigh_pages)
