"""plugins/fastbuild: parallel and cached builds write exactly what a serial build writes.

The pure parts (worker pool, build key, memo) are tested without Pelican; the rest
builds real sites: serial and uncached (stock Pelican's way) is the reference, and
parallel, cold-cache and warm-cache builds must match it byte for byte, including
after an article was edited, and must print each message once.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, build_site

sys.path.insert(0, str(ROOT / "plugins"))

from fastbuild import cache, exiting, garbage, glue, progress, timing, writing
from fastbuild.workers import fork_map, spare_workers, yield_to_sidecar

from tasks import LIVE_PREVIEW_OVERRIDES

SERIAL = {"BUILD_WORKERS": 1, "BUILD_CACHE": False}
PARALLEL = {"BUILD_WORKERS": 2, "BUILD_CACHE": True}


def _square_and_log(n: int) -> int:
    # Distinct text per call: Pelican's logger drops a message it has already shown.
    logging.getLogger("fastbuild.test").warning("item %d of run %s", n, _run_id[0])
    return n * n


_run_id = [""]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_fork_map_keeps_order_and_replays_logs_in_order(workers, caplog):
    caplog.set_level(logging.WARNING)
    _run_id[0] = f"ordered-{workers}"
    items = list(range(40))
    assert fork_map(_square_and_log, items, workers) == [n * n for n in items]
    messages = [r.getMessage() for r in caplog.records if r.name == "fastbuild.test"]
    assert messages == [f"item {n} of run ordered-{workers}" for n in items]


def test_fork_map_can_drop_worker_logs(caplog):
    caplog.set_level(logging.WARNING)
    _run_id[0] = "dropped"
    assert fork_map(_square_and_log, range(10), 2, forward_logs=False) == [n * n for n in range(10)]
    assert not [r for r in caplog.records if r.name == "fastbuild.test"]


_turns: list[int] = []


def _note_turn(n: int) -> tuple[int, int, int]:
    _turns.append(n)  # each process appends to its own copy
    return os.getpid(), len(_turns), n


@pytest.mark.parametrize("here", [True, False])
def test_fork_map_hands_out_the_longest_items_first_and_keeps_their_order(here):
    _turns.clear()
    items = list(range(30))

    def weight(n: int) -> int:
        return (n * 7) % 30  # every weight once, in no order of the items

    results = fork_map(_note_turn, items, 2, here=here, first=weight)
    assert [n for _, _, n in results] == items
    taken: dict[int, list[tuple[int, int]]] = {}
    for pid, turn, n in results:
        taken.setdefault(pid, []).append((turn, n))
    for turns in taken.values():  # each process took its items heaviest first
        weights = [weight(n) for _, n in sorted(turns)]
        assert weights == sorted(weights, reverse=True)


def _niceness(_) -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def test_workers_yield_to_a_process_beside_the_build_while_asked_to():
    """Pagefind beside the build keeps its core: the forked workers run at the lowest
    priority while it runs, the build process as it was, and at full priority again
    once it is done."""
    here = os.nice(0)
    yield_to_sidecar(True)
    try:
        yielding = fork_map(_niceness, range(8), 2, here=False)
    finally:
        yield_to_sidecar(False)
    assert {nice for _, nice in yielding} == {19}
    assert os.nice(0) == here
    again = fork_map(_niceness, range(8), 2, here=False)
    assert {nice for _, nice in again} == {here}


def test_short_jobs_leave_the_core_a_process_beside_the_build_holds():
    """spare_workers: one worker less while the workers yield (one core is Pagefind's),
    never none, and every worker again afterwards."""
    assert spare_workers({"BUILD_WORKERS": 3}) == 3
    yield_to_sidecar(True)
    try:
        assert spare_workers({"BUILD_WORKERS": 3}) == 2
        assert spare_workers({"BUILD_WORKERS": 1}) == 1
    finally:
        yield_to_sidecar(False)
    assert spare_workers({"BUILD_WORKERS": 2}) == 2


def test_listings_weigh_as_many_as_the_articles_they_list():
    calls = [("write_feed", (), {}), ("write_file", (), {"article": 1})]
    calls += [("write_file", (), {"articles": [1, 2]}), ("write_file", (), {})]
    calls += [("write_file", ("index.html", "t", {}, "tag", {"articles": [1, 2, 3]}), {})]
    assert [writing._listed(c) for c in calls] == [0, 0, 2, 0, 3]


def test_only_a_build_that_pelicans_command_line_ran_and_that_returned_exits_early():
    from types import ModuleType, SimpleNamespace  # noqa: PLC0415

    def module(name: str | None = None, file: str | None = None) -> ModuleType:
        main = ModuleType("__main__")
        main.__spec__ = SimpleNamespace(name=name) if name else None
        if file:
            main.__file__ = file
        return main

    assert exiting.is_pelican_cli(module("pelican.__main__"))
    assert exiting.is_pelican_cli(module(file="/venv/bin/pelican"))
    assert not exiting.is_pelican_cli(module(file="/venv/bin/invoke"))
    assert not exiting.is_pelican_cli(module("pytest.__main__"))
    assert not exiting.is_pelican_cli(None)

    def ok():
        return "built"

    def broken():
        raise RuntimeError("a plugin failed")

    site = SimpleNamespace(run=ok)
    exiting.watch(site)
    assert site.run() == "built" and exiting._state["succeeded"]
    site.run = broken
    exiting.watch(site)
    with pytest.raises(RuntimeError):
        site.run()
    assert not exiting._state["succeeded"]
    # Wrapped again afterwards (plugins/atomic_output): that wrapper may still fail.
    site.run = ok
    exiting.watch(site)
    inner = site.run

    def outer():
        return inner()

    site.run = outer
    assert site.run() == "built" and not exiting._state["succeeded"]


def test_no_full_collection_inside_a_run_and_pythons_thresholds_back_after_it():
    before = gc.get_threshold()
    seen = []

    def ok():
        seen.append(gc.get_threshold())
        return "built"

    def broken():
        seen.append(gc.get_threshold())
        raise RuntimeError("a plugin failed")

    site = SimpleNamespace(run=ok)
    garbage.hold_full_collections(site)
    exiting.watch(site)  # as register() connects them
    assert site.run() == "built"
    assert exiting._state["succeeded"]  # exiting's wrapper is still the outermost
    site.run = broken
    garbage.hold_full_collections(site)
    with pytest.raises(RuntimeError):
        site.run()
    assert seen == [(before[0], before[1], garbage.NEVER)] * 2
    assert gc.get_threshold() == before


PROBE = """
import gc, json, os
from pelican import signals

def note(pelican):
    run = pelican.run
    path = os.path.join(pelican.settings["OUTPUT_PATH"], os.pardir, "probe.json")
    with open(path, "w") as fh:
        json.dump({"threshold": gc.get_threshold(), "outer": run.__code__.co_name,
                   "inner": run.__wrapped__.__code__.co_name}, fh)

def register():
    signals.finalized.connect(note)
"""


def test_a_real_build_runs_without_full_collections_inside_exitings_wrapper(tmp_path, content):
    from pelican.settings import read_settings  # noqa: PLC0415

    probe = tmp_path / "more-plugins" / "gc_probe"
    probe.mkdir(parents=True)
    (probe / "__init__.py").write_text(PROBE, encoding="utf-8")
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    overrides = {
        **PARALLEL,
        "PLUGIN_PATHS": ["plugins", str(probe.parent)],
        "PLUGINS": [*plugins, "gc_probe"],
    }
    build = build_site(tmp_path / "out", content, overrides=overrides)
    assert build.returncode == 0, build.log
    noted = json.loads((tmp_path / "probe.json").read_text(encoding="utf-8"))
    assert noted["threshold"][2] == garbage.NEVER
    assert (noted["outer"], noted["inner"]) == ("watched_run", "run_without_full_collections")


def test_sigterm_handler_is_set_while_a_clean_up_is_registered_and_only_over_the_default():
    """The handler itself is exercised by a real build killed while Pagefind runs
    (tests/test_search.py): here, when it is in place."""
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    release_one = exiting.on_terminate(lambda: None)
    release_two = exiting.on_terminate(lambda: None)
    assert signal.getsignal(signal.SIGTERM) is exiting._terminated
    release_one()
    assert signal.getsignal(signal.SIGTERM) is exiting._terminated  # one still registered
    release_two()
    release_two()  # twice does no harm
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

    def programs_own(signum, frame):
        pass

    signal.signal(signal.SIGTERM, programs_own)
    try:
        release = exiting.on_terminate(lambda: None)
        assert signal.getsignal(signal.SIGTERM) is programs_own
        release()
        assert signal.getsignal(signal.SIGTERM) is programs_own
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def test_build_key_follows_settings_and_code_but_not_where_output_goes(tmp_path):
    code = tmp_path / "plugins"
    code.mkdir()
    (code / "x.py").write_text("A = 1\n")
    settings = {"TYPOGRIFY": True, "OUTPUT_PATH": "output", "FILTER": len}
    key = cache.build_key(settings, [code])
    assert key == cache.build_key(dict(settings), [code])
    assert key == cache.build_key({**settings, "OUTPUT_PATH": "elsewhere"}, [code])
    assert key != cache.build_key({**settings, "TYPOGRIFY": False}, [code])
    (code / "x.py").write_text("A = 2\n")
    assert key != cache.build_key(settings, [code])


def test_memo_keeps_only_what_the_last_build_used(tmp_path):
    path = tmp_path / "memo.pickle"
    first = cache.Memo(path, "key-1")
    first.put("converted a", "a.md", "digest-a")
    first.put("converted b", "b.md", "digest-b")
    first.save()

    second = cache.Memo(path, "key-1")
    assert second.get("a.md", "digest-a") == "converted a"
    assert second.get("b.md", "digest-changed") is None  # the file was edited
    second.save()
    assert cache.Memo(path, "key-1").stored == {("a.md", "digest-a"): "converted a"}
    assert cache.Memo(path, "key-2").stored == {}  # settings or code changed


def test_a_sharded_memo_writes_again_only_the_files_whose_entries_changed(tmp_path, monkeypatch):
    path = tmp_path / "memo.pickle"
    first = cache.Memo(path, "key-1", shards=4)
    for n in range(40):
        first.put(f"converted {n}", f"{n}.md", f"digest-{n}")
    first.save()
    assert len(list(tmp_path.glob("memo-*.pickle"))) == 4

    written, save = [], cache.save
    monkeypatch.setattr(cache, "save", lambda to, *rest: written.append(to) or save(to, *rest))
    second = cache.Memo(path, "key-1", shards=4)
    assert len(second.stored) == 40
    for n in range(40):
        assert second.get(f"{n}.md", f"digest-{n}" if n else "digest-edited") == (
            f"converted {n}" if n else None
        )
    second.put("converted 0 again", "0.md", "digest-edited")
    second.save()
    assert len(written) == 1, "only the edited entry's file"
    assert cache.Memo(path, "key-1", shards=4).stored == {
        **{(f"{n}.md", f"digest-{n}"): f"converted {n}" for n in range(1, 40)},
        ("0.md", "digest-edited"): "converted 0 again",
    }
    written.clear()
    third = cache.Memo(path, "key-1", shards=4)
    for parts in list(third.stored):
        third.get(*parts)
    third.save()
    assert written == [], "nothing changed, nothing written"


def test_the_page_memo_is_noted_in_warm_builds_unless_told_otherwise(caplog):
    generator = SimpleNamespace(settings={"BUILD_PAGE_MEMO": "warm"})
    glue._warm.clear()
    assert not glue.records_pages(generator), "a cold build notes nothing"
    glue._warm.add(id(generator))
    assert glue.records_pages(generator)
    generator.settings["BUILD_PAGE_MEMO"] = False
    assert not glue.records_pages(generator)
    glue._warm.clear()
    generator.settings["BUILD_PAGE_MEMO"] = True
    assert glue.records_pages(generator), "the live preview notes from its first build"
    generator.settings["BUILD_PAGE_MEMO"] = "yes"
    assert not glue.records_pages(generator)
    assert "BUILD_PAGE_MEMO = 'yes' is none of True, False and \"warm\"" in caplog.text


def test_a_cache_that_fails_to_save_leaves_the_last_one_and_no_partial_file(tmp_path):
    """The cache is pickled straight into a file of its own: on failure that file goes
    and the last complete cache stays."""
    path = tmp_path / "memo.pickle"
    memo = cache.Memo(path, "key")
    memo.put("converted a", "a.md", "digest-a")
    memo.save()
    saved = path.read_bytes()
    broken = cache.Memo(path, "key")
    broken.put(lambda: None, "b.md", "digest-b")  # a lambda cannot be pickled
    with pytest.raises(Exception, match="lambda"):
        broken.save()
    assert path.read_bytes() == saved
    assert [p.name for p in tmp_path.iterdir()] == ["memo.pickle"]
    assert cache.Memo(path, "key").stored == {("a.md", "digest-a"): "converted a"}


def test_a_damaged_cache_file_is_ignored_with_a_warning(tmp_path, caplog):
    path = tmp_path / "memo.pickle"
    path.write_bytes(b"not a pickle")
    assert cache.Memo(path, "key").stored == {}
    assert "ignoring the build cache" in caplog.text


def test_progress_is_quiet_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "1")
    assert not progress.wanted("auto")
    assert progress.wanted(True)
    assert not progress.wanted(False)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _assert_same_site(expected: Path, actual: Path) -> None:
    want, got = _tree(expected), _tree(actual)
    assert sorted(got) == sorted(want)
    differing = [name for name in want if want[name] != got[name]]
    assert differing == []


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def test_parallel_and_cached_builds_match_a_serial_uncached_one(tmp_path, content):
    reference = build_site(tmp_path / "serial", content, overrides=SERIAL)
    assert reference.returncode == 0, reference.log

    cold = build_site(tmp_path / "parallel", content, overrides=PARALLEL, args=("-v",))
    assert cold.returncode == 0, cold.log
    _assert_same_site(reference.output, cold.output)
    # The search index too, though Pagefind started on the conversion workers' records
    # (plugins/site_search/early.py) and the serial build's on the build's own.
    assert "Pagefind started on the conversion workers' records" in cold.log
    assert "started again" not in cold.log
    assert list((tmp_path / "parallel.cache").glob("fastbuild-articles-*.pickle"))
    assert (tmp_path / "parallel.cache" / "fastbuild-checks.pickle").is_file()

    # An author edits one article; the warm rebuild (into the same folder, with the
    # cache the cold build left) must equal a serial, uncached build of the new text.
    article = content / "articles" / "varra-dam-spillway-cracks.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nA paragraph added after an edit.\n",
        encoding="utf-8",
    )
    warm = build_site(tmp_path / "parallel", content, overrides=PARALLEL)
    assert warm.returncode == 0, warm.log
    edited = build_site(tmp_path / "serial-edited", content, overrides=SERIAL)
    _assert_same_site(edited.output, warm.output)
    (page,) = warm.output.glob("*/*/varra-dam-spillway-cracks/index.html")
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "A paragraph added after an\xa0edit." in text  # typogrify's no-break space


def test_the_warm_build_converts_only_the_edited_article(tmp_path, content):
    overrides = {**PARALLEL, "BUILD_TIMINGS_FILE": str(tmp_path / "times.json")}
    build_site(tmp_path / "out", content, overrides=overrides)
    article = content / "articles" / "varra-dam-spillway-cracks.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    warm = build_site(tmp_path / "out", content, overrides=overrides, args=("-v",))
    total = len(list((content / "articles").glob("*.md")))
    assert f"Converted 1 articles with 2 workers; {total - 1} from the build cache" in warm.log
    # The cache answers for the others: no forecast of the search records to ride on.
    assert "Pagefind started on the conversion workers' records" not in warm.log
    times = json.loads((tmp_path / "times.json").read_text())
    assert {"checks", "related", "disclaimers", "columnists"} <= set(times)
    assert all(t["seconds"] >= 0 and t["cpu_seconds"] >= 0 for t in times.values())


def test_the_plugin_timer_counts_waiting_as_wall_time_and_workers_as_cpu_time():
    """A receiver's CPU time is its own work and its workers': what it waits for (a core
    another process holds, a sleep) counts in its wall time only."""
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3:\n    pass"

    def receiver():
        subprocess.run([sys.executable, "-c", spin], check=True)
        time.sleep(0.3)

    timing.take()
    timing._timed(receiver, "demo")()
    [(wall, cpu)] = timing.take().values()
    assert cpu >= 0.3  # the worker's
    assert wall >= cpu + 0.3  # and the sleep


def test_messages_from_workers_are_printed_once(tmp_path, content):
    """Reading warnings (Pelican's empty-alt check) and the checks' findings come from
    worker processes; each must still be printed once, by the build."""
    (content / "articles" / "no-alt.md").write_text(
        "Title: An image without words\nDate: 2026-03-02 09:00\nCategory: Opinion\n"
        "Author: Amara Okafor\nSummary: Alt text missing.\n\n"
        "A body with TK in it. ![](/images/none.png)\n",
        encoding="utf-8",
    )
    for overrides in (SERIAL, PARALLEL):
        build = build_site(
            tmp_path / f"out-{overrides['BUILD_WORKERS']}", content, overrides=overrides
        )
        assert build.log.count("[edit-mark]") == 1, build.log
        assert build.log.count("Empty alt attribute") == 1, build.log


def test_a_serial_build_with_the_cache_prints_reading_warnings_once(tmp_path, content):
    (content / "articles" / "no-alt.md").write_text(
        "Title: An image without words\nDate: 2026-03-02 09:00\nCategory: Opinion\n"
        "Author: Amara Okafor\nSummary: Alt text missing.\n\nA body. ![](/images/none.png)\n",
        encoding="utf-8",
    )
    overrides = {"BUILD_WORKERS": 1, "BUILD_CACHE": True}
    for _ in range(2):  # cold, then from the cache
        build = build_site(tmp_path / "out", content, overrides=overrides)
        assert build.log.count("Empty alt attribute") == 1, build.log


def test_the_live_preview_uses_the_cache_of_a_normal_build(tmp_path, content):
    """`invoke livereload` changes settings that do not change how articles read (no
    CSP, search in the background): its first build must still find the cache."""
    build_site(tmp_path / "out", content)
    preview = dict(item.split("=", 1) for item in LIVE_PREVIEW_OVERRIDES)
    overrides = {key: json.loads(value) for key, value in preview.items()}
    warm = build_site(tmp_path / "out", content, overrides=overrides, args=("-v",))
    total = len(list((content / "articles").glob("*.md")))
    assert f"Converted 0 articles with 2 workers; {total} from the build cache" in warm.log
    # Its pages note what they read in every build, the first included.
    cold = build_site(tmp_path / "cold", content, overrides=overrides, args=("-v",))
    done, everything = _rendered(cold.log)
    assert done == everything
    again = build_site(tmp_path / "cold", content, overrides=overrides, args=("-v",))
    assert _rendered(again.log)[0] < everything


def _rendered(log: str) -> tuple[int, int]:
    """(calls rendered, calls in all) from the writer's summary line."""
    match = re.search(r"Rendered (\d+) of (\d+) pages", log)
    assert match, log
    return int(match[1]), int(match[2])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "nothing": lambda c: None,
    "a sentence added to a body": lambda c: _edit(
        c / "articles" / "varra-dam-spillway-cracks.md", "\n\n", "\n\nA new first sentence.\n\n"
    ),
    "a headline": lambda c: _edit(
        c / "articles" / "harbour-festival-returns.md",
        "Title: Harbour festival returns",
        "Title: The harbour festival & its return",
    ),
    "a new tag": lambda c: _edit(
        c / "articles" / "harbour-festival-returns.md",
        "Tags: culture, harbour",
        "Tags: culture, harbour, festivals",
    ),
    "a date (the address and every listing)": lambda c: _edit(
        c / "articles" / "varra-dam-spillway-cracks.md",
        "Date: 2026-08-27 15:05",
        "Date: 2025-12-30 09:00",
    ),
    "a policy page's title (the standards box)": lambda c: _edit(
        c / "pages" / "ethics-policy.md", "Title: Ethics policy", "Title: Our ethics code"
    ),
    "a columnist's profile": lambda c: _edit(
        c / "authors" / "amara-okafor.md", "\n\n", "\nJob_title: Chief columnist\n\n"
    ),
    "a new article": lambda c: (c / "articles" / "a-new-piece.md").write_text(
        "Title: A new piece on the harbour\nDate: 2026-11-20 08:00\nCategory: Opinion\n"
        "Tags: harbour\nAuthor: Amara Okafor\nSummary: Something new.\n\n"
        "The harbour needs a plan, and here is one.\n",
        encoding="utf-8",
    ),
    "a deleted article": lambda c: (c / "articles" / "a-new-piece.md").unlink(),
}


def test_rebuilds_render_only_changed_pages_and_match_a_cold_serial_build(tmp_path, content):
    """Each edit in turn, rebuilt warm into the same folder: what the warm build kept
    plus what it rendered again must equal a serial, uncached build of the same text."""
    warm_args = {"overrides": PARALLEL, "args": ("-v",)}
    # A summary with a link to another article: listings at every depth (home page,
    # column, tag and author pages) show it with a relative address of their own, and
    # must show the new one when that article moves (the date edit below).
    (content / "articles" / "spillway-follow-up.md").write_text(
        "Title: The spillway, a week on\nDate: 2026-09-03 08:00\nCategory: Opinion\n"
        "Tags: harbour\nAuthor: Amara Okafor\nSummary: What changed since "
        "[the inspectors' report]({filename}/articles/varra-dam-spillway-cracks.md).\n\n"
        "A week after the inspection, the dam is still open.\n",
        encoding="utf-8",
    )
    # The cold build has nothing to compare with and notes nothing (BUILD_PAGE_MEMO
    # "warm"); the next one, finding the cache, renders every page and notes.
    cold = build_site(tmp_path / "out", content, **warm_args)
    assert cold.returncode == 0, cold.log
    assert "Rendered" not in cold.log
    assert not (tmp_path / "out.cache" / "fastbuild-pages.pickle").exists()
    first = build_site(tmp_path / "out", content, **warm_args)
    assert first.returncode == 0, first.log
    everything = _rendered(first.log)[1]
    assert _rendered(first.log) == (everything, everything)
    assert (tmp_path / "out.cache" / "fastbuild-pages.pickle").is_file()
    rendered = {}
    for n, (name, edit) in enumerate(EDITS.items()):
        edit(content)
        warm = build_site(tmp_path / "out", content, **warm_args)
        assert warm.returncode == 0, warm.log
        rendered[name] = _rendered(warm.log)[0]
        reference = build_site(tmp_path / f"serial-{n}", content, overrides=SERIAL)
        _assert_same_site(reference.output, warm.output)
        for page in ("feeds/all.atom.xml", "index.html"):  # the summary's link resolved
            assert "{filename}" not in (reference.output / page).read_text(encoding="utf-8")
    feeds = len(list((tmp_path / "out" / "feeds").rglob("*.xml")))
    assert rendered["nothing"] == feeds  # feeds are always written; no page is
    assert rendered["a sentence added to a body"] <= feeds + 3
    assert feeds + 3 < rendered["a headline"] < everything
    assert feeds < rendered["a policy page's title (the standards box)"] < everything
    assert feeds < rendered["a columnist's profile"] < everything


def test_a_page_removed_from_the_output_is_written_again(tmp_path, content):
    first = build_site(tmp_path / "out", content, overrides=PARALLEL)
    (page,) = first.output.glob("*/*/varra-dam-spillway-cracks/index.html")
    expected = page.read_bytes()
    page.unlink()
    build_site(tmp_path / "out", content, overrides=PARALLEL)
    assert page.read_bytes() == expected


def test_a_template_edit_renders_every_page(tmp_path, content):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    overrides = {**PARALLEL, "THEME": str(theme)}
    build_site(tmp_path / "out", content, overrides=overrides)
    _edit(theme / "templates" / "base.html", "</body>", "<!-- edited --></body>")
    warm = build_site(tmp_path / "out", content, overrides=overrides, args=("-v",))
    done, everything = _rendered(warm.log)
    assert done == everything
    assert "<!-- edited -->" in (warm.output / "index.html").read_text(encoding="utf-8")


def _article(source: str, title: str, **attributes):
    from pelican.contents import Article  # noqa: PLC0415 - Pelican only for this helper

    article = Article("<p>Body.</p>", metadata={"title": title}, source_path=source)
    vars(article).update(attributes)
    return article


def test_fingerprints_take_articles_by_identity_and_unknowns_as_changed():
    from fastbuild.fingerprints import Fingerprints  # noqa: PLC0415

    one = _article("/c/a.md", "One")
    same_file_new_title = _article("/c/a.md", "Another title")
    fingerprints = Fingerprints()
    # A page that lists articles depends on which ones; their titles are separate reads.
    assert fingerprints.of([one]) == Fingerprints().of([same_file_new_title])
    assert fingerprints.of([one]) != fingerprints.of([_article("/c/b.md", "One")])
    assert fingerprints.of({"a": [1, "x" * 100]}) == Fingerprints().of({"a": [1, "x" * 100]})
    assert fingerprints.of("x" * 100) != fingerprints.of("x" * 99 + "y")

    class Opaque:
        __slots__ = ()

    assert fingerprints.of(Opaque()) != Fingerprints().of(Opaque())  # never "the same"


def test_a_tag_is_the_same_before_and_after_an_address_is_made_from_it():
    """Pelican's URLWrapper.as_dict() (any address made from a tag) copies the tag's
    name and slug into its attributes, making the slug first: not a change, whichever
    way the tag is read (alone, in a list, in an article fingerprinted whole)."""
    from fastbuild.fingerprints import Fingerprints  # noqa: PLC0415
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415
    from pelican.urlwrappers import Tag  # noqa: PLC0415

    def prints(tag):
        fingerprints = Fingerprints()
        whole = fingerprints.deep(_article("/c/a.md", "One", tags=[tag]))
        return [fingerprints.of(tag), fingerprints.of([tag]), whole]

    before = prints(Tag("harbour tunnel", DEFAULT_CONFIG))
    tag = Tag("harbour tunnel", DEFAULT_CONFIG)
    tag.as_dict()
    assert vars(tag)["slug"] == "harbour-tunnel"
    assert prints(tag) == before
    assert prints(Tag("harbour", DEFAULT_CONFIG)) != before  # a tag of another name is another tag


def test_an_article_prints_the_same_whichever_strings_are_one_object():
    """A worker's article, pickled back to the build process, holds equal strings as
    separate objects where the article read here holds one object twice."""
    from fastbuild.fingerprints import Fingerprints  # noqa: PLC0415

    title = "The harbour tunnel"
    same = _article("/c/a.md", title, headline=title)
    equal = _article("/c/a.md", title, headline="".join(["The harbour", " tunnel"]))
    assert same.headline is same.title and equal.headline is not equal.title
    assert Fingerprints().deep(same) == Fingerprints().deep(equal)
    assert Fingerprints().deep(same) != Fingerprints().deep(_article("/c/a.md", title))


def test_fingerprints_are_the_same_in_every_process():
    """Sets pickle in their hash order, which differs from one process to the next:
    they go the long way (sorted)."""
    code = (
        "import sys; sys.path.insert(0, 'plugins')\n"
        "from fastbuild.fingerprints import Fingerprints\n"
        "print(Fingerprints().of({'tags': {'a', 'b', 'c', 'd'}, 'list': [{'x', 'y', 'z'}]}))"
    )
    prints = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(prints) == 1


def test_an_article_is_fingerprinted_whole_with_what_plugins_attached():
    from fastbuild.fingerprints import Fingerprints  # noqa: PLC0415

    related = _article("/c/r.md", "Related")
    base = Fingerprints().deep(_article("/c/a.md", "One", related_stories=[related]))
    again = Fingerprints().deep(_article("/c/a.md", "One", related_stories=[related]))
    assert base == again
    other_related = [_article("/c/s.md", "Other")]
    assert base != Fingerprints().deep(_article("/c/a.md", "One", related_stories=other_related))
    assert base != Fingerprints().deep(_article("/c/a.md", "Two", related_stories=[related]))
    # What another article holds is its own business: the same reference, same print.
    renamed = _article("/c/r.md", "Related, renamed")
    assert base == Fingerprints().deep(_article("/c/a.md", "One", related_stories=[renamed]))


def test_articles_fingerprinted_whole_in_worker_processes_print_the_same():
    """The page memo fingerprints every article in the build's workers (deep_all)."""
    from fastbuild.fingerprints import Fingerprints  # noqa: PLC0415

    related = _article("/c/r.md", "Related")
    articles = [
        _article(f"/c/{i}.md", f"Title {i % 7}", related_stories=[related]) for i in range(40)
    ]
    articles += [articles[3], related]  # one twice, one that another refers to
    in_turn = [Fingerprints().deep(a) for a in articles]
    forked = Fingerprints()
    assert forked.deep_all(articles, partial(fork_map, workers=2)) == in_turn
    assert len(forked._deep) == 41  # each worked out once, and remembered here
    assert [forked.deep(a) for a in articles] == in_turn


def test_the_page_memo_renumbers_reads_of_pages_long_gone(tmp_path):
    """Once most stored reads belong to pages no longer built, the table is numbered
    afresh; the pages' reads and the articles they read stay what they were."""
    from fastbuild import rendering  # noqa: PLC0415

    path = tmp_path / "pages.pickle"
    pages = rendering.RenderedPages(path, "key", {})
    gone = [(f"Article:/c/{n}.md", "a", "title", "..", f"old {n}") for n in range(5)]
    kept = [("Article:/c/a.md", "a", "title", "..", "A"), (rendering.ROOT, "r", "x", None, "1")]
    pages.table = gone + kept
    pages.calls = {("a/index.html", "article.html"): ("args", (5, 6), [])}
    pages.owners, pages.links = {"Article:/c/a.md": "D:a"}, "links"
    pages.save()

    again = rendering.RenderedPages(path, "key", {})
    ((_, numbers, _),) = again.stored_calls.values()
    assert [again.table[n] for n in numbers] == kept
    assert again.stored_owners == {"Article:/c/a.md": "D:a"}


def test_listing_members_answer_in_as_the_list_does():
    """listings.Members: `in` by identity through a set, the same answers as list's."""
    from fastbuild.listings import CHANGING, Members  # noqa: PLC0415

    one, two, three = _article("/c/1.md", "One"), _article("/c/2.md", "Two"), object()
    members = Members([one, two])
    assert one in members and two in members and three not in members
    assert _article("/c/1.md", "One") not in members  # the same file, another object
    members.append(three)
    assert three in members
    members[0] = "".join(["x", "xx"])
    assert one not in members and "xxx" in members  # equal strings: the list's own test
    members += [one]
    assert one in members and type(members) is Members
    arguments = {
        "__setitem__": (0, two), "__delitem__": (0,), "__iadd__": ([two],), "__imul__": (0,),
        "append": (two,), "extend": ([two],), "insert": (0, two), "pop": (),
        "remove": (one,), "clear": (),
    }  # fmt: skip
    for name in CHANGING:  # every one drops the set
        members = Members([one])
        assert one in members
        getattr(members, name)(*arguments[name])
        listed = [list.__contains__(members, x) for x in (one, two)]
        assert [x in members for x in (one, two)] == listed, name


def test_tag_category_and_author_lists_become_members_in_every_build():
    """Before the articles generator writes, serial and uncached builds too."""
    from types import SimpleNamespace  # noqa: PLC0415

    from fastbuild import glue  # noqa: PLC0415
    from fastbuild.listings import Members  # noqa: PLC0415

    one = _article("/c/1.md", "One")
    generator = SimpleNamespace(tags={"a": [one]}, categories=[("c", [one])], authors=[])
    generator.authors.append(("w", [one]))
    generator.settings = {**SERIAL, "BUILD_PROGRESS": False}
    glue.write_in_parallel(generator)
    assert type(generator.tags["a"]) is Members and generator.tags["a"] == [one]
    assert [type(v) for _, v in generator.categories + generator.authors] == [Members, Members]
