"""Invoke tasks, named as in `pelican-quickstart` so a Pelican user feels at home.

    invoke build         development build into output/
    invoke serve         serve output/ on http://localhost:8000
    invoke livereload    rebuild on every change and reload the browser
    invoke check         read every article like a copy desk; exit 1 on errors
    invoke preview       checks, then production build (publishconf.py); errors are fatal
    invoke publish       production build, then deploy (rsync, GitHub Pages or S3)
    invoke new           start an article (a draft) from the command line

Run `invoke --list` for all of them, `invoke --help <task>` for options.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
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
    """Run the checks, then build the production site (publishconf.py) into a fresh
    folder that replaces output/ only if the whole build succeeded."""
    if run_checks(CONFIG["settings_publish"]).errors:
        raise Exit(
            "Refusing to build the site for publishing: fix the errors above "
            "(`invoke check` lists them again).",
            code=1,
        )
    # The checks were just printed; the build logs errors only (there should be none).
    pelican_run("-s {settings_publish} -e CHECKS_LOG_WARNINGS=false".format(**CONFIG))


#: `invoke livereload`'s builds (and `invoke bench`'s rebuild): the build cache on, with
#: every build noting what its pages read (the preview's first build renders every page
#: anyway, and the next edit should render only what shows it), the search index rebuilt
#: in the background (the page is shown before search catches up), and no
#: Content-Security-Policy, which would block the script livereload injects.
LIVE_PREVIEW_OVERRIDES = (
    "BUILD_CACHE=true",
    "BUILD_PAGE_MEMO=true",
    "SEARCH_INDEX_IN_BACKGROUND=true",
    "CSP_META=false",
)


@task
def livereload(c):
    """Rebuild on every change to content, theme, plugins or settings; reload the browser."""
    from livereload import Server  # noqa: PLC0415 - only this task needs it
    from livereload.handlers import LiveReloadHandler  # noqa: PLC0415

    # livereload drops a reload that comes within 3 s of the previous one, so a second
    # quick save was rebuilt but never shown. Each build finishes before the next poll,
    # so every change found gives one build and one reload anyway.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    def preview_build(*_changed):
        # A fresh process per build, so an edited plugin runs its new code (an in-process
        # build keeps the plugin modules it imported first). Unchanged articles come from
        # plugins/fastbuild's cache, which knows when settings or plugin code changed.
        cmd = [sys.executable, "-m", "pelican", "-s", CONFIG["settings_base"]]
        cmd += ["-e", *LIVE_PREVIEW_OVERRIDES]
        result = subprocess.run(cmd, cwd=ROOT)
        if result.returncode:  # keep serving; the error is already printed
            sys.stderr.write(f"Build failed (exit {result.returncode}); fix it and save again.\n")

    preview_build()
    server = Server()
    watched = [
        CONFIG["settings_base"],
        f"{SETTINGS['THEME']}/**/*",
        f"{SETTINGS['PATH']}/**/*",
        "plugins/**/*.py",
    ]
    for pattern in watched:
        server.watch(pattern, preview_build)
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


# --- Editorial checks (plugins/checks) ------------------------------------------


def run_checks(settings_file: str = SETTINGS_FILE_BASE, content: str | None = None):
    """Print every finding as `path:line: error|warning: message [rule-id]`, then the
    counts; return the report. Reads the content, writes nothing."""
    from pelican.settings import read_settings  # noqa: PLC0415

    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)
    from checks.findings import summary  # noqa: PLC0415
    from checks.runner import check as check_content  # noqa: PLC0415

    settings = read_settings(str(ROOT / settings_file))
    report = check_content(settings, Path(content).resolve() if content else None)
    for finding in report.findings:
        print(finding.format())
    print(summary(report.findings, report.files))
    return report


@task(
    help={
        "content": "folder to check instead of the site's content/",
        "settings": "settings file (default pelicanconf.py)",
    }
)
def check(c, content=None, settings=SETTINGS_FILE_BASE):
    """Read every article like a copy desk would; exit status 1 when there are errors."""
    if run_checks(settings, content).errors:
        raise Exit(code=1)


LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
AUDIT_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _lighthouse(url: str) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for one page, in Debian's Chromium."""
    import json  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    proc = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(AUDIT_CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    if proc.returncode != 0:
        raise Exit(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}", code=1)
    report = json.loads(proc.stdout)
    return {k: round(report["categories"][k]["score"] * 100) for k in AUDIT_CATEGORIES}


@task(help={"pages": "comma-separated paths to audit (default: front page and an article)"})
def audit(c, pages=""):
    """Lighthouse scores for the front page and an article, served on 127.0.0.1."""
    import threading  # noqa: PLC0415
    from functools import partial  # noqa: PLC0415
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer  # noqa: PLC0415

    if not LIGHTHOUSE.is_file():
        c.run("npm ci --ignore-scripts --no-audit --no-fund --loglevel=error")
    build(c)
    output = ROOT / CONFIG["deploy_path"]
    if not pages:
        articles = sorted(output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
        pages = "," + (articles[-1].parent.relative_to(output).as_posix() + "/" if articles else "")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with tempfile.TemporaryDirectory() as data, _comment_server(data, base.rstrip("/")):
        try:
            print(f"{'page':<48}" + "".join(f"{k:>16}" for k in AUDIT_CATEGORIES))
            for path in pages.split(","):
                scores = _lighthouse(base + path.lstrip("/"))
                row = "".join(f"{v:>16}" for v in scores.values())
                print(f"{'/' + path.lstrip('/'):<48}{row}")
        finally:
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def _comment_server(data: str, origin: str):
    """The preview Isso server while pages that load its scripts are audited."""
    import subprocess  # noqa: PLC0415
    import time  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    if SETTINGS.get("COMMENTS_PROVIDER") != "isso":
        yield
        return
    cmd = [sys.executable, "-m", "invoke", "comments", "--data", data, "--origin", origin]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{SETTINGS['ISSO_URL']}/js/embed.min.js", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=15)


# --- Comments: Isso, our own comment server (README.md, "Comments") ------------------
ISSO_TEMPLATE = ROOT / "comment-server" / "isso.cfg.in"
ISSO_DATA = ROOT / "comment-server" / "data"  # the preview database; ignored by git
ISSO_MODERATION = bool(SETTINGS.get("COMMENTS_MODERATION", True))


def _isso_config(**values) -> str:
    """Fill in comment-server/isso.cfg.in; values not given keep the preview defaults."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from comments.isso_config import ConfigError, render  # noqa: PLC0415

    defaults = {
        "notify": "stdout",
        "reply_notifications": False,
        "admin_enabled": False,
        "admin_password": "",
        "public_endpoint": "",
        "trusted_proxies": "",
        "smtp_username": "",
        "smtp_host": "localhost",
        "smtp_port": 587,
        "smtp_to": "",
        "smtp_from": "",
        "ratelimit": 2,
        "direct_reply": 3,
        "hash_salt": "column-local-preview",
    }
    try:
        return render(ISSO_TEMPLATE.read_text(encoding="utf-8"), {**defaults, **values})
    except ConfigError as exc:
        raise Exit(f"{ISSO_TEMPLATE.relative_to(ROOT)}: error: {exc}", code=2) from exc


def _isso_port() -> int:
    from urllib.parse import urlsplit  # noqa: PLC0415

    return urlsplit(SETTINGS.get("ISSO_URL") or "http://127.0.0.1:8080").port or 8080


@task(
    iterable=["origin"],
    help={
        "port": "port on 127.0.0.1 (default: the port of ISSO_URL in pelicanconf.py, 8080)",
        "origin": "site origin allowed to embed comments (repeatable; default: where "
        "`invoke serve` serves, on localhost and 127.0.0.1)",
        "data": "folder for the SQLite database and the rendered configuration "
        "(default: comment-server/data/)",
        "moderation": "hold new comments until approved at /admin/ (default: COMMENTS_MODERATION)",
    },
)
def comments(c, port=None, origin=None, data=None, moderation=ISSO_MODERATION):
    """Start a local Isso comment server on 127.0.0.1 for previews (Ctrl-C stops)."""
    import secrets  # noqa: PLC0415

    from isso import main as isso_main  # noqa: PLC0415

    port = int(port or _isso_port())
    origins = origin or [f"http://localhost:{CONFIG['port']}", f"http://127.0.0.1:{CONFIG['port']}"]
    folder = Path(data) if data else ISSO_DATA
    folder.mkdir(parents=True, exist_ok=True)
    password = os.environ.get("COLUMN_ISSO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    endpoint = f"http://127.0.0.1:{port}"
    config = folder / "isso.cfg"
    config.write_text(
        _isso_config(
            dbpath=(folder / "comments.db").resolve(),
            site_origins=origins,
            listen=endpoint,
            public_endpoint=endpoint,
            moderation=moderation,
            admin_enabled=True,
            admin_password=password,
        ),
        encoding="utf-8",
    )
    sys.stderr.write(
        f"Isso comment server at {endpoint}/ for pages from {', '.join(origins)}\n"
        f"  database:   {(folder / 'comments.db').resolve()}\n"
        f"  moderation: {'on' if moderation else 'off'}; approve comments at {endpoint}/admin/ "
        f"with password {password}\n"
        "Ctrl-C stops.\n"
    )
    os.environ.pop("ISSO_SETTINGS", None)  # it would take precedence over -c
    sys.argv = ["isso", "-c", str(config), "run"]
    try:
        isso_main()
    except KeyboardInterrupt:
        pass


@task(
    iterable=["origin"],
    help={
        "dbpath": "the SQLite database on the server (default: /var/lib/isso/column.db)",
        "listen": "where Isso listens, behind the web server (default: http://127.0.0.1:8081)",
        "origin": "another site origin allowed to embed comments (repeatable)",
    },
)
def comments_config(
    c, dbpath="/var/lib/isso/column.db", listen="http://127.0.0.1:8081", origin=None
):
    """Print the production Isso configuration (from publishconf.py and COLUMN_ISSO_* variables)."""
    import secrets  # noqa: PLC0415
    from urllib.parse import urlsplit  # noqa: PLC0415

    os.chdir(ROOT)  # publishconf.py imports pelicanconf.py from the current folder
    publish = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / SETTINGS_FILE_PUBLISH))}
    if publish.get("COMMENTS_PROVIDER") != "isso" or not publish.get("ISSO_URL"):
        raise Exit("publishconf.py has comments off (COMMENTS_PROVIDER / ISSO_URL).", code=2)
    site = urlsplit(publish["SITEURL"])
    env = os.environ.get
    smtp_host = env("COLUMN_ISSO_SMTP_HOST", "")
    admin_password = env("COLUMN_ISSO_ADMIN_PASSWORD", "")
    sys.stdout.write(
        _isso_config(
            dbpath=dbpath,
            site_origins=[f"{site.scheme}://{site.netloc}", *(origin or [])],
            listen=listen,
            public_endpoint=publish["ISSO_URL"].rstrip("/"),
            moderation=publish.get("COMMENTS_MODERATION", True),
            notify="smtp" if smtp_host else "stdout",
            reply_notifications=bool(smtp_host),
            admin_enabled=bool(admin_password),
            admin_password=admin_password,
            trusted_proxies="127.0.0.1",
            smtp_host=smtp_host or "localhost",
            smtp_port=env("COLUMN_ISSO_SMTP_PORT", "587"),
            smtp_username=env("COLUMN_ISSO_SMTP_USERNAME", ""),
            smtp_to=env("COLUMN_ISSO_SMTP_TO", ""),
            smtp_from=env("COLUMN_ISSO_SMTP_FROM", ""),
            hash_salt=env("COLUMN_ISSO_HASH_SALT") or secrets.token_hex(16),
        )
    )


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


@task(
    help={
        "sizes": "comma-separated archive sizes (default 1000,4000)",
        "large": "also build 10,000 articles (several minutes)",
        "keep": "keep the generated sites in /tmp for inspection",
        "repeat": "run every size's sequence this many times and report medians and ranges "
        "(default 1; 3 tells a slow moment of the machine from a slow build)",
    }
)
def bench(c, sizes="1000,4000", large=False, keep=False, repeat=1):
    """Time stock Pelican, our cold build, our rebuild after an edit, and Hugo; print ratios."""
    from benchmarks.build_bench import main  # noqa: PLC0415 - benchmark-only imports

    counts = [int(s) for s in str(sizes).split(",") if s.strip()]
    main([*counts, 10000] if large else counts, keep=keep, repeat=max(1, int(repeat)))
