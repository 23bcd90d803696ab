"""`invoke livereload` in a real browser: a saved edit to the stylesheet or to a plugin
reloads the open page with the change (the stylesheet's fingerprint changes with it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from servers import fetch, free_port, wait_for

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="needs Debian's chromium: apt-get install chromium (.ci/run does it as root)",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_edits_to_css_and_plugins_reload_the_open_page(project: Path):
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    port = free_port()
    log = project / "livereload.log"
    env = {**os.environ, "COLUMN_HOST": "127.0.0.1", "COLUMN_PORT": str(port), "COLUMNS": "200"}
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload"],
        cwd=project,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/2026/03/harbour-tunnel-bet/"
    try:
        assert wait_for(lambda: fetch(url)), "livereload never served the site"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(url)
                page.wait_for_function("() => window.LiveReload !== undefined", timeout=15000)
                before = page.get_attribute("link[rel=stylesheet]", "href")

                css = project / "theme/static/css/column.css"
                css.write_text(
                    css.read_text(encoding="utf-8")
                    + "\n.article__title { color: rgb(1, 2, 3); }\n",
                    encoding="utf-8",
                )
                page.wait_for_function(
                    "() => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'",
                    timeout=30000,
                )
                after = page.get_attribute("link[rel=stylesheet]", "href")
                assert after != before

                hashing = project / "plugins/fingerprint/hashing.py"
                hashing.write_text(
                    hashing.read_text(encoding="utf-8").replace(
                        "return hashlib.sha256(data).hexdigest()[:length]", 'return "0" * length'
                    ),
                    encoding="utf-8",
                )
                page.wait_for_function(
                    "() => document.querySelector('link[rel=stylesheet]').href"
                    ".endsWith('column.00000000.css')",
                    timeout=30000,
                )
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
