"""Render again only the pages whose inputs changed since the last build.

While a page renders, the template environment records what it reads: each context
name it looks up, and each attribute of an article or page it asks for (title, url,
summary, related_stories, ...), with a fingerprint of the value (fingerprints.py).
The next build with the same build key, theme and output folder checks those reads
against its own context before rendering a page: when every one gives the same
fingerprint and the files the page wrote are still there as written, the page is
kept. An article edited for a typo is rendered again with the listings and related
boxes that show the changed part, not the 6,000 pages that do not.

What is not seen through the template (a plugin's filter handed a whole article) is
recorded as "everything that article holds". Templates and the theme's files are
part of the key, settings and plugin code are in the build key: any change there
renders everything.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from functools import partial, wraps
from pathlib import Path

from jinja2.runtime import missing
from pelican.contents import Content
from pelican.writers import Writer

from . import cache
from .fingerprints import Fingerprints, content_key
from .workers import fork_map

ROOT = "R"  # the owner of a read looked up in the page's context, by name
FORMAT = 2
_WRITE_FILE = inspect.signature(Writer.write_file)
#: Names Pelican's writer sets for each page from the call's own arguments.
PER_PAGE = ("output_file", "localsiteurl")
PAGINATED = ("paginator", "page", "previous_page", "next_page")
#: Where Jinja's own filters and functions come from (`length` is the builtin len):
#: they see only what they are given, and what they read of an article is recorded.
JINJA_OWN = ("jinja2", "builtins", "markupsafe")


class _Recorder:
    """The reads of the page being rendered in this process (None when none is)."""

    def __init__(self):
        self.reset(None)

    def reset(self, context, settings=None) -> None:
        self.context = context
        self.fingerprints = Fingerprints(frozenset(id(d) for d in (context, settings) if d))
        self.reads: set | None = None
        self.names: tuple = ()
        self.skip: frozenset = frozenset()
        #: (name, id of its value) this page has looked up (SITEURL, 48 times a page).
        self.named: set[tuple[str, int]] = set()
        self.table: dict[tuple, int] = {}
        self.new: list[tuple] = []
        self.pid = os.getpid()
        #: (id of the article, op, name, depth) -> the read: listings ask the same
        #: titles and summaries again and again, and nothing changes while pages render.
        self.seen: dict[tuple, tuple] = {}

    def forked(self) -> None:
        """A forked worker numbers its reads from zero: the parent reads them per pid."""
        self.table, self.new, self.pid = {}, [], os.getpid()

    def begin(self, call_args: dict, globals_: dict) -> None:
        self.reads = set()
        self.names = (call_args["kwargs"], call_args["context"], globals_)
        self.skip = skipped_names(call_args)
        self.named = set()

    def end(self) -> tuple[int, int, list, list[int]]:
        """(this process, the number of its first new read, the reads it had not
        numbered before, the numbers of all the page's reads)."""
        reads, self.reads = self.reads or set(), None
        start = len(self.table)
        ids = []
        for read in reads:
            index = self.table.get(read)
            if index is None:
                index = self.table[read] = len(self.table)
                self.new.append(read)
            ids.append(index)
        new, self.new = self.new, []
        return self.pid, start, new, ids

    def note(self, owner: Content, op: str, name: str, value) -> None:
        # Called for each attribute a template reads (a million times at 4,000
        # articles): the repeated read costs one dict lookup and one set insertion.
        # The writer sets the page's depth in the context as it renders each page (each
        # page of a listing too), so it is read here, not when the call begins.
        localsiteurl = self.context.get("localsiteurl")
        key = (id(owner), op, name, localsiteurl)
        read = self.seen.get(key)
        if read is None:
            fps = self.fingerprints
            fingerprint = fps.deep(owner) if op == "d" else fps.of(value)
            read = (content_key(owner), op, name, localsiteurl, fingerprint)
            self.seen[key] = read
        self.reads.add(read)

    def note_name(self, name: str, value) -> None:
        # The value is held by the context or the globals while the page renders, so its
        # id stays its own.
        named = (name, id(value))
        if named in self.named:
            return
        self.named.add(named)
        if name in self.skip:
            return  # set by the writer for this page
        kwargs, context, globals_ = self.names
        if name not in kwargs and name not in context and name not in globals_:
            return  # set by the template itself
        fingerprint = "missing" if value is missing else self.fingerprints.of(value)
        self.reads.add((ROOT, "r", name, None, fingerprint))

    def apart(self, render):
        """(render(), the reads it made), those reads noted for this page too; the reads
        are None when no page is being recorded. Every name counts afresh: one this
        page had already looked up is still a read of the part rendered."""
        if self.reads is None:
            return render(), None
        page_reads, page_named = self.reads, self.named
        self.reads, self.named = set(), set()
        try:
            result = render()
            reads = frozenset(self.reads)
        finally:
            self.reads, self.named = page_reads, page_named
        page_reads.update(reads)
        return result, reads


_recorder = _Recorder()


def recording() -> bool:
    """Whether the reads of the page being rendered are recorded."""
    return _recorder.reads is not None


def render_apart(render):
    """See _Recorder.apart."""
    return _recorder.apart(render)


def replay(reads) -> None:
    """Note `reads` (from render_apart) for the page being rendered."""
    if _recorder.reads is not None and reads:
        _recorder.reads.update(reads)


def skipped_names(call_args: dict) -> frozenset:
    names = set(PER_PAGE)
    if call_args["relative_urls"]:
        names.add("SITEURL")
    keys = set(call_args["paginated"] or ()) | {"articles", "dates"}
    names.update(f"{key}_{part}" for key in keys for part in PAGINATED)
    return frozenset(names)


def bind_write_file(args: tuple, kwargs: dict) -> dict:
    bound = _WRITE_FILE.bind(None, *args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


# --- recording, in the template environment ----------------------------------------


def install(env, context: dict, settings: dict) -> None:
    """Make `env` report reads to the recorder (once per build and environment)."""
    _recorder.reset(context, settings)
    if getattr(env, "fastbuild_recording", False):
        return
    env.fastbuild_recording = True
    plain_getattr, plain_getitem = env.getattr, env.getitem
    env.fastbuild_plain = (plain_getattr, plain_getitem)

    def getattr_(obj, attribute):
        value = plain_getattr(obj, attribute)
        if isinstance(obj, Content) and _recorder.reads is not None:
            _recorder.note(obj, "a", attribute, value)
        return value

    def getitem_(obj, argument):
        value = plain_getitem(obj, argument)
        if isinstance(obj, Content) and _recorder.reads is not None:
            _recorder.note(obj, "i", argument, value)
        return value

    env.getattr, env.getitem = getattr_, getitem_

    class RecordingContext(env.context_class):
        def resolve_or_missing(self, key):
            value = super().resolve_or_missing(key)
            if _recorder.reads is not None and key not in self.vars:
                _recorder.note_name(key, value)
            return value

    env.context_class = RecordingContext
    for functions in (env.filters, env.tests, env.globals):
        for name, function in list(functions.items()):
            module = getattr(function, "__module__", "") or ""
            if callable(function) and not module.startswith(JINJA_OWN):
                functions[name] = _watching(function)


def _watching(function):
    """A plugin's filter may read anything of an article it is given."""

    @wraps(function)
    def watched(*args, **kwargs):
        if _recorder.reads is not None:
            for arg in (*args, *kwargs.values()):
                for item in arg if isinstance(arg, list | tuple) else (arg,):
                    if isinstance(item, Content):
                        _recorder.note(item, "d", "", None)
        return function(*args, **kwargs)

    return watched


def recorded(call):
    """`call(method, args, kwargs)` -> (its result, None), with the reads of a
    write_file call in place of None."""

    def run(method: str, args: tuple, kwargs: dict):
        if method != "write_file":
            return call(method, args, kwargs)
        bound = bind_write_file(args, kwargs)
        _recorder.begin(bound, bound["template"].environment.globals)
        try:
            result, _ = call(method, args, kwargs)
        finally:
            reads = _recorder.end()
        return result, reads

    return run


def forked() -> None:
    _recorder.forked()


# --- the memo of rendered pages ------------------------------------------------------


def theme_digest(settings) -> str:
    h = hashlib.blake2b(digest_size=20)
    folders = [settings.get("THEME"), *(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    for folder in filter(None, folders):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _stat(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_size, st.st_mtime_ns)


class RenderedPages:
    """The pages of the last build, what each read, and what each wrote.

    Reads are numbered in one table shared by all pages (an article's title is read
    by every listing and related box that shows it); a page kept as it was keeps its
    numbers, so an unchanged site is saved without renumbering anything.
    """

    def __init__(self, path: Path, key: str, context: dict):
        self.path, self.key, self.context = Path(path), f"{FORMAT}:{key}", context
        stored = cache.load(self.path, self.key) or {}
        self.table: list[tuple] = stored.get("reads", [])
        self.stored_calls: dict = stored.get("calls", {})
        self.stored_owners: dict[str, str] = stored.get("owners", {})
        self.stored_links: str | None = stored.get("links")
        self.numbers: dict[tuple, int] = {read: i for i, read in enumerate(self.table)}
        self.calls: dict = {}
        #: A process's own numbering -> this table's.
        self._worker_numbers: dict[int, dict[int, int]] = {}

    # before rendering
    def unchanged(self, calls: list, workers: int = 1) -> dict[int, tuple]:
        """Index of each call whose page need not be rendered again -> its stored entry.

        Every article and page is fingerprinted whole here, before any page renders,
        in every build alike (rendering may cache things on them), in `workers`
        processes: pickling 4,000 articles took 0.3 s of the live preview's 5, on one
        core."""
        fingerprints = _recorder.fingerprints
        self.contents = _contents(self.context)
        found = fingerprints.deep_all(
            list(self.contents.values()), partial(fork_map, workers=workers)
        )
        self.owners = dict(zip(self.contents, found, strict=True))
        self.links = _links(self.context, fingerprints)
        kept: dict[int, tuple] = {}
        #: This build's pages, by call key: whatever else the last build wrote is gone.
        self.current: set[tuple] = set()
        if not self.stored_calls:
            return kept  # and nothing can be gone
        unchanged = set()
        if self.links == self.stored_links:
            unchanged = {k for k, v in self.stored_owners.items() if self.owners.get(k) == v}
        check = _Checker(self.context, self.table, self.contents, unchanged)
        try:
            for index, (method, args, kwargs) in enumerate(calls):
                if method != "write_file":
                    continue
                bound = bind_write_file(args, kwargs)
                key = self.call_key(bound)
                self.current.add(key)
                entry = self.stored_calls.get(key)
                if entry is None or entry[0] != self.arguments(bound):
                    continue
                if any(_stat(output[0]) != output for output in entry[2]):
                    continue
                if check.all_same(entry[1], bound):
                    kept[index] = entry
        finally:
            check.restore()
        return kept

    @staticmethod
    def call_key(bound: dict) -> tuple:
        return (bound["name"], bound["template"].name)

    @staticmethod
    def arguments(bound: dict) -> str:
        own = {k: v for k, v in bound.items() if k not in ("template", "context", "self")}
        return _recorder.fingerprints.of(own)

    # after rendering
    def learn(self, reads: tuple) -> None:
        """The reads a process numbered first while rendering one page. Workers take
        pages in their own order, so every page's are learnt before any is used."""
        pid, start, new, _ = reads
        numbers_of = self._worker_numbers.setdefault(pid, {})
        for offset, read in enumerate(new):
            numbers_of[start + offset] = self._number(read)

    def rendered(self, bound: dict, reads: tuple, paths: list[str]) -> None:
        pid, _, _, ids = reads
        numbers = tuple(map(self._worker_numbers[pid].__getitem__, ids))
        self.calls[self.call_key(bound)] = (self.arguments(bound), numbers, paths)

    def kept(self, bound: dict, entry: tuple) -> None:
        arguments, numbers, outputs = entry
        self.calls[self.call_key(bound)] = (arguments, numbers, [o[0] for o in outputs])

    def _number(self, read: tuple) -> int:
        number = self.numbers.get(read)
        if number is None:
            number = self.numbers[read] = len(self.table)
            self.table.append(read)
        return number

    def remove_gone(self) -> list[str]:
        """Delete what the last build wrote for pages this build no longer has (a
        deleted article, a tag nobody uses any more), when nothing else wrote or
        changed the file since; a serial build into a fresh folder would not have it.

        Called after unchanged(), once every page is written and before
        content_written's receivers hear of them."""
        now = {path for _, _, paths in self.calls.values() for path in paths}
        removed = []
        for key, (_, _, outputs) in self.stored_calls.items():
            if key in self.current:
                continue
            for output in outputs:
                if output[0] not in now and _stat(output[0]) == output:
                    os.unlink(output[0])
                    removed.append(output[0])
        return removed

    def save(self) -> None:
        """Outputs are stat'ed last, after content_written's receivers saw them."""
        table, calls = self.table, self.calls
        used = {n for _, numbers, _ in calls.values() for n in numbers}
        owners = {table[n][0] for n in used} - {ROOT}
        if len(used) < len(table) // 2:  # reads of pages long gone: number afresh
            renumber = {old: new for new, old in enumerate(sorted(used))}
            table = [table[old] for old in sorted(used)]
            calls = {
                key: (arguments, tuple(renumber[n] for n in numbers), paths)
                for key, (arguments, numbers, paths) in calls.items()
            }
        stored = {
            "reads": table,
            "calls": {
                key: (arguments, numbers, tuple(filter(None, map(_stat, paths))))
                for key, (arguments, numbers, paths) in calls.items()
            },
            "owners": {key: self.owners[key] for key in owners if key in self.owners},
            "links": self.links,
        }
        cache.save(self.path, self.key, stored, {})


class _Checker:
    """Reads evaluated against this build's context.

    A read of a name the page was given (its article, its listing's articles) is
    checked page by page; every other read gives the same answer for every page that
    made it, and is checked once. An article or page that holds exactly what it held
    in the last build, in a site whose addresses are all the same, answers every read
    as before: its attributes and properties come from what it holds, the settings
    (in the build key), the page's depth (part of each read) and the addresses its
    links point to.
    """

    def __init__(self, context: dict, table: list[tuple], contents: dict, unchanged: set):
        self.context, self.table = context, table
        self.localsiteurl = context.get("localsiteurl")
        self.contents, self.unchanged = contents, unchanged
        self.fingerprints = _recorder.fingerprints
        self.verdicts: list[bool | None] = [None] * len(table)

    def all_same(self, numbers: tuple, bound: dict) -> bool:
        given = bound["kwargs"]
        verdicts, table = self.verdicts, self.table
        for number in numbers:
            verdict = verdicts[number]
            if verdict is None:
                read = table[number]
                if read[0] == ROOT and read[2] in given:
                    if self.fingerprints.of(given[read[2]]) != read[4]:
                        return False
                    continue
                verdict = verdicts[number] = self._same(read, bound)
            if not verdict:
                return False
        return True

    def _same(self, read: tuple, bound: dict) -> bool:
        owner, op, name, localsiteurl, fingerprint = read
        env = bound["template"].environment
        if owner == ROOT:
            names = (bound["context"], env.globals)
            value = next((n[name] for n in names if name in n), missing)
            return ("missing" if value is missing else self.fingerprints.of(value)) == fingerprint
        if owner in self.unchanged:
            return True
        content = self.contents.get(owner)
        if content is None:
            return False
        plain_getattr, plain_getitem = getattr(env, "fastbuild_plain", (env.getattr, env.getitem))
        self.context["localsiteurl"] = localsiteurl
        try:
            if op == "d":
                return self.fingerprints.deep(content) == fingerprint
            value = (plain_getattr if op == "a" else plain_getitem)(content, name)
            return self.fingerprints.of(value) == fingerprint
        except Exception:  # whatever it was, it is not the same any more
            return False

    def restore(self) -> None:
        self.context["localsiteurl"] = self.localsiteurl


def _links(context: dict, fingerprints: Fingerprints) -> str:
    """Where each article, page and static file is: what `{filename}` links become."""
    addresses = {}
    for name in ("generated_content", "static_content"):
        for path, item in (context.get(name) or {}).items():
            addresses[f"{name}:{path}"] = getattr(item, "url", None)
    return fingerprints.of(addresses)


def _contents(context: dict) -> dict[str, Content]:
    """Every article and page of the build by its key; a key used twice is dropped."""
    found: dict[str, Content] = {}
    twice: set[str] = set()
    for value in context.values():
        if not isinstance(value, list):
            continue
        for item in value:
            if isinstance(item, Content):
                key = content_key(item)
                if found.setdefault(key, item) is not item:
                    twice.add(key)
    for key in twice:
        del found[key]
    return found
