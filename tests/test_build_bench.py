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
    text = report(4000, runs)
    assert "b/a   0.80" in text
    assert "c/b   0.25" in text
    assert "memory b/a   4.00" in text
    assert "CPU b/a   1.50" in text
    # Every plugin but the build machinery: 3 s of 20, 10.8 CPU-s of 36.
    assert "our plugins' own work in b: 3.00 s = 15.0% of b; 10.80 CPU-s = 30.0% of b's" in text
    assert "related 1.00 s (0.90 CPU-s), checks 0.50 s (0.90 CPU-s)" in text
    # Those the target names (site_search is not one of them): 1.5 s of 20, 1.8 CPU-s of 36.
    assert "< 10% of b): 1.50 s = 7.5% of b; 1.80 CPU-s = 5.0% of b's CPU time" in text
    assert "b/d" not in text  # no Hugo run, no Hugo ratio


def test_measure_counts_the_cpu_of_the_processes_the_command_waited_for(tmp_path):
    # The command spends its CPU in a child it waits for, as a build does in its workers.
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3:\n    pass"
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"
    run = measure("spin", [sys.executable, "-c", code], tmp_path)
    assert run.cpu_seconds >= 0.3
    assert run.seconds >= 0.3


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
