"""Invoke tasks, named as in `pelican-quickstart` so a Pelican user feels at home.

    invoke build         development build into output/
    invoke serve         serve output/ on http://localhost:8000
    invoke livereload    rebuild on every change and reload the browser
    invoke preview       production build (publishconf.py); errors are fatal
    invoke publish       production build, then deploy with rsync

Run `invoke --list` for all of them, `invoke --help <task>` for options.
"""

from __future__ import annotations

import os
import shlex
import shutil
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
    # rsync destination for `invoke publish`: "user@host:/srv/www/column/" or a folder.
    "rsync_target": os.environ.get("COLUMN_RSYNC_TARGET", ""),
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

    def cached_build():
        try:
            pelican_run(
                "-s {settings_base} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true".format(**CONFIG)
            )
        except (Exit, SystemExit) as exc:  # keep serving; the error is already printed
            sys.stderr.write(f"Build failed ({exc}); fix the file and save again.\n")

    cached_build()
    server = Server()
    watched = [
        CONFIG["settings_base"],
        f"{SETTINGS['THEME']}/**/*",
        f"{SETTINGS['PATH']}/**/*",
        "plugins/**/*.py",
    ]
    for pattern in watched:
        server.watch(pattern, cached_build)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task(help={"dry_run": "show what rsync would change, change nothing"})
def publish(c, dry_run=False):
    """Production build, then rsync output/ to COLUMN_RSYNC_TARGET."""
    target = CONFIG["rsync_target"]
    if not target:
        raise Exit(
            "Nowhere to publish: set COLUMN_RSYNC_TARGET, e.g.\n"
            "  COLUMN_RSYNC_TARGET=deploy@example.org:/srv/www/column/ invoke publish",
            code=2,
        )
    if shutil.which("rsync") is None:
        raise Exit("rsync is not installed: apt-get install rsync", code=2)
    preview(c)
    source = str(ROOT / CONFIG["deploy_path"]).rstrip("/") + "/"
    flags = "--delete --checksum --recursive --times --itemize-changes"
    if dry_run:
        flags += " --dry-run"
    c.run(f"rsync {flags} {shlex.quote(source)} {shlex.quote(target)}")


# --- Related stories (plugins/related) ---------------------------------------------


@task(
    help={
        "slug": "the article to explain (its Slug)",
        "count": "how many candidates to list (default 10)",
    }
)
def related_explain(c, slug, count=10):
    """Print an article's related-story candidates with each signal's contribution."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from related.glue import explain  # noqa: PLC0415 - plugins/ is not on the path before

    os.chdir(ROOT)
    try:
        print(explain(str(ROOT / SETTINGS_FILE_BASE), slug, int(count)))
    except KeyError:
        raise Exit(f"No article has the slug {slug!r} (see content/articles/).", code=2) from None


@task(
    help={
        "sizes": "comma-separated archive sizes to time (default 1000,10000,50000)",
        "read": "articles Pelican reads for the reading-time comparison (default 1000; "
        "10000 measures it directly, in several minutes)",
    }
)
def related_bench(c, sizes="1000,10000,50000", read=1000):
    """Time the related-stories step alone on generated archives; peak memory, precision."""
    from benchmarks.related_bench import main  # noqa: PLC0415 - benchmark-only imports

    main([int(s) for s in str(sizes).split(",") if s.strip()], int(read))
