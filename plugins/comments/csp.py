"""The page's Content-Security-Policy, as a pure function of the comment host.

The site itself needs no third party. With comments on, the only other origin a page
may load scripts, styles, images or data from is the Isso server; a comment that
slipped past Isso's sanitiser still could not load a script from anywhere else, and
inline scripts do not run at all. Inline *style attributes* stay allowed because
Python-Markdown writes table column alignment as `style="text-align: right"`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: Directive -> sources, before the comment host and any extra sources are added.
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

#: What Isso's embed and count scripts load from their server.
COMMENT_HOST_DIRECTIVES = ("script-src", "style-src", "img-src", "connect-src")

_DIRECTIVE = re.compile(r"^[a-z][a-z-]*$")
_SOURCE = re.compile(r"^[^\s;,]+$")


def extra_sources_problems(extra: object) -> list[str]:
    """Why CSP_EXTRA_SOURCES cannot be used as given (empty list when it can)."""
    if not isinstance(extra, Mapping):
        return [f"CSP_EXTRA_SOURCES must be a dict of directive -> list of sources, not {extra!r}"]
    problems = []
    for directive, sources in extra.items():
        if not isinstance(directive, str) or not _DIRECTIVE.match(directive):
            problems.append(f"CSP_EXTRA_SOURCES: {directive!r} is not a CSP directive name")
        if isinstance(sources, str) or not isinstance(sources, Sequence):
            problems.append(f"CSP_EXTRA_SOURCES[{directive!r}] must be a list of sources")
            continue
        for source in sources:
            if not isinstance(source, str) or not _SOURCE.match(source):
                problems.append(
                    f"CSP_EXTRA_SOURCES[{directive!r}]: {source!r} is not one source "
                    "(no spaces, commas or semicolons)"
                )
    return problems


def content_security_policy(
    comment_origin: str | None = None, extra: Mapping[str, Sequence[str]] | None = None
) -> str:
    """The policy string; `extra` must have passed `extra_sources_problems`."""
    policy = {name: list(sources) for name, sources in BASE_POLICY.items()}
    if comment_origin:
        for name in COMMENT_HOST_DIRECTIVES:
            policy[name].append(comment_origin)
    for name, sources in (extra or {}).items():
        policy.setdefault(name, [])
        policy[name] += [s for s in sources if s not in policy[name]]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())
