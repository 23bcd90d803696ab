"""Convert every article in worker processes before Pelican asks for the first one.

Pelican reads articles one by one: Markdown, then typogrify on the body, title and
summary, which is most of a build's time. Here workers run Pelican's own
`Readers.read_file` on every file first and record the two expensive results, what
the reader returned and what typogrify returned for each text. Pelican then reads
as usual, and those two steps are answered from the records: every other step
(metadata defaults, signals, the content object and its plugins) runs in the build
process, in Pelican's order, so the site is the same as a serial build's.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

import typogrify.filters
from pelican.contents import Article
from pelican.readers import _filter_discardable_metadata
from pelican.urlwrappers import URLWrapper

from .hooks import article_converted
from .workers import capture_logs, fork_map, portable, replay

_real_typogrify = typogrify.filters.typogrify


@dataclass
class Converted:
    """What one file's reading produced, to be served to Pelican's read_file."""

    #: reader.read(path): (html, metadata), metadata holding Pelican's objects.
    read: tuple[str, dict]
    #: Records the reader logged, printed when Pelican reads the file here.
    records: list = field(default_factory=list)
    #: typogrify_key(text, ...) -> typogrified text, for the body, title and summary.
    typogrified: dict = field(default_factory=dict)


# --- Pelican's URL objects travel without their settings --------------------------
class _State:
    #: The settings every Author, Category and Tag gets back when unpickled here.
    settings: dict | None = None
    #: Set in a worker while it converts one file.
    recording: Converted | None = None


_state = _State()


def _rewrap(cls, state):
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    obj.settings = _state.settings
    return obj


def reduce_wrapper(obj):
    state = {k: v for k, v in obj.__dict__.items() if k != "settings"}
    return _rewrap, (type(obj), state)


def wrapper_classes(base=URLWrapper):
    for cls in base.__subclasses__():
        yield cls
        yield from wrapper_classes(cls)


def dispatch_table() -> dict:
    """Pickle Authors, Categories and Tags as their names, not with a copy of the
    settings each (megabytes per thousand articles)."""
    table = copyreg.dispatch_table.copy()
    for cls in wrapper_classes():
        table[cls] = reduce_wrapper
    return table


def use_settings(settings) -> None:
    _state.settings = settings


# --- typogrify, answered from the records -----------------------------------------
#: typogrify_key -> result, filled before Pelican reads; each answer is used once.
_answers: dict[tuple, str] = {}


def typogrify_key(text, ignore_tags=None, **filters) -> tuple:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return digest, len(text), tuple(ignore_tags or ()), tuple(sorted(filters.items()))


def _answering_typogrify(text, ignore_tags=None, **filters):
    if isinstance(text, str):
        answer = _answers.pop(typogrify_key(text, ignore_tags, **filters), None)
        if answer is not None:
            return answer
    return _real_typogrify(text, ignore_tags, **filters)


def _recording_typogrify(text, ignore_tags=None, **filters):
    result = _real_typogrify(text, ignore_tags, **filters)
    if _state.recording is not None and isinstance(text, str):
        _state.recording.typogrified[typogrify_key(text, ignore_tags, **filters)] = result
    return result


def _install(function) -> None:
    # Pelican imports typogrify inside read_file, on every call, so the module
    # attribute is what it finds.
    typogrify.filters.typogrify = function


class _Discarded:
    """Content class for the worker's read when nothing receives article_converted:
    the object is not needed there."""

    def __init__(self, **_kwargs):
        pass


@dataclass
class Prefetch:
    """One build's conversion of its articles."""

    generator: Any
    #: absolute path -> Converted, until Pelican reads the file.
    ready: dict[str, Converted] = field(default_factory=dict)

    # -- in a worker ----------------------------------------------------------
    def convert(self, relpath: str) -> Converted | None:
        generator = self.generator
        record = Converted(read=("", {}))
        originals = {}
        for ext, reader in generator.readers.readers.items():
            originals[ext] = reader.read
            reader.read = _recording_read(reader.read, record)
        _state.recording = record
        _install(_recording_typogrify)
        wanted = bool(article_converted.receivers)
        try:
            article = generator.readers.read_file(
                base_path=generator.path,
                path=relpath,
                content_class=Article if wanted else _Discarded,
                context=generator.context,
            )
        except Exception:
            return None  # read here again, where Pelican reports the failure its way
        finally:
            _state.recording = None
            for ext, reader in generator.readers.readers.items():
                reader.read = originals[ext]
        if wanted and isinstance(article, Article):  # not a file Pelican skips (SkipStub)
            try:
                article_converted.send(article)
            except Exception:  # a receiver's forecast, never the build's result
                pass
        return record

    # -- in the build process -------------------------------------------------
    def serve(self) -> None:
        """Make Pelican's read_file find the recorded results."""
        _install(_answering_typogrify)
        for reader in self.generator.readers.readers.values():
            if not getattr(reader.read, "fastbuild_serving", False):
                reader.read = _serving_read(reader.read, self.ready)

    def add(self, path: str, converted: Converted) -> None:
        self.ready[path] = converted
        _answers.update(converted.typogrified)


def _recording_read(read, record: Converted):
    def recording_read(source_path):
        with capture_logs() as records:
            result = read(source_path)
        # Pelican drops metadata its reader marked "discard" (an object() sentinel,
        # which would not survive pickling) right after reading; do it first.
        content, metadata = result
        record.read = (content, _filter_discardable_metadata(metadata))
        record.records = [portable(r) for r in records]
        return result

    return recording_read


def _serving_read(read, ready: dict[str, Converted]):
    def serving_read(source_path):
        converted = ready.pop(os.path.abspath(source_path), None)
        if converted is None:
            return read(source_path)
        replay(converted.records)
        return converted.read

    serving_read.fastbuild_serving = True
    return serving_read


def convert_all(prefetch: Prefetch, relpaths: list[str], workers: int, progress=None):
    """(relpath, Converted | None) for each file, converted by `workers` processes."""
    results = fork_map(
        prefetch.convert, relpaths, workers, forward_logs=False, progress=progress, here=False
    )
    return list(zip(relpaths, results, strict=True))


def reset() -> None:
    _answers.clear()
