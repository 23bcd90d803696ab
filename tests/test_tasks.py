"""The invoke tasks people know from pelican-quickstart exist and work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_invoke
from servers import fetch, free_port, wait_for

INVOKE = [sys.executable, "-m", "invoke"]
QUICKSTART_TASKS = [
    "clean",
    "build",
    "rebuild",
    "regenerate",
    "serve",
    "reserve",
    "preview",
    "livereload",
    "publish",
]


def test_invoke_lists_the_quickstart_tasks():
    out = run_invoke("--list")
    assert out.returncode == 0, out.stderr
    listed = {line.split()[0] for line in out.stdout.splitlines()[1:] if line.strip()}
    assert set(QUICKSTART_TASKS) <= listed


def test_invoke_serve_serves_the_output_folder(tmp_path: Path):
    """`invoke serve` serves output/ next to tasks.py; run it on a copy with a known page."""
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("<title>served</title>")
    port = free_port()
    proc = subprocess.Popen(
        [*INVOKE, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/"), timeout=10) == (
            "<title>served</title>"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_publish_without_target_explains_what_to_set():
    out = run_invoke("publish", env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    assert out.returncode == 2
    assert "COLUMN_RSYNC_TARGET" in out.stderr + out.stdout
