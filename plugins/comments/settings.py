"""Defaults of the comments plugin's settings (documented in README.md, "Comments").

A site that sets none of them gets no comment section, no comment script and a
Content-Security-Policy that allows only its own host.
"""

from __future__ import annotations

#: "isso" shows a "What do you think?" section on every article (unless the article
#: says `Comments: off`) and comment counts in listings; None shows nothing and loads
#: nothing.
COMMENTS_PROVIDER = None

#: Address of the Isso server as readers' browsers reach it, e.g.
#: "https://comments.northgate.example.org" (absolute http:// or https:// URL).
ISSO_URL = ""

#: New comments wait for an editor's approval. The theme says so under the heading,
#: and `invoke comments` / `invoke comments-config` write it into Isso's [moderation].
COMMENTS_MODERATION = True

#: Emit <meta http-equiv="Content-Security-Policy"> on every page: scripts, styles,
#: images and requests only from the site itself and the comment host.
CSP_META = True

#: Extra sources per CSP directive for other features, e.g.
#: {"script-src": ["'wasm-unsafe-eval'"]}. Appended after the built-in ones.
CSP_EXTRA_SOURCES: dict[str, list[str]] = {}

DEFAULTS = {
    "COMMENTS_PROVIDER": COMMENTS_PROVIDER,
    "ISSO_URL": ISSO_URL,
    "COMMENTS_MODERATION": COMMENTS_MODERATION,
    "CSP_META": CSP_META,
    "CSP_EXTRA_SOURCES": CSP_EXTRA_SOURCES,
}
