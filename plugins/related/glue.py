"""Signal glue: once every article is read, attach `article.related_stories`, a list of
articles (not `article.related`: Pelican already puts the `Related:` line's text there).

Runs on `article_generator_finalized`, after the byline plugin has dropped incomplete
articles and before publish_guard checks for errors, so a bad pin stops a publish build.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from byline.glue import display_path
from fastbuild.cache import Memo, file_digest
from fastbuild.glue import build_key, cache_file
from fastbuild.settings import get as get_build_setting
from fastbuild.workers import fork_map, spare_workers
from pelican import signals

from .extract import parse_pins, plain_text, text_for_words
from .pages import small_pages
from .scoring import Doc, RelatedIndex, Terms, Weights, count_terms, format_explanation
from .settings import DEFAULTS

logger = logging.getLogger(__name__)


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def weights_from(settings: dict) -> Weights:
    """The configured weights; bad values are reported and the defaults used instead."""
    try:
        return Weights.from_mapping(
            dict(setting(settings, "RELATED_WEIGHTS")),
            float(setting(settings, "RELATED_TIME_HALF_LIFE")),
        )
    except (TypeError, ValueError) as exc:
        logger.error(
            "%s: error: RELATED_WEIGHTS / RELATED_TIME_HALF_LIFE: %s; using the defaults "
            "[related-settings]",
            "pelicanconf.py",
            exc,
        )
        return Weights()


class DisplayPaths:
    """byline.glue.display_path of many files, eight times faster: the working directory
    is resolved once, each folder once (a file that is no link is where its folder is:
    one lstat, not one per folder on the way), a file below it is cut from its real
    path as a string, and files outside it are recognised without an exception. Same
    paths (tests/test_related_site.py compares them)."""

    def __init__(self, cwd: Path | None = None):
        self.cwd = Path(cwd or os.getcwd()).resolve()
        self.prefix = str(self.cwd)
        #: What a real path below the working directory starts with (the root ends in
        #: a separator already).
        self.inside = self.prefix if self.prefix.endswith(os.sep) else self.prefix + os.sep
        self._folders: dict[str, str] = {}

    def _real(self, path: str | Path) -> str:
        path = os.fspath(path)
        if ".." in path or os.path.islink(path):  # ".." after a link leaves where it points
            return os.path.realpath(path)
        folder, name = os.path.split(os.path.abspath(path))
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)

    def __call__(self, path: str | Path) -> str:
        real = self._real(path)
        if real.startswith(self.inside):  # real paths hold no "." or "//" to tidy
            return real[len(self.inside) :].replace(os.sep, "/")
        if real.startswith(self.prefix):
            try:
                return Path(real).relative_to(self.cwd).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()


def to_doc(article, candidate: bool, terms: Terms | None = None, path: str | None = None) -> Doc:
    """The article as scoring sees it; with its `terms` known, its body text is not
    needed (nor extracted). `path`: its display_path, when already known."""
    return Doc(
        slug=article.slug,
        path=path or display_path(article.source_path),
        title=plain_text(getattr(article, "title", "")),
        text="" if terms else plain_text(getattr(article, "_content", "")),
        date=article.date,
        category=str(getattr(article, "category", "") or ""),
        tags=tuple(str(t) for t in getattr(article, "tags", None) or ()),
        pins=parse_pins(article.metadata.get("related")),
        candidate=candidate,
        terms=terms,
    )


def _markup(article) -> tuple[str, str]:
    """What an article's terms are computed from: its title and body as rendered."""
    return getattr(article, "title", "") or "", getattr(article, "_content", "") or ""


def _count(markup: tuple[str, str]) -> Terms:
    title, body = markup
    return count_terms(text_for_words(title), text_for_words(body))


def _digest(markup: tuple[str, str]) -> str:
    title, body = markup
    return file_digest(f"{len(title)}:{title}{body}".encode("utf-8", "surrogatepass"))


