"""Share links as plain URLs: no third-party script, no request until a reader clicks.

Each service's documented "share intent" address is filled with the article's
title and absolute URL, percent-encoded.

Every article of a build gets links for six services that all carry the same title
and URL, so each is percent-encoded once and put into each service's address, rather
than `urlencode`-ing every service's query separately. The addresses must stay
exactly what `urlencode(query, quote_via=quote)` made of them, hence `_encoded`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class ShareLink:
    service: str
    name: str
    href: str


#: Service: its name and its address, where {title} and {url} stand for the encoded
#: title and URL, and {text} for the encoded "title URL" of services with one text box.
_SERVICES = {
    "email": ("E-mail", "mailto:?subject={title}&body={url}"),
    "mastodon": ("Mastodon", "https://{host}/share?text={text}"),
    "bluesky": ("Bluesky", "https://bsky.app/intent/compose?text={text}"),
    "x": ("X", "https://x.com/intent/post?text={title}&url={url}"),
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
}


def _encoded(value: str) -> str:
    """A query value as `urlencode(..., quote_via=quote)` encodes it: with `safe=""`, so
    "/" and ":" are escaped too, a space becomes %20, other characters their UTF-8 bytes."""
    return quote(value, safe="")


def share_links(
    title: str,
    url: str,
    services: Iterable[str] = ("email", "mastodon", "bluesky", "x", "facebook", "linkedin"),
    mastodon_instance: str = "mastodon.social",
) -> list[ShareLink]:
    """Links for the requested services, in the order asked; unknown names raise ValueError."""
    title_, url_ = _encoded(title), _encoded(url)
    # Encoding goes byte by byte, so "title URL" is the two encoded with %20 between.
    fields = {"title": title_, "url": url_, "text": f"{title_}%20{url_}"}
    links = []
    for service in services:
        if service not in _SERVICES:
            raise ValueError(
                f"unknown share service {service!r}; choose from {', '.join(_SERVICES)}"
            )
        name, address = _SERVICES[service]
        if service == "mastodon":
            host = mastodon_instance.strip().removeprefix("https://").strip("/")
            if not host:
                continue
            fields["host"] = host
        links.append(ShareLink(service, name, address.format_map(fields)))
    return links
