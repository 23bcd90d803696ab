"""What a usable comment set-up needs, as pure functions tested without Pelican.

A wrong ISSO_URL does not fail loudly in a browser: the comment section just stays
empty on every article. So the settings are checked at build time, and each problem
names the setting and the fix; the publish build then refuses (plugins/publish_guard).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

PROVIDERS = ("isso",)

#: Values of an article's `Comments:` line, as an author might write them.
_ON = {"on", "yes", "true", "open"}
_OFF = {"off", "no", "false", "closed"}


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str


def normalise_url(url: str) -> str:
    """Isso's scripts append "/js/...", so a trailing slash would double it."""
    return url.strip().rstrip("/")


def origin(url: str) -> str:
    """scheme://host[:port], the form a Content-Security-Policy source and CORS use."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def settings_problems(provider: object, isso_url: object, site_url: str = "") -> list[Problem]:
    """Return what keeps the comment settings from working (empty list when they do)."""
    if provider is None:
        return []
    if provider not in PROVIDERS:
        return [
            Problem(
                "comments-provider",
                f'COMMENTS_PROVIDER is {provider!r}: set it to "isso" for comments '
                "or to None for none",
            )
        ]
    url = isso_url.strip() if isinstance(isso_url, str) else ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Problem(
                "comments-isso-url",
                f"ISSO_URL is {isso_url!r}: set it to the absolute address of the Isso "
                'server, e.g. ISSO_URL = "https://comments.example.org" '
                "(or COMMENTS_PROVIDER = None to turn comments off)",
            )
        ]
    if parts.query or parts.fragment:
        return [
            Problem(
                "comments-isso-url",
                f"ISSO_URL {url!r} has a query or fragment: give only scheme, host and path",
            )
        ]
    if site_url.startswith("https://") and parts.scheme == "http":
        return [
            Problem(
                "comments-isso-url",
                f"ISSO_URL {url!r} is plain http on an https site: browsers block it "
                "(mixed content); serve Isso over https",
            )
        ]
    return []


def comments_switch(value: object) -> bool | None:
    """Read an article's `Comments:` line: True, False, or None when it is unreadable."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    return None


def switch_problem(value: object) -> Problem:
    return Problem(
        "comments-metadata",
        f'"Comments: {value}" is neither on nor off: write "Comments: off" to close '
        "comments on this article, or remove the line",
    )
