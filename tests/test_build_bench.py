"""The build benchmark's report: the ratios and plugin shares come from the runs given."""

import sys

from benchmarks import build_bench
from benchmarks.build_bench import Run, measure, report


def test_report_gives_the_ratios_and_both_plugin_shares():
    b = Run("b  ours, cold", 20.0, 400.0, cpu_seconds=36.0)
    b.extra["plugins"] = {
        name: {"seconds": wall, "cpu_seconds": cpu}
        for name, wall, cpu in [
            ("fastbuild", 9.0, 12.0),
            ("related", 1.0, 0.9),
            ("checks", 0.5, 0.9),
            ("site_search", 1.5, 9.0),
        ]
    }
    runs = [
        Run("a  stock Pelican", 25.0, 100.0, cpu_seconds=24.0),
        b,
        Run("b- ours, cold, without search", 16.0, 200.0),
        Run("c2 ours, rebuild of an edit", 8.0, 400.0),
        Run("c  ours, live preview of an edit", 5.0, 150.0),
    ]
    text = report(4000, [runs])
    assert "median" not in text  # one run: its own numbers, no ranges
    assert "b/a   0.80   (target" in text
    assert "c/b   0.25" in text
    assert "memory b/a   4.00" in text
    assert "CPU b/a   1.50" in text
    # Every plugin but the build machinery: 3 s of 20, 10.8 CPU-s of 36.
    assert "our plugins' own work in b: 3.00 s = 15.0% of b; 10.80 CPU-s = 30.0% of b's" in text
    assert "related 1.00 s (0.90 CPU-s), checks 0.50 s (0.90 CPU-s)" in text
    # Those the target names (site_search is not one of them): 1.5 s of 20, 1.8 CPU-s of 36.
    assert "< 10% of b): 1.50 s = 7.5% of b; 1.80 CPU-s = 5.0% of b's CPU time" in text
    assert "b/d" not in text  # no Hugo run, no Hugo ratio


def _repetition(a_wall: float, b_wall: float, b_cpu: float, related_cpu: float) -> list[Run]:
    b = Run("b  ours, cold", b_wall, 1000.0 + b_wall, cpu_seconds=b_cpu)
    b.extra["plugins"] = {"related": {"seconds": related_cpu, "cpu_seconds": related_cpu}}
    return [
        Run("a  stock Pelican", a_wall, 100.0, cpu_seconds=20.0),
        b,
        Run("c2 ours, rebuild of an edit", 8.0, 400.0),
        Run("c  ours, live preview of an edit", b_wall / 4, 150.0),
    ]


def test_repeated_runs_report_the_median_run_and_each_ratio_s_median_and_range():
    # Three runs of the sequence: the machine slower in the second for both builds.
    reps = [_repetition(20.0, 14.0, 28.0, 2.0), _repetition(25.0, 20.0, 40.0, 3.0)]
    reps.append(_repetition(21.0, 15.0, 25.0, 2.5))
    text = report(4000, reps)
    assert "4,000 articles" in text and "median of 3 runs" in text
    # Each line is the run of median wall time (b: 15 s, with its memory and CPU time) ...
    b_line = next(line for line in text.splitlines() if line.startswith("b  ours"))
    assert b_line.split()[3:] == [
        "15.0s",
        "1015",
        "MiB",
        "25.0s",
        "0.0s",
        "0k",
        "wall",
        "14.0",
        "to",
        "20.0s",
    ]
    # ... and each ratio the median of the runs' own: b/a 0.70, 0.80 and 0.714.
    assert "b/a   0.71 (0.70 to 0.80 over 3 runs)   (target <= 0.8)" in text
    assert "c/b   0.25 (0.25 to 0.25 over 3 runs)" in text
    assert "CPU b/a   1.40 (1.25 to 2.00 over 3 runs)" in text
    # The plugins' times are the median run's; their share in each run follows.
    assert "< 10% of b): 2.50 s = 16.7% of b; 2.50 CPU-s = 10.0% of b's CPU time" in text
    assert "their share of b's CPU time in each run: 7.1%, 7.5%, 10.0%" in text


def test_measure_counts_the_cpu_of_the_processes_the_command_waited_for(tmp_path):
    # The command spends its CPU in a child it waits for, as a build does in its workers.
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3:\n    pass"
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"
    run = measure("spin", [sys.executable, "-c", code], tmp_path)
    assert run.cpu_seconds >= 0.3
    assert run.seconds >= 0.3


def test_measure_tells_the_system_time_apart(tmp_path):
    """What the kernel spends for the command (faults, files) is reported on its own."""
    calls = (
        "import os, resource\n"
        "while resource.getrusage(resource.RUSAGE_SELF).ru_stime < 0.2:\n"
        "    os.stat('/')"
    )
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {calls!r}])"
    run = measure("stat", [sys.executable, "-c", code], tmp_path)
    assert 0.2 <= run.system_seconds <= run.cpu_seconds