def article_terms(articles: list, settings: dict) -> list[Terms]:
    """Each article's counted words: from the build cache when its title and body are
    unchanged (BUILD_CACHE), the others counted in worker processes. Counting is most of
    the step's time, so a rebuild after one edit counts one article."""
    markups = [_markup(a) for a in articles]
    memo = None
    if get_build_setting(settings, "BUILD_CACHE"):
        memo = Memo(cache_file(settings, "related"), build_key(settings))
    digests = [_digest(m) for m in markups] if memo else []
    terms = [memo.get(d) for d in digests] if memo else [None] * len(articles)
    todo = [i for i, t in enumerate(terms) if t is None]
    counted = fork_map(_count, [markups[i] for i in todo], spare_workers(settings))
    for i, t in zip(todo, counted, strict=True):
        terms[i] = t
        if memo:
            memo.put(t, digests[i])
    if memo:
        memo.save()
    logger.info(
        "Related stories: counted the words of %d articles, %d from the build cache",
        len(todo),
        len(articles) - len(todo),
    )
    return terms


def index_for(generator) -> tuple[RelatedIndex, dict]:
    """The index of the generator's articles, and each path's article."""
    listed = list(generator.articles)
    unlisted = list(generator.hidden_articles) + list(generator.drafts)
    articles = [(a, True) for a in listed] + [(a, False) for a in unlisted]
    terms = article_terms([a for a, _ in articles], generator.settings)
    docs, by_path = [], {}
    paths = DisplayPaths()
    for (article, candidate), counted in zip(articles, terms, strict=True):
        doc = to_doc(article, candidate, counted, paths(article.source_path))
        docs.append(doc)
        by_path[doc.path] = article
    return RelatedIndex(docs, weights_from(generator.settings)), by_path


def count_and_minimum(settings: dict) -> tuple[int, float]:
    return int(setting(settings, "RELATED_COUNT")), float(setting(settings, "RELATED_MIN_SCORE"))


def reported_by_checks(rule: str, settings: dict) -> bool:
    """Whether plugins/checks already reports this kind of pin problem in this build (it
    finds unknown slugs, with the line and a "did you mean"): one problem, one report,
    so publish_guard's count and the editor's list stay honest."""
    return (
        rule == "related-unknown"
        and "checks" in settings.get("PLUGINS", [])
        and rule not in settings.get("CHECKS_DISABLED", [])
    )


def attach_related(generator):
    with small_pages():
        _attach_related(generator)


def _attach_related(generator):
    settings = generator.settings
    index, by_path = index_for(generator)
    k, min_score = count_and_minimum(settings)
    # In worker processes where a core is free (the live preview, mostly one-core
    # otherwise: 0.4 of its 5 s at 4,000 articles), here beside Pagefind.
    result = index.related(
        k, min_score, lambda job, blocks: fork_map(job, blocks, spare_workers(settings))
    )
    for problem in result.problems:
        if not reported_by_checks(problem.rule, settings):
            logger.error("%s: error: %s [%s]", problem.path, problem.message, problem.rule)
    by_slug = {doc.slug: by_path[doc.path] for doc in reversed(index.docs) if doc.candidate}
    for path, article in by_path.items():
        article.related_stories = [by_slug[p.slug] for p in result.picks.get(path, [])]
    explain = setting(settings, "RELATED_EXPLAIN")
    for slug in [explain] if isinstance(explain, str) else explain:
        try:
            explanation = index.explain(slug, 10, k, min_score)
        except KeyError:
            logger.warning("RELATED_EXPLAIN: no article with the slug %r", slug)
            continue
        print(format_explanation(explanation), file=sys.stderr)


def read_articles(settings_file: str, overrides: dict | None = None):
    """Run Pelican's article reading alone (no writing) and return its ArticlesGenerator.

    For `invoke related-explain` and the benchmark: what a build knows once every article
    is read, without the minutes a large site takes to write. Plugins in PLUGINS run as in
    a build (drop `related` from them to time reading without it).
    """
    from pelican import Pelican  # noqa: PLC0415 - only these tools need it
    from pelican.generators import ArticlesGenerator  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    settings = read_settings(settings_file, override=overrides or {})
    Pelican(settings)  # registers the plugins, as a build does
    context = {
        **settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": settings["SITEURL"],
    }
    generator = ArticlesGenerator(
        context=context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=settings["OUTPUT_PATH"],
    )
    generator.generate_context()
    return generator


def explain(settings_file: str, slug: str, count: int = 10, overrides=None) -> str:
    """The explanation table for one article of the site `settings_file` describes."""
    generator = read_articles(settings_file, overrides)
    index, _ = index_for(generator)
    k, min_score = count_and_minimum(generator.settings)
    return format_explanation(index.explain(slug, count, k, min_score))


def register():
    signals.article_generator_finalized.connect(attach_related)
