"""Shared fixtures: build real sites with the real Pelican CLI into temporary folders.

Builds run in a subprocess, as `invoke build` runs them, so every test sees the
output a user would get (and Pelican's global signal registry starts clean).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass
class Build:
    output: Path
    returncode: int
    log: str

    def page(self, relpath: str) -> BeautifulSoup:
        path = self.output / relpath
        if path.is_dir() or relpath.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def run_invoke(*args: str, cwd: Path = ROOT, env: dict | None = None):
    """`invoke <args>` run as a user runs it, in `cwd`; output captured as text."""
    cmd = [sys.executable, "-m", "invoke", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def build_site(
    output: Path,
    content: Path = CONTENT,
    settings: str = "pelicanconf.py",
    overrides: dict | None = None,
    args: tuple[str, ...] = (),
) -> Build:
    """Run `pelican` on `content` with our settings file into `output` (`args`: more
    command-line options, e.g. "-v").

    The build cache goes next to the output, never into the project's cache/."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", settings]
    cmd += args
    overrides = {"CACHE_PATH": str(Path(output).parent / f"{Path(output).name}.cache")} | (
        overrides or {}
    )
    # one -e for all: Pelican keeps only the last -e given
    cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "400"}
    )
    return Build(output, proc.returncode, proc.stdout + proc.stderr)


#: Debian's Chromium, driven by Playwright (`playwright install` cannot download here).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
needs_chromium = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason="needs Debian's chromium: apt-get install chromium (.ci/run does it as root)",
)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; each test opens its own context."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(site):
    """The sample site served on 127.0.0.1 for the tests of one module."""
    from servers import serve_folder  # noqa: PLC0415

    with serve_folder(site.output) as url:
        yield url


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The sample site, development settings."""
    build = build_site(tmp_path_factory.mktemp("site") / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Build:
    """The sample site with production settings (what `invoke preview` builds)."""
    build = build_site(tmp_path_factory.mktemp("published") / "output", settings="publishconf.py")
    assert build.returncode == 0, build.log
    return build


def write_articles(root: Path, **articles: str) -> Path:
    """Create `root/content/articles/<name>.md` for each keyword; return the content folder."""
    folder = root / "content" / "articles"
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder.parent


def read_metadata(path: Path) -> dict[str, str]:
    """The `Key: value` header of a Markdown article, keys lower-cased."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def sample_articles() -> list[tuple[Path, dict[str, str]]]:
    return [(p, read_metadata(p)) for p in sorted((CONTENT / "articles").glob("*.md"))]


def article_output_path(meta: dict[str, str]) -> str:
    """Where ARTICLE_SAVE_AS puts an article: YYYY/MM/slug/index.html."""
    year, month = meta["date"][:4], meta["date"][5:7]
    return f"{year}/{month}/{meta['slug']}/index.html"


def comment_host() -> str | None:
    """The comment server's host the development settings point pages at, if any: the
    one other host a page may request (plugins/comments; the setting asks for it)."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    from pelican.settings import get_settings_from_file  # noqa: PLC0415

    settings = get_settings_from_file(str(ROOT / "pelicanconf.py"))
    if not settings.get("COMMENTS_PROVIDER"):
        return None
    return urlsplit(settings["ISSO_URL"]).netloc


def allowed_hosts(base_url: str) -> set[str]:
    """Hosts a page of the sample site may request: its own, and the comment server."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    return {urlsplit(base_url).netloc} | ({comment_host()} - {None})


#: What `invoke` needs to run on a copy of the project (tests that edit files as authors do).
PROJECT_PARTS = (
    "content",
    "theme",
    "plugins",
    "authoring",
    "deploy",
    "comment-server",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
)


def copy_project(root: Path) -> Path:
    """Copy the project's sources into `root` (not .venv, output or caches); return it."""
    import shutil  # noqa: PLC0415

    root.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "data")
            shutil.copytree(src, root / name, ignore=ignore)
        else:
            shutil.copy(src, root / name)
    return root


def kicker_text(meta: dict[str, str]) -> str:
    """The label above a sample article's headline, as text: its column, or "<type
    label> · <column>" when its `Type:` line gives it a type with another label
    (plugins/content_types)."""
    from content_types.settings import registry_for  # noqa: PLC0415
    from pelican.settings import get_settings_from_file  # noqa: PLC0415

    registry, _ = registry_for(get_settings_from_file(str(ROOT / "pelicanconf.py")))
    label = registry.resolve(meta.get("type"), meta["category"]).label
    return meta["category"] if label == meta["category"] else f"{label} · {meta['category']}"
