"""Benchmark of the related-stories step (`invoke related-bench`).

For each size, a generated archive (benchmarks/corpus.py, 30% untagged) is prepared as
Pelican would have read it (title, body HTML, date, column, tags), then a fresh Python
process times what the plugin does once all articles are read: plain text from HTML,
TF-IDF vectors, inverted index, scoring and top-K for every article. Peak memory is the
process's peak resident size above what it held before the step (the loaded articles),
read from the kernel, so NumPy/SciPy buffers count. Precision (share of picks with the
article's hidden topic) is printed alongside, for tagged and untagged articles. "warm s":
the same step when every article's counted words come from the build cache, as on a
rebuild (the picks must not change).

The comparison: Pelican reading the same kind of articles from Markdown files (reading
only, no writing; every plugin but `related`), measured for `read` articles and
scaled linearly to 10,000 when fewer were read (reading is linear: one file at a time).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
K = 3
SEED = 4
UNTAGGED = 0.3


def _rss_kib() -> int:
    """Current resident size; Linux only (elsewhere 0, and peaks count from zero)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def _prepare(n: int, folder: Path) -> Path:
    """Pickle the generated archive as the step's input (what Pelican hands the plugin)."""
    from benchmarks.corpus import generate  # noqa: PLC0415

    articles = generate(n, seed=SEED, untagged=UNTAGGED)
    rows = [
        {
            "slug": a.slug,
            "path": f"content/articles/{a.slug}.md",
            "title": a.title,
            "html": "".join(f"<p>{p}</p>\n" for p in a.body.split("\n\n")),
            "date": a.date,
            "category": a.category,
            "tags": a.tags,
            "topic": a.topic,
        }
        for a in articles
    ]
    path = folder / f"articles-{n}.pickle"
    path.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _measure(pickle_path: str) -> dict:
    """Run in a child process: time the step on the pickled archive."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from related.extract import plain_text  # noqa: PLC0415
    from related.scoring import Doc, RelatedIndex  # noqa: PLC0415
    from related.settings import RELATED_MIN_SCORE  # noqa: PLC0415

    rows = pickle.loads(Path(pickle_path).read_bytes())
    gc.collect()
    before = _rss_kib()
    start = time.perf_counter()
    docs = [
        Doc(
            slug=r["slug"],
            path=r["path"],
            title=plain_text(r["title"]),
            text=plain_text(r["html"]),
            date=r["date"],
            category=r["category"],
            tags=r["tags"],
        )
        for r in rows
    ]
    result = RelatedIndex(docs).related(K, RELATED_MIN_SCORE)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # A rebuild finds every article's counted words in the build cache.
    counted = [replace(d, text="", terms=d.counted()) for d in docs]
    start = time.perf_counter()
    warm = RelatedIndex(counted).related(K, RELATED_MIN_SCORE)
    warm_seconds = time.perf_counter() - start
    if warm.picks != result.picks:
        raise RuntimeError("picks from counted words differ from picks from the text")
    topic = {r["path"]: r["topic"] for r in rows}
    by_slug = {r["slug"]: r["topic"] for r in rows}
    counts = {True: [0, 0], False: [0, 0]}
    for r in rows:
        picks = result.picks[r["path"]]
        tally = counts[bool(r["tags"])]
        tally[0] += sum(by_slug[p.slug] == topic[r["path"]] for p in picks)
        tally[1] += len(picks)
    return {
        "n": len(rows),
        "seconds": seconds,
        "warm_seconds": warm_seconds,
        "peak_mib": max(0, peak - before) / 1024,
        "precision_tagged": counts[True][0] / max(1, counts[True][1]),
        "precision_untagged": counts[False][0] / max(1, counts[False][1]),
        "picks_per_article": (counts[True][1] + counts[False][1]) / len(rows),
    }


def _pelican_read_seconds(n: int, folder: Path) -> float:
    """Seconds Pelican takes to read `n` generated Markdown articles (child process)."""
    from benchmarks.corpus import generate, write_content  # noqa: PLC0415

    content = write_content(generate(n, seed=SEED, untagged=UNTAGGED), folder / "content")
    code = (
        "import sys, time, json\n"
        f"sys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from pelican.settings import get_settings_from_file\n"
        "from related.glue import read_articles\n"
        f"plugins = get_settings_from_file({str(ROOT / 'pelicanconf.py')!r})['PLUGINS']\n"
        "start = time.perf_counter()\n"
        f"g = read_articles({str(ROOT / 'pelicanconf.py')!r}, {{'PATH': {str(content)!r}, "
        f"'OUTPUT_PATH': {str(folder / 'output')!r}, "
        "'PLUGINS': [p for p in plugins if p != 'related']})\n"
        "print(json.dumps([time.perf_counter() - start, len(g.articles)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seconds, read = json.loads(out.stdout.strip().splitlines()[-1])
    if read != n:
        raise RuntimeError(f"Pelican read {read} of {n} articles:\n{out.stderr}")
    return seconds


def main(sizes: list[int], read: int = 1000) -> None:
    print(f"Related-stories step alone (K={K}, {UNTAGGED:.0%} of articles untagged, seed {SEED})")
    print(
        f"{'articles':>9}  {'seconds':>8}  {'peak MiB':>9}  {'precision tagged/untagged':>26}"
        f"  {'warm s':>7}"
    )
    results = {}
    with tempfile.TemporaryDirectory(prefix="related-bench-") as tmp:
        for n in sizes:
            data = _prepare(n, Path(tmp))
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.related_bench", "--measure", str(data)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            data.unlink()
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results[n] = r
            print(
                f"{n:>9,}  {r['seconds']:>8.2f}  {r['peak_mib']:>9.0f}  "
                f"{r['precision_tagged']:>12.3f} / {r['precision_untagged']:.3f}"
                f"  {r['warm_seconds']:>7.2f}",
                flush=True,
            )
        seconds = _pelican_read_seconds(read, Path(tmp))
    at_10k = seconds * 10_000 / read
    how = "measured" if read == 10_000 else f"measured for {read:,}, scaled linearly"
    print(f"\nPelican reading 10,000 such articles: {at_10k:.1f} s ({how}: {seconds:.1f} s).")
    if 10_000 in results:
        share = results[10_000]["seconds"] / at_10k
        print(f"The related step at 10,000 takes {share:.1%} of that.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(_measure(sys.argv[2])))
    else:
        main([int(s) for s in sys.argv[1:]] or [1000, 10_000, 50_000])
