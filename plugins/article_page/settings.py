"""Defaults of the settings this plugin reads; pelicanconf.py may override any of them.

They are set on Pelican's settings at start-up (only where the site did not set
them), so templates can test them like any other setting.
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Reading speed behind "N min read".
    "READING_WORDS_PER_MINUTE": 230,
    # Support call to action after the body: no block while SUPPORT_URL is empty.
    # SUPPORT_URL is a path on the site ("support/") or an absolute https:// address.
    "SUPPORT_URL": "",
    "SUPPORT_TEXT": "",
    "SUPPORT_LINK_TEXT": "Support us",
    # Share links. Mastodon has no central server: the link opens the share form
    # of this instance (the reader can paste the copied link anywhere else).
    "SHARE_SERVICES": ["email", "mastodon", "bluesky", "x", "facebook", "linkedin"],
    "MASTODON_SHARE_INSTANCE": "mastodon.social",
    # Publisher logo in the JSON-LD: a path on the site ("images/logo.png"), or empty.
    "PUBLISHER_LOGO": "",
    # The corrections page, listing every correction newest first. Empty: not written.
    "CORRECTIONS_URL": "corrections/",
    "CORRECTIONS_SAVE_AS": "corrections/index.html",
    # Slug of the page that explains the corrections policy, linked from notices.
    "CORRECTIONS_POLICY_SLUG": "corrections-policy",
}
