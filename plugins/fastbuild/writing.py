"""Write the articles' pages in worker processes, in Pelican's order.

The articles generator's output (article pages, listings, archives, feeds) is most
of what is left of a build once reading is fast. While the generator runs, each
call to the writer is queued instead of run; then the build process and workers
forked from it run the calls, a share each, and their log records are printed in
call order. Every page is rendered from the same context as in a serial build, so
the files are the same.

Receivers of `content_written` (which read or note the written page) run here, in
the build process, once every page is written: each worker reports the files each
call wrote, and they are announced in call order with the call's context (the
context of a listing's first page for all its pages), so plugins that collect pages
see every one of them.
"""

from __future__ import annotations

import logging
import os
import weakref
from collections import Counter
from functools import cached_property, partial

from pelican import signals

from . import partials, rendering, timing
from . import settings as defaults
from .workers import fork_map

logger = logging.getLogger(__name__)

#: The writer methods that render and write files.
DEFERRED = ("write_file", "write_feed")


def _queue(calls: list, method: str, *args, **kwargs) -> None:
    calls.append((method, args, kwargs))


def _target(method: str, args: tuple, kwargs: dict):
    """The file a call writes (for a paginated listing, its first page)."""
    if method == "write_file":
        return args[0] if args else kwargs.get("name")
    return args[2] if len(args) > 2 else kwargs.get("path")


def clashes(calls: list) -> bool:
    """Two calls writing the same file: Pelican decides that by call order (it refuses
    or overrides), so those builds write serially."""
    names = Counter(_target(m, a, k) for m, a, k in calls)
    names.pop(None, None)
    return any(count > 1 for count in names.values())


#: Context lists of content objects whose addresses templates ask for, again and again.
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "hidden_translations",
    "draft_translations",
)
_memo_classes: dict[type, type] = {}


def _memo_class(cls: type) -> type:
    """`cls` with its address computed once per object. Pelican recomputes `url` and
    `save_as` (a copy of the metadata, a relative path, slugs, dates formatted) every
    time, and listings and related-story boxes ask thousands of times: half of all
    rendering time. The subclass keeps the class name, which Pelican uses to pick
    URL settings."""
    memo = _memo_classes.get(cls)
    if memo is None:
        memoised = {
            name: cached_property(getattr(cls, name).fget)
            for name in ("url_format", "url", "save_as")
        }
        memo = type(cls.__name__, (cls,), {**memoised, "__module__": cls.__module__})
        _memo_classes[cls] = memo
    return memo


def memoise_urls(context: dict) -> None:
    """Once nothing changes an article's address any more (glue.write_in_parallel), and
    again as writing starts, for what was added since (pages)."""
    for name in CONTENT_LISTS:
        for content in context.get(name) or ():
            cls = type(content)
            if cls not in _memo_classes.values() and isinstance(
                getattr(cls, "url_format", None), property
            ):
                content.__class__ = _memo_class(cls)


def deferring(generator, workers: int, progress_bar, pages=None):
    """The generator's generate_output(writer), with its writes run in `workers`, and
    those whose pages are unchanged since the last build skipped (`pages`: a
    rendering.RenderedPages, or None to render every page)."""
    generate_output = generator.generate_output

    def generate_output_in_parallel(writer):
        memoise_urls(generator.context)
        calls: list = []
        for method in DEFERRED:
            setattr(writer, method, partial(_queue, calls, method))
        try:
            generate_output(writer)
        finally:
            for method in DEFERRED:
                delattr(writer, method)
        if pages is not None:
            rendering.install(generator.env, generator.context, generator.settings)
        partials.share(generator.env, defaults.get(generator.settings, "BUILD_SHARED_PARTIALS"))
        run(writer, calls, workers, progress_bar, pages)

    return generate_output_in_parallel


#: In a worker: the files the current call wrote (content_written is answered here).
_written: list[str] = []


def _note_written(path, context=None) -> None:
    _written.append(path)


def _announce_here_instead() -> None:
    """In each worker: content_written only records the path; the build process sends
    the signal to the real receivers."""
    rendering.forked()
    signal = signals.content_written
    for ref in list(signal.receivers.values()):
        receiver = ref() if isinstance(ref, weakref.ref) else ref
        if receiver is not None:
            signal.disconnect(receiver)
    signal.connect(_note_written, weak=False)


