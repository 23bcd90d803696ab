"""Partials rendered once per build for each set of values they read.

Hugo's `partialCached`, for Pelican. A listing card (partials/card.html) shows one
article: its column, headline, summary, byline and date. Each article is on about
five listings (the home page's, its column's, its columnists', each of its tags'),
on first pages and later ones, which sit at other folder depths and so have other
relative addresses; about half of the cards were one already rendered for another
listing at the same depth. The footer on every page looks up each of its policy
pages in the site's page list (50 comparisons a page), and the header, the standards
box and the support box are the same on every page of a depth. At 4,000 articles,
sharing these saved 0.5 to 1.4 CPU-s of a development build (the page memo still
notes each read, see below) and 0.7 CPU-s of a publish build for the cards alone.

A template's output is a function of the context names it and the templates it
includes or imports read (jinja2.meta finds them), provided the objects those names
hold do not change while pages render. That is true of articles and what hangs off
them once writing starts (plugins/fastbuild/writing.py works their addresses out
once; nothing else changes them), and it is why a partial is shared only when the
theme names it (BUILD_SHARED_PARTIALS). Strings and numbers are compared by value;
anything else by identity, held while the build lasts, so no other object can take
its id. `localsiteurl` is always part of the key: Pelican adjusts the links in an
article's summary to the folder of the page being rendered.

The page memo (rendering.py) still learns every read: those of the first rendering
are kept with its output and noted again for each page that uses it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from jinja2 import meta
from jinja2.exceptions import TemplateError, TemplateNotFound
from jinja2.runtime import LoopContext
from jinja2.utils import Cycler, Joiner, Namespace

from . import rendering

logger = logging.getLogger(__name__)

#: Always in the key: the folder of the page (links in summaries are adjusted to it).
PAGE_NAMES = ("localsiteurl",)
#: Jinja's objects that change while a page renders (a namespace's attributes, a
#: loop's index): a use that is given one renders afresh.
CHANGING = (Namespace, LoopContext, Cycler, Joiner)
#: Compared by value in the key.
BY_VALUE = (str, int, float, bool, type(None))
_MISSING = object()


@dataclass(frozen=True)
class Rendered:
    text: str
    #: The reads of the first rendering (rendering.render_apart); None when no page
    #: was being recorded then.
    reads: frozenset | None
    #: The values of the key, kept alive so that their ids stay theirs.
    values: tuple


def read_names(env, name: str, _seen: frozenset = frozenset()) -> frozenset[str] | None:
    """The context names `name` and every template it includes, imports or extends
    read; None when one of those is chosen while rendering (a name held in a
    variable), as its names cannot be known beforehand."""
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    for other in meta.find_referenced_templates(tree):
        if other is None:
            return None
        if other in _seen or other == name:
            continue
        found = read_names(env, other, _seen | {name})
        if found is None:
            return None
        names |= found
    return frozenset(names)


def _value(context, name: str):
    """What `name` holds in a template context, without the lookup the page memo
    records (its reads are recorded when the partial renders)."""
    if name in context.vars:
        return context.vars[name]
    return context.parent.get(name, _MISSING)


def _key_part(value):
    if isinstance(value, BY_VALUE):
        return (type(value), value)
    return id(value)


def _shared(render, names: tuple[str, ...], concat):
    done: dict[tuple, Rendered] = {}

    def root(context, *args, **kwargs):
        values = tuple(_value(context, name) for name in names)
        if any(isinstance(value, CHANGING) for value in values):
            yield concat(render(context, *args, **kwargs))
            return
        key = tuple(_key_part(value) for value in values)
        known = done.get(key)
        if known is None or (known.reads is None and rendering.recording()):
            text, reads = rendering.render_apart(lambda: concat(render(context, *args, **kwargs)))
            known = done[key] = Rendered(text, reads, values)
        else:
            rendering.replay(known.reads)
        yield known.text

    return root


def share(env, names) -> list[str]:
    """Render each template of `names` once per set of values it reads, in this
    environment, from now on (a fresh memory each call: one per build). Returns the
    templates that cannot be shared, each logged with the reason."""
    refused = []
    for name in names:
        try:
            template = env.get_template(name)
            read = read_names(env, name)
        except TemplateNotFound as exc:
            reason = f"the theme has no template {exc.name}"
        except TemplateError as exc:
            reason = str(exc)
        else:
            reason = None if read is not None else "it includes a template chosen while rendering"
        if reason:
            logger.warning("BUILD_SHARED_PARTIALS: %s is rendered on every use: %s", name, reason)
            refused.append(name)
            continue
        render = getattr(template, "fastbuild_render", None) or template.root_render_func
        template.fastbuild_render = render
        keyed = tuple(sorted(read | set(PAGE_NAMES)))
        template.root_render_func = _shared(render, keyed, env.concat)
    return refused
