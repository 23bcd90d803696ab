"""Signal receivers: settings defaults, a settings check before anything is written,
and the Pagefind index built over the output once Pelican has written every page.

Indexing on `finalized` (not in tasks.py) means every way of building the site gets
the index: `make build`, the invoke tasks, livereload, the tests' builds and the
publish build.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from byline.glue import display_path
from pelican import signals
from pelican.log import console

from .background import building_marker, failure_note
from .config import SettingError, bundle_path, index_config
from .indexer import IndexRun, stabilise_bundle
from .report import indexed_pages, measure, summary
from .settings import DEFAULTS
from .stable import UnknownLayout

logger = logging.getLogger(__name__)

#: What the current build learnt before writing: the checked Pagefind config (None
#: when a setting is wrong), how many published articles there are to index, and the
#: ones whose page is not written yet.
_build = {"config": None, "articles": 0, "run": None, "unwritten": set(), "generator": None}


def set_defaults(pelican):
    if _build["run"] is not None:  # an earlier build in this process stopped half-way
        _build["run"].stop()
        _build["run"] = None
    _build["unwritten"], _build["generator"] = set(), None
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, copy.deepcopy(value))


def check_settings(generator):
    """Runs while content is read, so publish_guard counts a bad setting before writing."""
    _build["articles"] = len(generator.articles) + len(generator.translations)
    _build["unwritten"] = {id(a) for a in (*generator.articles, *generator.translations)}
    _build["generator"] = generator
    try:
        _build["config"] = index_config(generator.settings)
    except SettingError as exc:
        _build["config"] = None
        logger.error("pelicanconf.py: error: %s [search-settings]", exc)


def article_written(path, context=None):
    """content_written: once the last published article's page is on disk, Pagefind
    (which reads only those) starts, while the listings and feeds are still being
    written."""
    article = (context or {}).get("article")
    unwritten = _build["unwritten"]
    if article is None or id(article) not in unwritten:
        return
    unwritten.discard(id(article))
    if not unwritten and _build["generator"] is not None:
        start_index(_build["generator"])


def start_index(generator, writer=None):
    """When every article page (all Pagefind reads) is written, or at the latest on
    page_writer_finalized. Pagefind works while Pelican writes the rest, copies static
    files and the other plugins finish; index_site waits for it. The live preview
    indexes in the background instead, after the build. A publish build
    (ATOMIC_OUTPUT) indexes at the end, once nothing can still refuse and discard the
    folder Pagefind would be writing into."""
    settings = generator.settings
    config = _build["config"]
    later = settings.get("SEARCH_INDEX_IN_BACKGROUND") or settings.get("ATOMIC_OUTPUT")
    if config is None or not _build["articles"] or later or _build["run"] is not None:
        return
    output = Path(generator.output_path)
    bundle = bundle_path(output, settings)
    if bundle.is_dir():
        shutil.rmtree(bundle)  # no stale fragment from an earlier build survives
    try:
        _build["run"] = IndexRun(output, bundle, config)
    except OSError:
        _build["run"] = None  # index_site tries again, and reports what went wrong


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
    if _build["articles"] and pelican.settings.get("SEARCH_INDEX_IN_BACKGROUND"):
        index_in_background(output, bundle, config)
        return
    if not _build["articles"]:
        if bundle.is_dir():
            shutil.rmtree(bundle)  # no stale fragment from an earlier build survives
        # Without any data-pagefind-body on the site, Pagefind would index every
        # page whole (navigation included), so there is nothing to index.
        console.print("Search index: not built, no published article to index.")
        return

    run, _build["run"] = _build["run"], None
    try:
        if run is None or run.bundle != bundle.resolve():  # not started by start_index
            if run is not None:
                run.stop()
            if bundle.is_dir():
                shutil.rmtree(bundle)
            run = IndexRun(output, bundle, config)
        read = run.wait()
        pages = indexed_pages(json.loads((bundle / "pagefind-entry.json").read_text("utf-8")))
    except Exception as exc:  # Pagefind reports its failures as bare Exceptions; OSError, ...
        logger.error(
            "%s: error: the search index could not be built: %s [search-index]",
            display_path(output),
            exc,
        )
        if pelican.settings.get("FAIL_ON_ERRORS"):
            raise SystemExit(1) from None
        return
    try:
        stabilise_bundle(bundle)
    except UnknownLayout as exc:
        logger.warning(
            "%s: the search index works but will differ from one build to the next: %s",
            display_path(bundle),
            exc,
        )
    seconds = time.perf_counter() - run.started
    if pages != _build["articles"]:
        logger.warning(
            "Search index: %d pages indexed for %d published articles; every published "
            "article (and nothing else) should carry data-pagefind-body in the theme",
            pages,
            _build["articles"],
        )

    files = [
        (p.relative_to(bundle).as_posix(), p.stat().st_size)
        for p in bundle.rglob("*")
        if p.is_file()
    ]
    console.print(summary(pages, read, seconds, measure(files), display_path(bundle) + "/"))


def index_in_background(output: Path, bundle: Path, config: dict) -> None:
    """Start background.py and return; it swaps the new index in when it is done."""
    plugins = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([plugins, os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-m", "site_search.background", str(output), str(bundle)]
    # Marked from now on, not from when the new process gets going.
    building_marker(bundle).write_text("starting\n", encoding="utf-8")
    subprocess.Popen(
        [*cmd, json.dumps(config)],
        env=env,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    console.print(f"Search index: rebuilding in the background into {display_path(bundle)}/")


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(check_settings)
    signals.content_written.connect(article_written)
    signals.page_writer_finalized.connect(start_index)
    signals.finalized.connect(index_site)
