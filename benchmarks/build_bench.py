"""Build-speed benchmark (`invoke bench`): our whole site against stock Pelican and Hugo.

For each size N, one generated archive (benchmarks/corpus.py: ~700-1,000 words per
article, 12 columnists, three columns, tags, hidden topics) is built four ways, one
after the other in this process's run, so the ratios compare like with like:

  a  stock Pelican: its default theme, no plugins, TYPOGRIFY on (the baseline)
  b  our site, cold: every plugin of ours, empty build cache, empty output folder
  b- the same without plugins/site_search, to tell Pagefind's time and memory from ours
  c2 an edit rebuilt as `invoke build` does: b's settings and cache, waiting for the
     search index
  c  the live preview's rebuild after an edit (`invoke livereload`, once its first
     build is done: the search index is rebuilt in the background)
  d  Hugo from Debian's `hugo` package on the same articles, when it is installed

Wall time is measured around each command, and its CPU time (user and system, of it and
the processes it waited for) from the kernel's account of finished children: on two busy
cores, b/a cannot fall below half of b's CPU time over a's. Its system part is shown
apart, as it is what varies between runs of the same build on a virtual machine, and
beside it the page faults that pay for most of it: each is a page of memory the command
touched for the first time (stock Pelican takes some 26,000 at 4,000 articles, our
cold build 590,000, half of them Pagefind's).
`--repeat` runs each size's sequence several times and reports medians and ranges. Peak
memory is the largest total memory of the command's whole process tree, sampled every
SAMPLE_SECONDS: the proportional set size (PSS, /proc/<pid>/smaps_rollup) of each Python
process, as worker processes share the parent's pages copy-on-write and PSS counts each
shared page once instead of once per process; the resident set size (/proc/<pid>/status)
of any other (Pagefind, Hugo), which shares no pages with the tree but libraries and
costs nothing to read, where smaps_rollup walks the page tables (15 ms for Pagefind's
1.1 GB, four times a second, stalling its allocations meanwhile: b took 0.1 to 1.0 s
longer than unwatched in three rounds). Plugin time is what plugins/fastbuild's timer
measured inside b's signal receivers (BUILD_TIMINGS_FILE): wall time, against b's, and
CPU time (the receivers' own and their workers'), against b's CPU time.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from benchmarks.corpus import GeneratedArticle, generate, write_content
from tasks import LIVE_PREVIEW_OVERRIDES

ROOT = Path(__file__).resolve().parent.parent
#: How often the memory of the measured process tree is read. Reading smaps_rollup walks
#: each process's page tables under its memory lock, which stalls a process that is
#: faulting memory in (Pagefind faults in 1.3 GB at 4,000 articles): sampled every
#: 50 ms, b took 1.7 and 4.6 s longer than unwatched. Peaks last seconds; 0.25 s finds them.
SAMPLE_SECONDS = 0.25
SEED = 11
#: The plugins whose own work the build-speed target ("under 10 % of b") lists by name.
#: The report gives their share and, stricter, the share of every plugin of ours but
#: fastbuild (the build machinery: conversion and writing).
ISSUE_PLUGINS = ("related", "disclaimers", "columnists", "checks")
STOCK_SETTINGS = """\
# Stock Pelican: default theme, no plugins, typogrify on.
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []  # our pages use our templates (404.html); 5 pages either way
TYPOGRIFY = True
PLUGINS = []
SITENAME = "Stock"
SITEURL = ""
TIMEZONE = "Europe/Oslo"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


@dataclass
class Run:
    label: str
    seconds: float
    peak_mib: float
    #: User and system CPU time of the command and every process it waited for (its
    #: workers, Pagefind); not of what it left running (the live preview's background
    #: search index).
    cpu_seconds: float = 0.0
    #: The system part of cpu_seconds: on the build machine, a virtual machine, what
    #: changes between runs of the same build (see settle()).
    system_seconds: float = 0.0
    #: Minor page faults of the same processes: pages of memory touched for the first
    #: time (allocated, or copied after a fork), which the build machine charges for in
    #: system time, more when it has not lent the memory out lately (see settle()).
    faults: int = 0
    #: For a cold build measured after settle(): whether the page cache was dropped.
    cache_dropped: bool | None = None
    extra: dict = field(default_factory=dict)


