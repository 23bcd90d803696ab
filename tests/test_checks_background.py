"""plugins/checks/background.py: the checks made in a forked process while the build
goes on give the build the same files to leave out and the same findings, once, and
their time counts for the checks."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, build_site
from test_checks import NOT_BUILT

sys.path.insert(0, str(ROOT / "plugins"))

from checks.background import PendingReport
from checks.runner import Report
from fastbuild import timing

BROKEN = ROOT / "tests" / "broken"
CONVERTED_RE = re.compile(r"Converted (\d+) articles with \d+ workers; (\d+) from the build cache")
FINDING_RE = re.compile(r"\S+\.(?:md|txt|docx):\d+: (?:error|warning): .+?\[[a-z-]+\]")


def _made_here_only(parent: int):
    def run() -> Report:
        if os.getpid() != parent:
            raise RuntimeError("the checks failed in the forked process")
        return Report([], 1, frozenset({Path("/made/here")}))

    return run


def _logging_report() -> Report:
    logging.getLogger("checks.demo").warning("logged while checking")
    return Report([], 2, frozenset({Path("/left/out")}))


def test_the_report_from_the_forked_process_answers_as_a_set_and_comes_once(caplog):
    delivered = []
    pending = PendingReport(_logging_report, delivered.append)
    assert Path("/left/out") in pending
    assert Path("/kept") not in pending
    assert list(pending) == [Path("/left/out")] and len(pending) == 1 and pending
    assert [r.files for r in delivered] == [2]
    # What was logged in the forked process is printed here, once.
    assert [r.getMessage() for r in caplog.records] == ["logged while checking"]


def test_a_report_the_forked_process_could_not_make_is_made_here():
    delivered = []
    pending = PendingReport(_made_here_only(os.getpid()), delivered.append)
    assert Path("/made/here") in pending
    assert len(delivered) == 1


def test_the_waiting_counts_for_the_plugin_charged_not_for_the_receiver():
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3:\n    pass"

    def receiver():
        with timing.charged_to("other"):
            subprocess.run([sys.executable, "-c", spin], check=True)
        time.sleep(0.2)

    timing.take()
    timing._timed(receiver, "demo")()
    taken = timing.take()
    assert taken["other"][1] >= 0.3
    assert taken["demo"][1] < 0.1  # its own work only
    assert 0.2 <= taken["demo"][0] < taken["other"][0] + 0.2


def _findings(log: str) -> list[str]:
    return sorted(FINDING_RE.findall(" ".join(log.split())))


def _pages(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}


def test_checks_beside_the_build_and_before_it_make_the_same_site(tmp_path):
    """The broken articles' site, the checks forked (two workers) and run first (one).
    The files they leave out are not even converted."""
    builds = {
        workers: build_site(
            tmp_path / f"workers-{workers}",
            content=BROKEN,
            overrides={"BUILD_WORKERS": workers, "BUILD_CACHE": True},
            args=("-v",),
        )
        for workers in (1, 2)
    }
    for build in builds.values():
        assert build.returncode == 0, build.log
        assert "Traceback" not in build.log
    serial, forked = builds[1], builds[2]
    assert _findings(forked.log) == _findings(serial.log) != []
    assert len(_findings(forked.log)) == len(set(_findings(forked.log)))  # each once
    assert _pages(forked.output) == _pages(serial.output)
    # Each rule in NOT_BUILT has one article of that name the checks leave out.
    articles = len(list((BROKEN / "articles").glob("*.md")))
    for build in builds.values():
        converted, cached = map(int, CONVERTED_RE.search(" ".join(build.log.split())).groups())
        assert converted + cached == articles - len(NOT_BUILT)
