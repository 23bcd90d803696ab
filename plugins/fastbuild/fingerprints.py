"""Fingerprints of the values templates read, comparable from one build to the next.

A page is rendered again only when something it read has a different fingerprint.
Articles and pages are fingerprinted by *identity* (their kind and source file):
what a template reads of them is recorded attribute by attribute (rendering.py), so
an edited article changes only the pages that show the edited part. Every other
value is fingerprinted by what it holds. A value whose content cannot be told
(an object whose repr is only its memory address) gets a fingerprint that never
matches, so the page is always rendered: unknown means changed, never stale.
"""

from __future__ import annotations

import copyreg
import dataclasses
import datetime
import hashlib
import inspect
import io
import os
import pickle
import re

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

#: Longer strings are kept as a digest (article bodies run to kilobytes).
SHORT = 64
#: Deeper nesting than any context Pelican builds: treat as unknown.
MAX_DEPTH = 12
#: Attributes never fingerprinted: settings are in the build key, the context is
#: what the fingerprints are taken of.
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
#: Authors, Categories and Tags hold their name and slug as _name and _slug, the slug
#: made from the name when first asked for; Pelican's URLWrapper.as_dict() copies both
#: into name and slug the first time an address is made from the object. The copies
#: are left out and the slug taken as made, so a print does not depend on whether that
#: happened yet (it has, in a build that rendered the pages asking for it).
WRAPPER_SKIPPED = frozenset({"settings", "name", "slug"})
#: Addresses plugins/fastbuild/writing.py caches on each article while pages render:
#: derived from the metadata and settings, and not there yet when rendering starts.
CACHED_ADDRESSES = frozenset({"url", "save_as", "url_format"})
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _digest(text: str) -> str:
    return "h" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _subclasses(cls: type):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _by_key(content: Content):
    return str, ("C:" + content_key(content),)


def _wrapper_fields(wrapper: URLWrapper) -> dict:
    fields = {k: v for k, v in vars(wrapper).items() if k not in WRAPPER_SKIPPED}
    fields["_slug"] = wrapper.slug
    return fields


def _without_settings(wrapper: URLWrapper):
    return dict, (_wrapper_fields(wrapper),)


def _pickler(buffer) -> pickle.Pickler:
    """Other articles by identity, Authors, Categories and Tags without the settings
    (in the build key). A dispatch table, not persistent_id: no Python call for
    each of the hundreds of strings and dicts an article holds.

    Without pickle's memo: with it, a string held twice by one object is written
    once and then referred to, held as two equal strings it is written twice. An
    article converted in a worker and one converted here share different strings
    (its title and its metadata's title are one object, or two), so its print
    depended on which process read it: at 4,000 articles, 1,500 of them changed from
    one build to the next when nothing had. A cycle raises instead (unknown)."""
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    table = copyreg.dispatch_table.copy()
    table.update(dict.fromkeys([Content, *_subclasses(Content)], _by_key))
    table.update(dict.fromkeys([URLWrapper, *_subclasses(URLWrapper)], _without_settings))
    pickler.dispatch_table = table
    return pickler


def _plain(value) -> str | None:
    """The fingerprint of a value that holds nothing else (None for one that does)."""
    if isinstance(value, str):  # most reads: a title, an address, a date's text
        return value if len(value) <= SHORT else _digest(value)
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, Content):
        return "C:" + content_key(value)
    if isinstance(value, bytes):
        return "b" + _digest_bytes(value)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return f"t{value!r}"
    return None


def content_key(content: Content) -> str:
    """An article or page as the same one in the next build: its kind and source."""
    return f"{type(content).__name__}:{content.source_path}"


def unknown() -> str:
    """Matches nothing, not even itself in the next build."""
    return "?" + os.urandom(8).hex()


