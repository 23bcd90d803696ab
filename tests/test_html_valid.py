"""Every HTML page of the built sample site passes the Nu Html Checker (vnu.jar),
the W3C's own validator, with no error and no warning."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from outside_tools import need_vnu


def _vnu(jar, files):
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--also-check-svg", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(proc.stderr or '{"messages": []}')["messages"]


def _file_url_csp_warning(message) -> bool:
    """vnu reads the pages as file: URLs, whose origin is opaque, so the CSP's 'self'
    matches none of the site's own (relative) stylesheets and images there. Over http(s)
    it does: tests/test_comments_browser.py loads every page in Chromium and finds no CSP
    violation. A resource from another host is still reported."""
    text = message.get("message", "")
    if not text.startswith("Resource violates Content Security Policy (meta tag)"):
        return False
    resource = text.split("\u201c", 1)[-1].split("\u201d", 1)[0]
    return "://" not in resource and not resource.startswith("//")


def _json_ld_csp_warning(message) -> bool:
    """vnu counts a JSON-LD block as an inline script the CSP blocks; browsers do not run
    data blocks (type="application/ld+json"), so CSP does not apply to them. Only a
    message pointing at such a block is ignored: a real inline script is still reported."""
    if not message.get("message", "").startswith("Inline script violates Content Security"):
        return False
    path = message.get("url", "").removeprefix("file:")
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    line = lines[message.get("lastLine", 0) - 1] if message.get("lastLine") else ""
    return 'type="application/ld+json"' in line


def _describe(messages, root):
    lines = []
    for m in messages:
        where = m.get("url", "").removeprefix("file:").replace(str(root), "")
        kind = m.get("subType", m["type"])
        lines.append(f"{where}:{m.get('lastLine', '?')}: {kind}: {m['message']}")
    return "\n".join(lines)


def test_every_page_is_valid_html(site):
    jar = need_vnu()
    pages = site.html_files()
    svgs = sorted(site.output.rglob("*.svg"))
    assert len(pages) > 30
    messages = [
        m
        for m in _vnu(jar, pages + svgs)
        if not _file_url_csp_warning(m) and not _json_ld_csp_warning(m)
    ]
    assert messages == [], _describe(messages, site.output)


def test_the_checker_catches_invalid_html(tmp_path):
    jar = need_vnu()
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><title>x</title><p><div>block in p</p></div>", "utf-8")
    messages = _vnu(jar, [bad])
    assert any(m["type"] == "error" for m in messages)
