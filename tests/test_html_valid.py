"""Every HTML page of the built sample site passes the Nu Html Checker (vnu.jar),
the W3C's own validator, with no error and no warning."""

from __future__ import annotations

import json
import subprocess

from outside_tools import need_vnu


def _vnu(jar, files):
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--also-check-svg", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(proc.stderr or '{"messages": []}')["messages"]


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
    messages = _vnu(jar, pages + svgs)
    assert messages == [], _describe(messages, site.output)


def test_the_checker_catches_invalid_html(tmp_path):
    jar = need_vnu()
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><title>x</title><p><div>block in p</p></div>", "utf-8")
    messages = _vnu(jar, [bad])
    assert any(m["type"] == "error" for m in messages)