def run(writer, calls: list, workers: int, progress_bar, pages=None) -> None:
    if clashes(calls):
        workers, pages = 1, None
    kept = pages.unchanged(calls, workers) if pages is not None else {}
    earlier = timing.take()
    with progress_bar("Writing pages", len(calls) - len(kept)) as advance:
        todo = [i for i in range(len(calls)) if i not in kept]
        done = _write(writer, calls, todo, workers, advance, recording=pages is not None)
    if pages is not None:
        _remember(calls, kept, done, pages)
        for path in pages.remove_gone():
            logger.info('Removed "%s": its page is no longer part of the site', path)
    _announce(calls, kept, done)
    timing.add(earlier)
    if pages is not None:
        pages.save()
        logger.info(
            "Rendered %d of %d pages and feeds; %d unchanged since the last build",
            len(calls) - len(kept),
            len(calls),
            len(kept),
        )


def _remember(calls: list, kept: dict, done: dict, pages) -> None:
    """Each page's reads (or its kept entry) to the memo."""
    for index in sorted(done):
        if calls[index][0] == "write_file":
            pages.learn(done[index][1])
    for index, (method, args, kwargs) in enumerate(calls):
        if method != "write_file":
            continue
        bound = rendering.bind_write_file(args, kwargs)
        if index in kept:
            pages.kept(bound, kept[index])
        else:
            pages.rendered(bound, done[index][1], done[index][0])


def _announce(calls: list, kept: dict, done: dict) -> None:
    """content_written for what workers wrote and for kept pages, in call order."""
    here = os.getpid()
    for index, (method, args, kwargs) in enumerate(calls):
        if index in kept:
            paths, pid = [output[0] for output in kept[index][2]], None
        else:
            paths, _, totals, pid = done[index]
            timing.add(totals)
        if pid != here:  # written by a worker, or kept: the receivers hear of it now
            position = 2 if method == "write_file" else 1
            context = {**_argument(args, kwargs, position, "context"), **kwargs}
            context["output_file"] = _target(method, args, kwargs)
            for path in paths:
                signals.content_written.send(path, context=context)


def _write(writer, calls: list, todo: list[int], workers: int, advance, *, recording: bool):
    """Index of each call in `todo` -> (paths written, reads, plugin times, process id)."""

    def call(method: str, args: tuple, kwargs: dict) -> tuple[list[str], tuple | None]:
        _written.clear()
        getattr(writer, method)(*args, **kwargs)
        return list(_written), None

    run_call = rendering.recorded(call) if recording else call

    def one(index: int) -> tuple:
        paths, reads = run_call(*calls[index])
        return paths, reads, timing.take(), os.getpid()

    # Here, receivers answer content_written at once; the paths are noted as well.
    signals.content_written.connect(_note_written, weak=False)
    try:
        done: dict[int, tuple] = {}
        todo = list(todo)
        first = next((i for i in todo if calls[i][0] == "write_file"), None)
        if first is not None:
            # The first page here, before forking: what every page's templates compute
            # once per process (the fingerprinted stylesheet's name, a missing asset's
            # error) is then done once, and inherited by the workers.
            done[first] = one(first)
            todo.remove(first)
            advance(1)
        results = fork_map(
            one,
            todo,
            workers,
            progress=advance,
            setup=_announce_here_instead,
            first=lambda index: _listed(calls[index]),
        )
    finally:
        signals.content_written.disconnect(_note_written)
    done.update(zip(todo, results, strict=True))
    return done


def _listed(call: tuple) -> int:
    """How many articles a call lists: what its pages cost to render, roughly (the
    home page's listing of every article runs to hundreds of pages)."""
    method, args, kwargs = call
    if method != "write_file":
        return 0
    paginated = args[4] if len(args) > 4 else kwargs.get("paginated")
    listed = (paginated or kwargs).get("articles")
    return len(listed) if listed else 0


def _argument(args: tuple, kwargs: dict, position: int, name: str):
    return args[position] if len(args) > position else kwargs[name]
