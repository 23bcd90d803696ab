"""The Python-Markdown extension: `sourcing.extension` in MARKDOWN["extension_configs"].

A treeprocessor, so the decision is made on the parsed document rather than by
pattern-matching HTML: it runs after the inline patterns (links and emphasis in the
attribution are elements by then) and before the footnotes are reordered and the
tree is prettified and serialised.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

from .attribution import attribute_quotes

#: After "inline" (20), before "footnote-duplicate" (15) and "prettify" (10).
PRIORITY = 18
PLACEHOLDER_RE = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)"))


class AttributionTreeprocessor(Treeprocessor):
    def run(self, root):
        attribute_quotes(root, self.unstash)

    def unstash(self, text: str) -> str:
        """Raw HTML in an attribution, back as the text the author typed (it is then
        escaped when the tree is written); entities such as `&copy;` stay entities."""
        blocks = self.md.htmlStash.rawHtmlBlocks

        def raw(match: re.Match) -> str:
            index = int(match.group(1))
            block = blocks[index] if index < len(blocks) else None
            if isinstance(block, str) and block.lstrip().startswith("<"):
                return block
            return match.group(0)

        return PLACEHOLDER_RE.sub(raw, text) if "\x02" in text else text


class SourcingExtension(Extension):
    def extendMarkdown(self, md):  # Python-Markdown's name
        md.treeprocessors.register(AttributionTreeprocessor(md), "sourcing", PRIORITY)


def makeExtension(**kwargs):  # the name Python-Markdown looks for
    return SourcingExtension(**kwargs)
