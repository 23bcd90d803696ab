"""axe-core, the accessibility engine browsers' dev tools use, finds nothing on the
pages a reader lands on: WCAG 2.2 A and AA rules plus axe's best practices, in the
light and the dark colour scheme, at desktop and phone widths."""

from __future__ import annotations

import pytest
from conftest import needs_chromium
from outside_tools import AXE_TAGS as TAGS
from outside_tools import need_axe

pytestmark = needs_chromium

PAGES = {
    "front page": "",
    "article": "2026/10/valley-dam-closure-confirmed/",
    "co-written article": "2026/08/one-water-plan-for-the-valley/",
    "guest article": "2026/10/cracks-are-not-the-crisis/",
    "author page": "author/tomas-herrera/",
    "columnists": "authors/",
    "category page": "category/opinion/",
    "tag page": "tag/varra-valley/",
    "archives": "archives/",
    "about page": "about/",
    "404 page": "404.html",
    "search page": "search/?q=dam",
    "corrections": "corrections/",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(scope="module")
def axe_page(browser, base_url):
    axe = need_axe()

    def run(path, viewport, scheme, html=None):
        # axe is injected as an inline script, which the pages' CSP rightly blocks.
        context = browser.new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True)
        page = context.new_page()
        try:
            if html is None:
                response = page.goto(f"{base_url}/{path}")
                assert response.ok, path
            else:
                page.set_content(html)
            page.add_script_tag(path=str(axe))
            return page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
            )
        finally:
            context.close()

    return run


def _describe(violations):
    lines = []
    for v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_accessibility_violations(axe_page, name, viewport, scheme):
    result = axe_page(PAGES[name], VIEWPORTS[viewport], scheme)
    assert result["passes"], "axe ran no rule: is the page empty?"
    assert result["violations"] == [], _describe(result["violations"])


def test_axe_catches_a_violation(axe_page):
    html = (
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png">'
        '<p style="color:#aaa;background:#fff">faint</p></main></html>'
    )
    result = axe_page(None, VIEWPORTS["desktop"], "light", html=html)
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in result["violations"]}
