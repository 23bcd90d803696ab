"""Share links as plain URLs: no third-party script, no request until a reader clicks.

Each service's documented "share intent" address is filled with the article's
title and absolute URL, percent-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    service: str
    name: str
    href: str


def _query(**params: str) -> str:
    return urlencode(params, quote_via=quote)


def _mastodon(title: str, url: str, instance: str) -> str | None:
    host = instance.strip().removeprefix("https://").strip("/")
    if not host:
        return None
    return f"https://{host}/share?{_query(text=f'{title} {url}')}"


def share_links(
    title: str,
    url: str,
    services: Iterable[str] = ("email", "mastodon", "bluesky", "x", "facebook", "linkedin"),
    mastodon_instance: str = "mastodon.social",
) -> list[ShareLink]:
    """Links for the requested services, in the order asked; unknown names raise ValueError."""
    builders = {
        "email": ("E-mail", lambda: f"mailto:?{_query(subject=title, body=url)}"),
        "mastodon": ("Mastodon", lambda: _mastodon(title, url, mastodon_instance)),
        "bluesky": (
            "Bluesky",
            lambda: f"https://bsky.app/intent/compose?{_query(text=f'{title} {url}')}",
        ),
        "x": ("X", lambda: f"https://x.com/intent/post?{_query(text=title, url=url)}"),
        "facebook": (
            "Facebook",
            lambda: f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}",
        ),
        "linkedin": (
            "LinkedIn",
            lambda: f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}",
        ),
    }
    links = []
    for service in services:
        if service not in builders:
            raise ValueError(
                f"unknown share service {service!r}; choose from {', '.join(builders)}"
            )
        name, build = builders[service]
        href = build()
        if href:
            links.append(ShareLink(service, name, href))
    return links