def test_measure_counts_the_pages_of_memory_touched_by_the_processes_it_waited_for(tmp_path):
    """64 MiB written by a child are 16,384 pages touched for the first time (counted give
    or take the few a process's start touches more or less from one run to the next)."""

    def faults(size: int) -> int:
        child = f"data = b'x' * {size}"
        code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
        return measure("touch", [sys.executable, "-c", code], tmp_path).faults

    assert faults(64 << 20) - faults(1) >= 0.95 * (64 << 20) // 4096


def test_each_size_s_folder_is_removed_only_after_every_size_is_built(monkeypatch):
    """Deleting thousands of files slows ext4's next allocations: the builds of the
    next size must not follow a deletion."""
    folders, alive = [], []

    def bench_size(n, work):
        folders.append(work)
        alive.append([folder.is_dir() for folder in folders])
        return []

    monkeypatch.setattr(build_bench, "bench_size", bench_size)
    monkeypatch.setattr(build_bench, "report", lambda n, runs: f"{n} done")
    build_bench.main([1, 2, 3])
    assert alive == [[True], [True, True], [True, True, True]]
    assert not any(folder.exists() for folder in folders)


def test_each_repetition_runs_in_a_folder_of_its_own_kept_to_the_end(monkeypatch):
    folders, reported = [], []

    def bench_size(n, work):
        assert work not in folders and all(folder.is_dir() for folder in folders)
        folders.append(work)
        return [f"run {len(folders)}"]

    monkeypatch.setattr(build_bench, "bench_size", bench_size)
    monkeypatch.setattr(build_bench, "report", lambda n, reps: reported.append((n, reps)))
    build_bench.main([1, 2], repeat=2)
    assert reported == [(1, [["run 1"], ["run 2"]]), (2, [["run 3"], ["run 4"]])]
    assert not any(folder.exists() for folder in folders)


def test_measure_counts_the_memory_of_python_workers_and_of_other_programs(tmp_path):
    """A Python process is counted by PSS (its forked workers share its pages), any other
    (Pagefind, Hugo) by its resident set: both are in the peak."""
    hold = "import time; b = bytearray(120 << 20); b[::4096] = b'x' * (120 << 8); time.sleep(1)"
    worker = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {hold!r}])"
    assert measure("python", [sys.executable, "-c", worker], tmp_path).peak_mib >= 120
    # GNU sort holds its input, a line of 150 MB, until the input ends a second later.
    other = "(head -c 150000000 /dev/zero; sleep 1) | sort > /dev/null"
    assert build_bench.os.path.realpath("/bin/sh") != build_bench.PYTHON
    assert measure("sort", ["sh", "-c", other], tmp_path).peak_mib >= 140


def test_settle_writes_back_and_drops_the_page_cache_where_it_may(monkeypatch, tmp_path):
    synced = []
    monkeypatch.setattr(build_bench.os, "sync", lambda: synced.append(True))
    monkeypatch.setattr(build_bench, "SETTLE_SECONDS", 0)
    knob = tmp_path / "drop_caches"
    monkeypatch.setattr(build_bench, "DROP_CACHES", str(knob))
    assert build_bench.settle() is True
    assert knob.read_text() == "1\n"  # the page cache only: what builds wrote and read
    # Not root (the knob cannot be written): written back all the same, and said so.
    monkeypatch.setattr(build_bench, "DROP_CACHES", str(tmp_path / "no" / "drop_caches"))
    assert build_bench.settle() is False
    # A rebuild after an edit keeps the page cache, as an author's does.
    monkeypatch.setattr(build_bench, "DROP_CACHES", str(knob))
    knob.write_text("")
    assert build_bench.settle(drop_cache=False) is False
    assert knob.read_text() == ""
    assert synced == [True, True, True]


def test_the_report_says_whether_the_cold_builds_started_from_a_dropped_cache(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(build_bench, "settle", lambda drop_cache: not drop_cache)
    assert measure("true", ["true"], tmp_path, cold=True).cache_dropped is False
    assert measure("true", ["true"], tmp_path, cold=False).cache_dropped is None
    assert measure("true", ["true"], tmp_path).cache_dropped is None

    def reps(settled):
        runs = _repetition(20.0, 14.0, 28.0, 2.0)
        for r in runs:
            r.cache_dropped = settled if r.label[0] in "ab" else None  # c2, c keep the cache
        return [runs]

    assert "; page cache dropped before each cold build" in report(1000, reps(True))
    assert "not dropped (not root)" in report(1000, reps(False))
    assert "page cache" not in report(1000, reps(None))
