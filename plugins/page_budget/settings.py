"""Defaults of the page_budget plugin's settings (README.md, "Page budgets").

Why 40,000 bytes: a phone on a slow connection gets about 14 KB in the first round
trip and each of the next few round trips doubles that, so a page whose HTML, CSS
and JavaScript together stay near 40 KB is readable after three or four round trips,
with no framework and no web font. The sample site's heaviest article weighs about
36 KB (HTML 21 KB + CSS 14 KB + JS 1 KB), leaving room for a long column, not for
a tracker or a library.
"""

from __future__ import annotations

#: Measure every article page after the site is written. False: no measuring at all.
PAGE_BUDGET_ENABLED = True
#: Most bytes an article page may weigh: its HTML plus every stylesheet and script
#: from this site it loads (CSS @import included). Images and fonts are not counted.
PAGE_BUDGET_BYTES = 40_000
#: Hosts other than the site's own that pages may request ("cdn.example.org", or
#: "host:port" for one port only). The comment host (ISSO_URL, when COMMENTS_PROVIDER
#: is set) is always allowed; anything requested from those hosts is not weighed.
PAGE_BUDGET_ALLOWED_HOSTS: list[str] = []

DEFAULTS = {
    "PAGE_BUDGET_ENABLED": PAGE_BUDGET_ENABLED,
    "PAGE_BUDGET_BYTES": PAGE_BUDGET_BYTES,
    "PAGE_BUDGET_ALLOWED_HOSTS": PAGE_BUDGET_ALLOWED_HOSTS,
}


def get(settings, name: str):
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value
