"""Signal glue: note each article page as it is written, weigh them all once the site
is finalised, and stop a publish build that breaks a budget before it is swapped in.

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

from pelican import signals

from . import settings as defaults
from .measure import Assets, Site, measure_page, problems

logger = logging.getLogger(__name__)

#: Article pages written in this run, as the writer named them.
_written: list[str] = []


def start(pelican):
    _written.clear()


def note_article(path, context=None):
    if context and context.get("article") is not None:
        _written.append(str(path))


def site_of(settings) -> Site:
    allowed = list(defaults.get(settings, "PAGE_BUDGET_ALLOWED_HOSTS"))
    isso = settings.get("ISSO_URL") or ""
    if settings.get("COMMENTS_PROVIDER") and isso:
        allowed.append(urlsplit(isso).netloc.lower())
    return Site.from_urls(settings.get("SITEURL") or "", allowed)


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
    site = site_of(settings)
    assets = Assets(output)
    budget = int(defaults.get(settings, "PAGE_BUDGET_BYTES"))
    publishing = bool(settings.get("FAIL_ON_ERRORS"))
    errors = 0
    heaviest = None
    for name in written:
        path = Path(name)
        relpath = Path(os.path.relpath(path, output)).as_posix()
        try:
            html = path.read_bytes()
        except OSError:
            continue  # written over by a later page of this build; the later one counts
        report = measure_page(relpath, html, site, assets)
        if heaviest is None or report.weight.total > heaviest.weight.total:
            heaviest = report
        for rule, message in problems(report, budget):
            if publishing:
                errors += 1
                logger.error("%s: error: %s [%s]", relpath, message, rule)
            else:
                logger.warning("%s: warning: %s [%s]", relpath, message, rule)
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
    signals.content_written.connect(note_article)
    signals.finalized.connect(weigh_pages)
