"""Invoke tasks, named as in `pelican-quickstart` so a Pelican user feels at home.

    invoke build         development build into output/
    invoke serve         serve output/ on http://localhost:8000
    invoke livereload    rebuild on every change and reload the browser
    invoke preview       production build (publishconf.py); errors are fatal
    invoke publish       production build, then deploy (rsync, GitHub Pages or S3)
    invoke new           start an article (a draft) from the command line

Run `invoke --list` for all of them, `invoke --help <task>` for options.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS_FILE_PUBLISH = "publishconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": SETTINGS_FILE_PUBLISH,
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    "host": os.environ.get("COLUMN_HOST", "localhost"),
    "port": int(os.environ.get("COLUMN_PORT", "8000")),
}


def pelican_run(args: str) -> None:
    """Run Pelican in-process from the repository root, as its own CLI would."""
    os.chdir(ROOT)
    pelican_main(shlex.split(args))  # exits with status 1 on a fatal error


@task
def clean(c):
    """Remove generated files (output/ and the content cache)."""
    for folder in (CONFIG["deploy_path"], SETTINGS["CACHE_PATH"]):
        path = ROOT / folder
        if path.is_dir():
            shutil.rmtree(path)
    (ROOT / CONFIG["deploy_path"]).mkdir()


@task
def build(c):
    """Build the development site into output/ (relative links, local feeds)."""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def rebuild(c):
    """`build`, starting from an empty output/."""
    pelican_run("-d -s {settings_base}".format(**CONFIG))


@task
def regenerate(c):
    """Rebuild automatically whenever content, theme or settings change."""
    pelican_run("-r -s {settings_base}".format(**CONFIG))


@task(help={"host": "address to listen on", "port": "port to listen on"})
def serve(c, host=None, port=None):
    """Serve output/ at http://localhost:8000/ (COLUMN_HOST, COLUMN_PORT to change)."""
    host = host or CONFIG["host"]
    port = int(port or CONFIG["port"])

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        str(ROOT / CONFIG["deploy_path"]), (host, port), ComplexHTTPRequestHandler
    )
    sys.stderr.write(f"Serving {CONFIG['deploy_path']}/ at http://{host}:{port}/ (Ctrl-C stops)\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production site (publishconf.py); any error stops the build."""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task
def livereload(c):
    """Rebuild on every change to content, theme, plugins or settings; reload the browser."""
    from livereload import Server  # noqa: PLC0415 - only this task needs it
    from livereload.handlers import LiveReloadHandler  # noqa: PLC0415

    # livereload drops a reload that comes within 3 s of the previous one, so a second
    # quick save was rebuilt but never shown. Each build finishes before the next poll,
    # so every change found gives one build and one reload anyway.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    def cached_build(*_changed, load_cache=True):
        # A fresh process per build, so an edited plugin runs its new code (an in-process
        # build keeps the plugin modules it imported first).
        cmd = [sys.executable, "-m", "pelican", "-s", CONFIG["settings_base"]]
        cmd += ["-e", "CACHE_CONTENT=true", f"LOAD_CONTENT_CACHE={str(load_cache).lower()}"]
        result = subprocess.run(cmd, cwd=ROOT)
        if result.returncode:  # keep serving; the error is already printed
            sys.stderr.write(f"Build failed (exit {result.returncode}); fix it and save again.\n")

    cached_build()
    server = Server()
    watched = [
        CONFIG["settings_base"],
        f"{SETTINGS['THEME']}/**/*",
        f"{SETTINGS['PATH']}/**/*",
    ]
    for pattern in watched:
        server.watch(pattern, cached_build)
    # Cached content was read by the old plugin code: read everything again.
    server.watch("plugins/**/*.py", lambda *_changed: cached_build(load_cache=False))
    # live_css=False: a CSS edit changes the stylesheet's fingerprinted name, so only a
    # page reload (new HTML, new name) shows it.
    server.serve(
        host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"], live_css=False
    )


@task(
    help={
        "headline": "the article's headline (quote it)",
        "author": "the columnist's slug (content/authors/<slug>.md) or name",
        "category": "the column (default: the one the author writes in most)",
        "tags": 'comma-separated topics, e.g. "harbour, transport"',
    }
)
def new(c, headline, author="", category="", tags=""):
    """Start an article: content/articles/<slug>.md, a draft with every field to fill in."""
    from authoring.new import NewArticleError, create_article  # noqa: PLC0415

    try:
        article = create_article(
            ROOT / SETTINGS["PATH"], SETTINGS, headline, author, category=category, tags=tags
        )
    except NewArticleError as exc:
        raise Exit(f"invoke new: error: {exc}", code=2) from None
    print(
        f"Created {article.path.relative_to(ROOT)}\n"
        f"  {article.title}\n"
        f"  by {article.author} in {article.category}, {article.date:%Y-%m-%d %H:%M}\n"
        f"It is a draft: run `invoke livereload` and open "
        f"http://{CONFIG['host']}:{CONFIG['port']}/drafts/{article.slug}/ to preview it.\n"
        'Delete its "Status: draft" line to publish it with the next `invoke publish`.'
    )


@task(
    help={
        "dry_run": "show what would be uploaded and deleted; change nothing",
        "confirm": "allow deleting files on the target that the new build no longer has",
        "target": "deploy target (default: DEPLOY_TARGET in publishconf.py)",
    }
)
def publish(c, dry_run=False, confirm=False, target=""):
    """Production build, then deploy it (rsync, GitHub Pages or S3; see deploy/)."""
    import deploy  # noqa: PLC0415 - only this task needs it

    os.chdir(ROOT)  # publishconf.py imports pelicanconf.py from the current folder
    settings = get_settings_from_file(str(ROOT / SETTINGS_FILE_PUBLISH))
    spec = target or settings.get("DEPLOY_TARGET", "")
    if not spec:
        raise Exit(
            "Nowhere to publish: set DEPLOY_TARGET in publishconf.py, or COLUMN_DEPLOY_TARGET\n"
            "(COLUMN_RSYNC_TARGET also works for rsync), e.g.\n"
            "  COLUMN_DEPLOY_TARGET=deploy@example.org:/srv/www/column/ invoke publish\n"
            "  COLUMN_DEPLOY_TARGET=ghpages:origin invoke publish\n"
            "  COLUMN_DEPLOY_TARGET=s3://my-bucket invoke publish",
            code=2,
        )
    try:
        deploy.check(spec)
        preview(c)
        deploy.publish(
            spec,
            ROOT / CONFIG["deploy_path"],
            repo=ROOT,
            settings=settings,
            dry_run=dry_run,
            confirm=confirm,
        )
    except deploy.DeployError as exc:
        raise Exit(f"invoke publish: error: {exc}", code=1) from None
