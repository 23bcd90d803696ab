"""Curly quotes and real dashes for short plain texts (corrections), kept plain.

smartypants works on HTML and answers with entities; escaping first and decoding
after gives the typeset characters as plain text, which templates escape as usual
instead of trusting as markup.
"""

from __future__ import annotations

import html

import smartypants


def typeset(text: str) -> str:
    return html.unescape(smartypants.smartypants(html.escape(text, quote=False)))