# --- memory of a process tree -------------------------------------------------------


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _field_kib(path: str, field: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


#: The interpreter the builds run with: its processes fork workers that share pages.
PYTHON = os.path.realpath(sys.executable)


def _memory_kib(pid: int) -> int:
    """PSS of a Python process, RSS of any other (see the module's docstring)."""
    try:
        python = os.readlink(f"/proc/{pid}/exe") == PYTHON
    except OSError:
        return 0
    if python:
        return _field_kib(f"/proc/{pid}/smaps_rollup", "Pss:")
    return _field_kib(f"/proc/{pid}/status", "VmRSS:")


#: Where Linux drops its page cache (root only).
DROP_CACHES = "/proc/sys/vm/drop_caches"
#: The machine left alone after the cache is dropped, for whatever the kernel does with
#: the memory freed (builds started 3 to 5 s after it were as quick as any).
SETTLE_SECONDS = 3.0


def settle(drop_cache: bool = True) -> bool:
    """Start a command from the state the one before it started from: what the last one
    wrote is written back now (not while the next is timed) and, for a cold build, where
    the bench may (root), the page cache is dropped; returns whether it was.

    On the build machine, a virtual machine, every page a build touches for the first
    time costs more as the page cache fills with the files earlier builds wrote: four
    cold builds at 4,000 articles in a row, each in a new folder, took 2.8, 3.7, 4.4 and
    5.6 s of system time for the same 22 s of user time; after the cache was dropped,
    2.6 and 2.7 s. Stock Pelican touches little new memory (26,000 page faults against
    our cold build's 590,000, 291,000 of them Pagefind's) and hardly notices, so without
    this the commands later in a sequence (b after a) are measured on a slower machine.
    A rebuild after an edit keeps the cache: an author's follows the build before it,
    whose files are still in memory (c took 4.3 to 4.4 s from a dropped cache, 3.8 to
    4.3 s without)."""
    os.sync()
    if not drop_cache:
        return False
    try:
        with open(DROP_CACHES, "w") as fh:
            fh.write("1\n")
    except OSError:
        return False
    time.sleep(SETTLE_SECONDS)
    return True


def measure(
    label: str, cmd: list[str], cwd: Path, env: dict | None = None, cold: bool | None = None
) -> Run:
    """Run `cmd`, return its wall time and the peak memory of its process tree. Unless
    `cold` is None, settle() the machine before (untimed), dropping the page cache for
    a cold build."""
    dropped = None if cold is None else settle(drop_cache=cold)
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_memory_kib(p) for p in _tree(proc.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    if proc.returncode:
        sys.stderr.write(output[-4000:])
        raise SystemExit(f"{label}: `{' '.join(cmd)}` failed with exit {proc.returncode}")
    system = after.ru_stime - before.ru_stime
    cpu = (after.ru_utime - before.ru_utime) + system
    faults = after.ru_minflt - before.ru_minflt
    dropped = dropped if cold else None
    return Run(label, seconds, peak / 1024, cpu, system, faults, cache_dropped=dropped)


# --- the sites ----------------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def prepare_content(articles: list[GeneratedArticle], content: Path) -> None:
    """The generated articles plus what our site needs around them: a profile per
    columnist and the project's pages (links to sample articles point home instead)."""
    write_content(articles, content)
    authors = content / "authors"
    authors.mkdir(parents=True, exist_ok=True)
    for name in sorted({a for article in articles for a in article.authors}):
        (authors / f"{_slug(name)}.md").write_text(
            f"Name: {name}\nRole: Columnist\nSummary: {name} writes on the valley's affairs.\n\n"
            f"{name} has written a column for the paper since 2016.\n",
            encoding="utf-8",
        )
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for page in sorted((ROOT / "content" / "pages").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"\{filename\}[^)\s]*", "https://northgate.example.org/", text)
        (pages / page.name).write_text(text, encoding="utf-8")
    if (ROOT / "content" / "images").is_dir():
        shutil.copytree(ROOT / "content" / "images", content / "images", dirs_exist_ok=True)


def hugo_site(articles: list[GeneratedArticle], site: Path) -> None:
    """The same articles as a Hugo site with a minimal theme of the same shape as
    Pelican's default one: article pages, paginated home, column, tag and author
    listings, and feeds (Hugo's RSS)."""
    posts = site / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for a in articles:
        front = {
            "title": a.title,
            "date": a.date.strftime("%Y-%m-%dT%H:%M:00+01:00"),
            "slug": a.slug,
            "categories": [a.category],
            "tags": list(a.tags),
            "authors": list(a.authors),
            "summary": a.summary,
            "draft": a.status != "published",
        }
        (posts / f"{a.slug}.md").write_text(
            f"{json.dumps(front, indent=1)}\n\n{a.body}\n", encoding="utf-8"
        )
    (site / "config.toml").write_text(
        'baseURL = "http://localhost/"\ntitle = "Hugo"\npaginate = 10\n'
        "disableKinds = []\n"
        '[taxonomies]\ncategory = "categories"\ntag = "tags"\nauthor = "authors"\n'
        "[markup.goldmark.extensions]\ntypographer = true\n",
        encoding="utf-8",
    )
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>{{ .Title }} | {{ .Site.Title }}</title></head><body>"
        '<header><a href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a><nav>'
        '{{ range .Site.Taxonomies.categories }}<a href="{{ .Page.RelPermalink }}">'
        "{{ .Page.Title }}</a> {{ end }}</nav></header><main>"
    )
    (layouts / "baseof.html").write_text(
        head + '{{ block "main" . }}{{ end }}</main></body></html>\n', encoding="utf-8"
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>'
        '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}'
        "</time> by {{ range .Params.authors }}{{ . }} {{ end }} in "
        "{{ range .Params.categories }}{{ . }}{{ end }}</p>{{ .Content }}<p>Tags: "
        '{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> '
        "{{ end }}</p></article>{{ end }}\n",
        encoding="utf-8",
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2>'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>'
        '<time>{{ .Date.Format "2 January 2006" }}</time></article>{{ end }}'
        '{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}\n',
        encoding="utf-8",
    )


def _our_plugins() -> list[str]:
    from pelican.settings import read_settings  # noqa: PLC0415 - only this step needs it

    return list(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])


