"""Quotes and their sources, without Pelican: the Markdown extension on its own, the
attribution helpers on element trees, and the check rule on source text, which must
recognise exactly the forms the extension turns into a figure."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

import markdown
import pytest
from bs4 import BeautifulSoup
from checks.quotes import unattributed
from checks.source import parse
from sourcing.attribution import (
    caption,
    is_attribution,
    safe_href,
    starts_with_dash,
    take_last_line,
)

QUOTE = "> The dam is doing its job, and it is being watched around the clock.\n"


def render(text: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["extra", "sourcing.extension"], output_format="html5")
    return BeautifulSoup(md.convert(text), "html.parser")


def caption_html(text: str) -> str:
    figure = render(text).find("figure", class_="quote")
    assert figure is not None, text
    return str(figure.figcaption)


def findings(body: str) -> list[tuple[str, int]]:
    data = f"Title: T\nDate: 2026-01-01 10:00\n\n{body}".encode()
    doc = parse(Path("x.md"), "x.md", "article", data)
    return [(f.rule, f.line) for f in unattributed(doc)]


#: Markdown -> the <figcaption> it must give. Every recognised form.
FORMS = {
    "dash paragraph after": (
        f"{QUOTE}\n— Varra Press Agency, 2 October 2026\n",
        "<figcaption>— <cite>Varra Press Agency</cite>, 2 October 2026</figcaption>",
    ),
    "typewriter dash": (
        f"{QUOTE}\n-- Varra Press Agency\n",
        "<figcaption>— <cite>Varra Press Agency</cite></figcaption>",
    ),
    "en dash, link": (
        f"{QUOTE}\n– [Reuters](https://reuters.example/a), 3 March 2026\n",
        '<figcaption>— <cite><a href="https://reuters.example/a">Reuters</a></cite>'
        ", 3 March 2026</figcaption>",
    ),
    "bare link line": (
        f"{QUOTE}\n[Varra Press Agency](https://vpa.example/x), 2 October 2026\n",
        '<figcaption>— <cite><a href="https://vpa.example/x">Varra Press Agency</a></cite>'
        ", 2 October 2026</figcaption>",
    ),
    "last paragraph inside": (
        f"{QUOTE}>\n> — Varra Press Agency, 2 October 2026\n",
        "<figcaption>— <cite>Varra Press Agency</cite>, 2 October 2026</figcaption>",
    ),
    "last line inside": (
        f"{QUOTE}> — Varra Press Agency\n",
        "<figcaption>— <cite>Varra Press Agency</cite></figcaption>",
    ),
    "lazy last line": (
        f"{QUOTE}— Varra Press Agency\n",
        "<figcaption>— <cite>Varra Press Agency</cite></figcaption>",
    ),
    "after a hard break": (
        f"{QUOTE.rstrip()}  \n> — Varra Press Agency\n",
        "<figcaption>— <cite>Varra Press Agency</cite></figcaption>",
    ),
    "emphasis is the title": (
        f"{QUOTE}\n— Selma Arkwright, in the *Statement on the spillway*, 27 August 2026\n",
        "<figcaption>— Selma Arkwright, in the <cite>Statement on the spillway</cite>"
        ", 27 August 2026</figcaption>",
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_each_form_becomes_a_figure_with_its_caption(name):
    text, expected = FORMS[name]
    doc = render(text)
    figure = doc.find("figure", class_="quote")
    assert [c.name for c in figure.find_all(recursive=False)] == ["blockquote", "figcaption"]
    assert str(figure.figcaption) == expected
    quote = figure.blockquote.get_text(" ", strip=True)
    assert quote == "The dam is doing its job, and it is being watched around the clock."
    assert len(doc.find_all("p")) == 1, "the attribution is not left behind as a paragraph"


@pytest.mark.parametrize("name", FORMS)
def test_the_check_accepts_every_form_the_extension_recognises(name):
    assert findings(FORMS[name][0]) == []


#: Markdown where the quote stays a plain block quote, and the check reports it.
NOT_ATTRIBUTED = {
    "nothing after": QUOTE,
    "a sentence after": f"{QUOTE}\nShe declined to say more.\n",
    "a single hyphen is a list": f"{QUOTE}\n- Varra Press Agency\n",
    "a dash alone": f"{QUOTE}\n—\n",
    "a two-line dash paragraph": f"{QUOTE}\n— Varra Press Agency\nwhich reported it first.\n",
    "a link inside a sentence": f"{QUOTE}\n[The agency](https://x.example) said more.\n",
    "a dash line only": "> — Varra Press Agency\n",
}


@pytest.mark.parametrize("name", NOT_ATTRIBUTED)
def test_other_text_after_a_quote_is_left_alone_and_reported(name):
    text = NOT_ATTRIBUTED[name]
    plain = markdown.Markdown(extensions=["extra"], output_format="html5").convert(text)
    assert str(render(text)) == str(BeautifulSoup(plain, "html.parser"))
    assert findings(text) == [("quote-unattributed", 4)]


def test_the_finding_points_at_the_first_line_of_each_unattributed_quote():
    body = (
        "Intro.\n\n"  # line 4
        "> One.\n> Two.\n\n"  # 6
        "Between.\n\n"  # 9
        "> Sourced.\n\n— Agency\n\n"  # 11
        "```\n> not a quote, code\n```\n\n"  # 15
        "> Three.\n>\n> Four, same quote.\n"  # 19
    )
    assert findings(body) == [("quote-unattributed", 6), ("quote-unattributed", 19)]


def test_quotes_separated_by_blank_lines_are_one_quote_with_one_attribution():
    text = "> First part.\n\n> Second part.\n\n— Varra Press Agency\n"
    doc = render(text)
    assert len(doc.find_all("blockquote")) == 1
    assert doc.figure.figcaption.cite.get_text() == "Varra Press Agency"
    assert findings(text) == []


def test_hostile_attribution_text_is_escaped_and_bad_links_lose_their_address():
    html = caption_html(
        f'{QUOTE}\n— <script>alert(1)</script> & <b>Co</b> "Agency", [x](javascript:alert(1))\n'
    )
    doc = BeautifulSoup(html, "html.parser")
    assert doc.find("script") is None and doc.find("b") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    assert doc.find("a").get("href") is None


def test_blockquote_cites_the_source_address_of_a_link_attribution():
    doc = render(f"{QUOTE}\n— [Reuters](https://reuters.example/a), 3 March 2026\n")
    assert doc.blockquote["cite"] == "https://reuters.example/a"
    doc = render(f"{QUOTE}\n— Varra Press Agency\n")
    assert not doc.blockquote.has_attr("cite")


def test_nested_and_listed_quotes_are_handled_where_they_stand():
    doc = render(f"- item\n\n    {QUOTE}\n    — Agency\n")
    assert doc.li.figure.figcaption.cite.get_text() == "Agency"


def test_dash_recognition():
    assert starts_with_dash("— Reuters") and starts_with_dash("--Reuters")
    assert starts_with_dash("―\u00a0Reuters") and starts_with_dash("–  Reuters")
    assert not starts_with_dash("—") and not starts_with_dash("---- x")
    assert not starts_with_dash("- Reuters") and not starts_with_dash("Reuters —")


def test_is_attribution_on_element_trees():
    link = Element("p")
    a = SubElement(link, "a", href="https://x.example")
    a.text, a.tail = "Reuters", ", 3 March"
    assert is_attribution(link)
    a.tail = " said so."
    assert not is_attribution(link)
    dash = Element("p")
    dash.text = "— Reuters"
    assert is_attribution(dash)
    dash.text = "— Reuters\nand more"
    assert not is_attribution(dash)


def test_take_last_line_leaves_a_paragraph_without_a_dash_line_untouched():
    p = Element("p")
    p.text = "One line\nand another"
    assert take_last_line(p) is None and p.text == "One line\nand another"
    p.text = "Quoted words\n— Reuters"
    line = take_last_line(p)
    assert p.text == "Quoted words" and line.text == "— Reuters"


def test_caption_without_comma_cites_everything_and_keeps_the_dash_outside():
    p = Element("p")
    p.text = "--- Varra Press Agency  "
    assert caption(p).text == "— "
    assert caption_html(f"{QUOTE}\n--- Varra Press Agency\n").startswith(
        "<figcaption>— <cite>Varra Press Agency</cite>"
    )


def test_safe_href():
    assert safe_href("https://x.example") and safe_href("../../2026/03/x/")
    assert safe_href("mailto:a@example.org")
    assert not safe_href("javascript:alert(1)") and not safe_href(" JavaScript:x")
    assert not safe_href("data:text/html,<script>")
