"""Which paragraph attributes a block quote, and how its caption is marked up.

Pure functions on ElementTree elements (the tree Python-Markdown builds), so they
are tested without Pelican or Markdown. The recognised forms (README.md, "Quotes
and their sources"):

1. a one-line paragraph right after the quote that starts with a dash
   (`—`, `―`, `–`, `--` or `---`): `— Varra Press Agency, 2 October 2026`;
2. a one-line paragraph right after the quote that is a link, alone or followed by a
   comma and more: `[Varra Press Agency](https://...), 2 October 2026`;
3. the quote's last paragraph, one line starting with a dash: `> — Varra Press Agency`;
4. the last line of the quote's last paragraph, starting with a dash
   (`> ...words.` then `> — Varra Press Agency` with no `>` line between).

The caption follows the HTML standard's own example of a quotation in a figure:
`<cite>` holds the title of the source (the agency, the paper, the report), never
the dash, and, by that standard, never a person's name. So the source is what the
author marked: emphasis (`*Northgate Courier*`, the usual typography for titles)
becomes `<cite>`; otherwise the first link is the cited source; otherwise the text
before the first comma (`— Varra Press Agency, 2 October 2026`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

#: A dash that opens an attribution: em dash, horizontal bar, en dash, or two or
#: three hyphens (typewriter dashes; four or more are something else).
DASH_RE = re.compile(r"^\s*(?:[—―–]|-{2,3}(?!-))[ \t\u00a0]*")
#: What the caption prints before the source, whichever dash the author typed.
CAPTION_DASH = "— "
#: Link targets an attribution may keep (relative links have no scheme).
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
#: Inline elements an author uses to mark a title.
TITLE_TAGS = frozenset({"em", "i"})


def starts_with_dash(text: str) -> bool:
    """A dash, then words: "— Reuters" is an attribution, "—" alone is not."""
    match = DASH_RE.match(text)
    return bool(match) and bool(text[match.end() :].strip())


def _all_text(element: Element) -> str:
    return "".join(element.itertext())


def _one_line(element: Element) -> bool:
    return "\n" not in _all_text(element).strip()


def is_dash_paragraph(element: Element) -> bool:
    return element.tag == "p" and _one_line(element) and starts_with_dash(_all_text(element))


def is_link_paragraph(element: Element) -> bool:
    """A paragraph that is one link, possibly followed by ", date"."""
    if element.tag != "p" or len(element) != 1 or (element.text or "").strip():
        return False
    link = element[0]
    tail = (link.tail or "").strip()
    return link.tag == "a" and _one_line(element) and (not tail or tail.startswith(","))


def is_attribution(element: Element) -> bool:
    return is_dash_paragraph(element) or is_link_paragraph(element)


def take_last_line(paragraph: Element) -> Element | None:
    """Cut the paragraph's last line off into a paragraph of its own when it starts
    with a dash (form 4); None, and the paragraph untouched, otherwise."""
    children = list(paragraph)
    # The text nodes directly in the paragraph: its text, then each child's tail.
    for position in range(len(children), -1, -1):
        owner = paragraph if position == 0 else children[position - 1]
        text = (owner.text if position == 0 else owner.tail) or ""
        hard_break = position > 0 and owner.tag == "br"  # `  ` at a line's end
        if "\n" in text:
            cut = text.rindex("\n")
        elif hard_break:
            cut = -1  # Markdown kept the break as <br> and dropped the newline
        else:
            continue
        after = text[cut + 1 :]
        moved = children[position:]
        line = after + "".join(_all_text(c) + (c.tail or "") for c in moved)
        if not after.strip() and moved:
            return None  # the line starts with markup, not with a dash
        before = text[:cut].rstrip() if cut >= 0 else ""
        if not starts_with_dash(line) or not (before or position > 0):
            return None  # not a dash, or nothing of the quote before it
        attribution = Element("p")
        attribution.text = after
        for child in moved:
            paragraph.remove(child)
            attribution.append(child)
        if position == 0:
            paragraph.text = before
        else:
            owner.tail = before or None
            if hard_break and not before:
                paragraph.remove(owner)  # a hard break that only led to the attribution
        return attribution
    return None


def take_inner_attribution(quote: Element) -> Element | None:
    """Forms 3 and 4: the attribution inside the quote, removed from it."""
    children = list(quote)
    if not children or children[-1].tag != "p":
        return None
    last = children[-1]
    if len(children) > 1 and is_dash_paragraph(last):
        quote.remove(last)
        return last
    return take_last_line(last)


def safe_href(href: str) -> bool:
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def caption(attribution: Element, unstash: Callable[[str], str] = lambda s: s) -> Element:
    """The <figcaption> for an attribution paragraph (its children are moved).

    `unstash` turns Markdown's placeholders for raw HTML back into the text the
    author typed: an attribution is words, links and emphasis, so a `<script>` in
    it is printed as text, never run.
    """
    figcaption = Element("figcaption")
    text = unstash(attribution.text or "")
    match = DASH_RE.match(text)
    text = text[match.end() :] if match else text.lstrip()
    children = list(attribution)
    for child in children:
        attribution.remove(child)
    if any(c.tag in TITLE_TAGS for c in children):
        figcaption.text = CAPTION_DASH + text
        figcaption.extend(_titles_cited(children))
    elif any(c.tag == "a" for c in children):
        figcaption.text = CAPTION_DASH + text
        figcaption.extend(_first_link_cited(children))
    else:
        comma = text.find(",")
        source, rest = (text, "") if comma < 0 else (text[:comma], text[comma:])
        cite = Element("cite")
        cite.text = source.rstrip() if not children and not rest else source
        cite.tail = rest
        figcaption.text = CAPTION_DASH
        figcaption.extend([cite, *children])
    _clean(figcaption, unstash)
    return figcaption


def _titles_cited(children: list[Element]) -> list[Element]:
    """Emphasis in an attribution marks a title: it becomes the <cite>."""
    for child in children:
        if child.tag in TITLE_TAGS:
            child.tag = "cite"
            child.attrib.clear()
    return children


def _first_link_cited(children: list[Element]) -> list[Element]:
    first = next(c for c in children if c.tag == "a")
    cite = Element("cite")
    cite.tail, first.tail = first.tail, None
    cite.append(first)
    return [cite if c is first else c for c in children]


def _clean(figcaption: Element, unstash: Callable[[str], str]) -> None:
    """Raw HTML back to text, unsafe link targets dropped, no trailing space."""
    for element in figcaption.iter():
        if element is not figcaption and element.text:
            element.text = unstash(element.text)
        if element is not figcaption and element.tail:
            element.tail = unstash(element.tail)
        if element.tag == "a" and not safe_href(element.get("href", "")):
            element.attrib.pop("href", None)
    _strip_end(figcaption)


def _strip_end(element: Element) -> None:
    """No trailing newline or space before </figcaption>."""
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "").rstrip()
    elif last.tail:
        last.tail = last.tail.rstrip() or None


def source_url(figcaption: Element) -> str | None:
    """The first web address cited: the blockquote's `cite` attribute."""
    for cite in figcaption.iter("cite"):
        for link in cite.iter("a"):
            href = link.get("href", "")
            if urlsplit(href).scheme in ("http", "https"):
                return href
    return None


def figure(quote: Element, figcaption: Element) -> Element:
    """<figure class="quote"> around the quote and its caption, in the quote's place
    (the caller inserts it); the quote's tail moves to the figure."""
    wrapper = Element("figure", {"class": "quote"})
    wrapper.tail, quote.tail = quote.tail, None
    url = source_url(figcaption)
    if url and "cite" not in quote.attrib:
        quote.set("cite", url)
    wrapper.append(quote)
    wrapper.append(figcaption)
    return wrapper


def attribute_quotes(root: Element, unstash: Callable[[str], str] = lambda s: s) -> int:
    """Wrap every attributed block quote under `root`; return how many."""
    found = [(parent, child) for parent in root.iter() for child in parent]
    count = 0
    for parent, quote in found:
        if quote.tag != "blockquote":
            continue
        siblings = list(parent)
        index = siblings.index(quote)
        attribution = take_inner_attribution(quote)
        if attribution is None and index + 1 < len(siblings):
            following = siblings[index + 1]
            if is_attribution(following) and not (quote.tail or "").strip():
                attribution = following
                parent.remove(following)
        if attribution is None:
            continue
        parent.remove(quote)
        parent.insert(index, figure(quote, caption(attribution, unstash)))
        count += 1
    return count