def _edit_one(articles: list[GeneratedArticle], content: Path, nth: int) -> Path:
    """Append a sentence to the body of an article in the middle, as an author would."""
    path = content / "articles" / f"{articles[len(articles) // 2 + nth].slug}.md"
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + " One more sentence, edited.\n",
        encoding="utf-8",
    )
    return path


def _wait_for_background_index(output: Path, limit: float = 600) -> None:
    """The live preview's search index is still being built: the next run must not
    share the cores with it."""
    marker = output / ".pagefind-building"
    deadline = time.monotonic() + limit
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.2)


# --- the benchmark ------------------------------------------------------------------


def bench_size(n: int, work: Path) -> list[Run]:
    articles = generate(n, seed=SEED, untagged=0.2)
    content = work / "content"
    prepare_content(articles, content)
    python = sys.executable
    runs = []
    # Every command from the same state of the machine (settle()).
    cold_build, rebuild = partial(measure, cold=True), partial(measure, cold=False)

    (work / "stock.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    runs.append(
        cold_build(
            "a  stock Pelican",
            [python, "-m", "pelican", str(content), "-s", "stock.py", "-o", "stock-out", "-q"],
            work,
        )
    )

    timings = work / "plugin-times.json"
    ours = [python, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py")]
    ours += ["-o", str(work / "out"), "-q"]
    overrides = ["-e", f"CACHE_PATH={json.dumps(str(work / 'cache'))}"]
    overrides += [f"BUILD_TIMINGS_FILE={json.dumps(str(timings))}", "BUILD_PROGRESS=false"]
    b = cold_build("b  ours, cold", ours + overrides, ROOT)
    b.extra["plugins"] = json.loads(timings.read_text(encoding="utf-8"))
    runs.append(b)

    # b without the search index: Pagefind's process and its memory apart from ours.
    plugins = [p for p in _our_plugins() if p != "site_search"]
    unsearched = [python, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py")]
    unsearched += ["-o", str(work / "out-nosearch"), "-q", "-e", f"PLUGINS={json.dumps(plugins)}"]
    unsearched += [f"CACHE_PATH={json.dumps(str(work / 'cache-nosearch'))}", "BUILD_PROGRESS=false"]
    runs.append(cold_build("b- ours, cold, without search", unsearched, ROOT))

    # c2: an edit rebuilt as `invoke build` does (same settings as b, its cache, waits
    # for the search index). c: what `invoke livereload` runs after an author saves
    # (search catches up in the background). The preview's pages differ from b's (no
    # CSP meta, for livereload's script), so the preview's own first build, when
    # `invoke livereload` starts, comes first and is not timed.
    _edit_one(articles, content, 0)
    runs.append(rebuild("c2 ours, rebuild of an edit", ours + overrides, ROOT))
    preview = [*overrides, *LIVE_PREVIEW_OVERRIDES]
    rebuild("livereload's first build", ours + preview, ROOT)
    _wait_for_background_index(work / "out")
    _edit_one(articles, content, 1)
    runs.append(rebuild("c  ours, live preview of an edit", ours + preview, ROOT))
    _wait_for_background_index(work / "out")

    hugo = shutil.which("hugo")
    if hugo:
        hugo_site(articles, work / "hugo")
        runs.append(
            cold_build("d  Hugo", [hugo, "--quiet", "-s", str(work / "hugo"), "-d", "out"], work)
        )
    return runs


def _median(items: list, key=None):
    """The middle item (the lower of the middle two): always one of the items."""
    ordered = sorted(items, key=key)
    return ordered[(len(ordered) - 1) // 2]


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time: a real run, so its memory, CPU time and plugin times
    belong together."""
    return _median(runs, key=lambda r: r.seconds)


def _ratio(reps: list[dict[str, Run]], top: str, bottom: str, measure: str = "seconds") -> str:
    """`top` over `bottom` in each repetition (taken one after the other, so each pair
    shares the machine's state at the time), as the median and, over several, the range."""
    ratios = [getattr(r[top], measure) / getattr(r[bottom], measure) for r in reps]
    if len(ratios) == 1:
        return f"{ratios[0]:5.2f}"
    middle = _median(ratios)
    return f"{middle:5.2f} ({min(ratios):.2f} to {max(ratios):.2f} over {len(ratios)} runs)"


def report(n: int, repetitions: list[list[Run]]) -> str:
    """One table per size. Over several repetitions, each line is the run of median
    wall time, with the range of wall times, and each ratio the median of the
    repetitions' own ratios."""
    reps = [{r.label.split()[0]: r for r in runs} for runs in repetitions]
    labels = [r.label for r in repetitions[0]]
    many = len(reps) > 1
    lines = [
        f"\n{n:,} articles ({os.cpu_count()} cores)"
        + (f", median of {len(reps)} runs" if many else "")
        + _settled_note(repetitions),
        f"{'':36}{'wall':>9}{'peak memory':>12}{'CPU':>9}{'system':>9}{'faults':>9}",
    ]
    by = {}
    for label in labels:
        key = label.split()[0]
        runs = [rep[key] for rep in reps]
        r = by[key] = median_run(runs)
        line = f"{label:36}{r.seconds:8.1f}s{r.peak_mib:9.0f} MiB{r.cpu_seconds:8.1f}s"
        line += f"{r.system_seconds:8.1f}s{r.faults / 1000:8.0f}k"
        if many:
            line += (
                f"   wall {min(x.seconds for x in runs):.1f} to {max(x.seconds for x in runs):.1f}s"
            )
        lines.append(line)
    a, b, d = by["a"], by["b"], by.get("d")
    lines.append(f"b/a  {_ratio(reps, 'b', 'a')}   (target <= 0.8)")
    lines.append(f"c/b  {_ratio(reps, 'c', 'b')}   (target <= 0.3)")
    lines.append(f"c2/b {_ratio(reps, 'c2', 'b')}")
    if d:
        lines.append(f"b/d  {_ratio(reps, 'b', 'd')}")
    lines.append(f"memory b/a  {_ratio(reps, 'b', 'a', 'peak_mib')}   (target < 2)")
    if a.cpu_seconds:
        # With every core busy, b/a can be no lower than this divided by the cores.
        lines.append(f"CPU b/a  {_ratio(reps, 'b', 'a', 'cpu_seconds')}")
    if "b-" in by:
        lines.append(
            f"without search: b-/a {_ratio(reps, 'b-', 'a')}, "
            f"memory b-/a {_ratio(reps, 'b-', 'a', 'peak_mib')}"
        )
    plugins = b.extra["plugins"]
    own = {k: v for k, v in plugins.items() if k != "fastbuild"}
    which = " (its median run)" if many else ""
    lines.append(f"our plugins' own work in b{which}: {_share(own.values(), b)}")
    by_time = sorted(own.items(), key=lambda i: -i[1]["seconds"])
    lines.append(
        "  "
        + ", ".join(f"{k} {v['seconds']:.2f} s ({v['cpu_seconds']:.2f} CPU-s)" for k, v in by_time)
    )
    lines.append(
        f"  of which {', '.join(ISSUE_PLUGINS)} (the plugins the target names, "
        f"< 10% of b): {_share(_named(b), b)}"
    )
    if many:
        shares = sorted(
            sum(t["cpu_seconds"] for t in _named(rep["b"])) / rep["b"].cpu_seconds for rep in reps
        )
        lines.append(
            f"  their share of b's CPU time in each run: {', '.join(f'{s:.1%}' for s in shares)}"
        )
    return "\n".join(lines)


def _settled_note(repetitions: list[list[Run]]) -> str:
    """Whether the cold builds (a, b, b-, d) started from a dropped page cache."""
    states = {r.cache_dropped for runs in repetitions for r in runs} - {None}
    if states == {True}:
        return "; page cache dropped before each cold build"
    if False in states:
        return "; page cache not dropped (not root): later builds may be measured slower"
    return ""


def _named(b: Run) -> list[dict]:
    """The times of the plugins the target names, in b."""
    return [b.extra["plugins"][k] for k in ISSUE_PLUGINS if k in b.extra["plugins"]]


def _share(times, b: Run) -> str:
    """Wall time inside the receivers against b's, and their CPU time against b's: the
    wall time counts the moments a receiver waited for a core Pagefind had."""
    times = list(times)
    wall = sum(t["seconds"] for t in times)
    cpu = sum(t["cpu_seconds"] for t in times)
    text = f"{wall:.2f} s = {wall / b.seconds:.1%} of b"
    if b.cpu_seconds:
        text += f"; {cpu:.2f} CPU-s = {cpu / b.cpu_seconds:.1%} of b's CPU time"
    return text


def main(sizes: list[int], keep: bool = False, repeat: int = 1) -> None:
    """Each run's folder is removed once every size is built, not before the next:
    ext4 allocates inodes slowly for a while after many were freed, and deleting the
    1,000-article run's 20,000 files made the 4,000-article builds that followed
    slower, ours (13,000 files and folders, and Pagefind's 4,000) more than stock's.

    `repeat`: each size is benchmarked that many times over, one whole sequence after
    the other, each in a new folder on the same generated archive."""
    folders = []
    try:
        for n in sizes:
            repetitions = []
            for _ in range(repeat):
                folders.append(Path(tempfile.mkdtemp(prefix=f"column-bench-{n}-")))
                repetitions.append(bench_size(n, folders[-1]))
            print(report(n, repetitions), flush=True)
    finally:
        for work in folders:
            if keep:
                print(f"(kept {work})")
            else:
                shutil.rmtree(work, ignore_errors=True)