class Fingerprints:
    """fingerprint(value) with memory: the context's big lists are fingerprinted once
    per build, not once per page. Memoised objects are kept alive, so no other object
    can take their id while this lives."""

    def __init__(self, skip_ids: frozenset[int] = frozenset()):
        #: Dicts (the settings, the context) that stand for themselves.
        self.skip_ids = set(skip_ids)
        self._memo: dict[int, tuple[object, str]] = {}
        self._deep: dict[int, tuple[Content, str]] = {}

    def of(self, value, depth: int = 0) -> str:
        """What `value` holds; articles and pages by identity."""
        plain = _plain(value)
        if plain is not None:
            return plain
        ident = id(value)
        known = self._memo.get(ident)
        if known is None or known[0] is not value:
            if ident in self.skip_ids:
                return "settings"
            result = self._compute(value, depth + 1) if depth < MAX_DEPTH else unknown()
            known = self._memo[ident] = (value, result)
        return known[1]

    def deep(self, content: Content) -> str:
        """Everything an article holds, for code that reads it in ways not recorded
        (a plugin's filter given the whole article, a method called on it), and to
        tell an article that changed in no way at all. Pickled, as the quickest walk
        over everything it holds; what cannot be pickled is unknown. Taken once per
        build, before the pages render, in this build and the next alike."""
        known = self._deep.get(id(content))
        if known is not None and known[0] is content:
            return known[1]
        result = self._deep_now(content)
        self._deep[id(content)] = (content, result)
        return result

    def deep_all(self, contents: list[Content], map_items=None) -> list[str]:
        """deep() of each; those not known yet worked out by `map_items(job, items)` (the
        built-in map by default), which may take them to other processes: a pickle is
        the same bytes wherever the same objects are pickled."""
        known = self._deep
        todo = {id(c): c for c in contents if known.get(id(c), (None,))[0] is not c}
        found = (map_items or map)(self._deep_now, list(todo.values()))
        for content, result in zip(todo.values(), found, strict=True):
            known[id(content)] = (content, result)
        return [self.deep(c) for c in contents]

    def _deep_now(self, content: Content) -> str:
        skipped = SKIPPED_ATTRIBUTES | CACHED_ADDRESSES
        fields = sorted((k, v) for k, v in vars(content).items() if k not in skipped)
        buffer = io.BytesIO()
        try:
            _pickler(buffer).dump(fields)
        except Exception:  # a lock, a generator, a lambda: nothing to compare
            return unknown()
        return "D:" + content_key(content) + ":" + _digest_bytes(buffer.getvalue())

    def _compute(self, value, depth: int) -> str:
        if isinstance(value, list | tuple):
            text = f"{type(value).__name__}[" + ",".join(self.of(v, depth) for v in value)
        elif isinstance(value, set | frozenset):
            text = "{" + ",".join(sorted(self.of(v, depth) for v in value))
        elif isinstance(value, dict):
            text = "d" + repr(
                sorted((self.of(k, depth), self.of(v, depth)) for k, v in value.items())
            )
        elif inspect.ismethod(value):
            owner = value.__self__
            held = self.deep(owner) if isinstance(owner, Content) else self.of(owner, depth)
            text = f"m{value.__name__}:{held}"
        elif callable(value) and hasattr(value, "__qualname__"):  # a function, a class
            return f"f{getattr(value, '__module__', '')}.{value.__qualname__}"
        elif dataclasses.is_dataclass(value):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return self._object(fields, depth, type(value))
        elif hasattr(value, "__dict__"):  # Authors, Categories, Tags, plugins' objects
            if isinstance(value, URLWrapper):
                fields = _wrapper_fields(value)
            else:
                fields = {k: v for k, v in vars(value).items() if k not in SKIPPED_ATTRIBUTES}
            return self._object(fields, depth, type(value))
        else:
            text = repr(value)
            if _ADDRESS.search(text):
                return unknown()
            text = f"{type(value).__qualname__}:{text}"
        return _digest(text)

    def _object(self, fields: dict, depth: int, cls: type = dict) -> str:
        items = sorted((k, self.of(v, depth)) for k, v in fields.items())
        return _digest(f"{cls.__module__}.{cls.__qualname__}" + repr(items))
