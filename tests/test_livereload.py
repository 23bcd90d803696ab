"""`invoke livereload` rebuilds when an article changes and keeps serving after a bad edit."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from servers import fetch, free_port, wait_for


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_livereload_rebuilds_on_change(project: Path):
    port = free_port()
    env = {**os.environ, "COLUMN_HOST": "127.0.0.1", "COLUMN_PORT": str(port), "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    article = project / "content" / "articles" / "harbour-tunnel-bet.md"
    url = f"http://127.0.0.1:{port}/2026/03/harbour-tunnel-bet/"
    try:
        assert wait_for(lambda: fetch(url)), "livereload never served the site"

        # A bad edit: the article loses its author. The server goes on, the page goes away.
        original = article.read_text(encoding="utf-8")
        article.write_text(original.replace("Author: Amara Okafor\n", ""), encoding="utf-8")
        archives = f"http://127.0.0.1:{port}/archives/"
        assert wait_for(lambda: "still&nbsp;win" not in (fetch(archives) or "still&nbsp;win")), (
            "the broken article should drop out of the archives"
        )

        # The fix, with a new headline: rebuilt and served.
        article.write_text(
            original.replace("is a bet we can still win", "is a wager worth keeping"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "is a wager worth" in (fetch(url) or "")), "no rebuild"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
    log = out.decode(errors="replace")
    assert re.search(r"harbour-tunnel-bet\.md:\d+: error: no author", log), log
    assert "Traceback" not in log
