"""A generated archive of opinion columns with known topics, for benchmarks and quality tests.

Real archives cannot be shipped (they are someone else's writing) and are not labelled, so
this module makes one: N articles of ~700-1,000 words by several authors, in several
columns, with tags and a *hidden topic* per article that nothing in the written files
reveals. Related-stories quality is then measurable (do the picks share the hidden topic?)
and build-speed benchmarks have a realistic, reproducible load.

Topics are grouped in *themes* of four: sibling topics share part of their vocabulary and
a broad tag (as two stories about dams in the same valley share place names), so telling
them apart takes more than one shared word. Words are made-up syllable strings, so the
text never resembles any real writing, mixed with real English function words.

    from benchmarks.corpus import generate, write_content

    articles = generate(1000, seed=7, untagged=0.3)   # list[GeneratedArticle]
    articles[0].topic                                  # hidden label, e.g. "topic-012"
    write_content(articles, tmp_path / "content")     # content/articles/<slug>.md

Same arguments -> same articles, byte for byte (everything comes from one seeded
`random.Random`; no clock, no hash randomisation).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

#: The sample publication's columns, so generated archives pass the editorial checks.
CATEGORIES = ("Opinion", "Analysis", "News")

#: Real English function words mixed into every sentence, so stop-word removal matters.
FUNCTION_WORDS = (
    "the of and to a in that is was it for on as with by at from this be are have has not but "
    "or which were their they his her an will would there been its who more all about also "
    "than when can our we into after what some only over could these other"
).split()

#: Topic-blind tags: the first is on about half of the tagged archive, the others on a tenth
#: each. They say little about a story's topic.
BROAD_TAGS = ("politics", "economy", "society")

#: Share of an article's content words drawn from its own topic, from the theme it shares
#: with three sibling topics, and from another topic chosen at random (noise); the rest
#: is vocabulary common to the whole archive.
TOPIC_SHARE, THEME_SHARE, NOISE_SHARE = 0.05, 0.08, 0.05
#: Spread (standard deviation, days) of a theme's topics around the theme's period, and of
#: a topic's articles around the topic's: sibling stories overlap in time.
THEME_SPREAD_DAYS, TOPIC_SPREAD_DAYS = 90, 120

_ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr sh ch th".split()
_VOWELS = "a e i o u ai ea ou io".split()
_CODAS = ["", "", "n", "r", "s", "l", "m", "nd", "rt", "st", "k"]


@dataclass(frozen=True)
class GeneratedArticle:
    slug: str
    title: str
    date: datetime
    category: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    body: str
    #: The hidden label; never written to the Markdown files.
    topic: str
    status: str = "published"

    def markdown(self) -> str:
        """The article as a Pelican Markdown file (metadata header, blank line, body)."""
        lines = [
            f"Title: {self.title}",
            f"Date: {self.date:%Y-%m-%d %H:%M}",
            f"Category: {self.category}",
        ]
        if self.tags:
            lines.append(f"Tags: {', '.join(self.tags)}")
        key = "Authors" if len(self.authors) > 1 else "Author"
        lines += [f"{key}: {', '.join(self.authors)}", f"Slug: {self.slug}"]
        lines.append(f"Summary: {self.summary}")
        if self.status != "published":
            lines.append(f"Status: {self.status}")
        return "\n".join(lines) + "\n\n" + self.body + "\n"


#: Function words and their contractions: prose has an apostrophe in most paragraphs,
#: and typography (smartypants) has to find and curl it.
CONTRACTIONS = {
    "is": "isn't",
    "it": "it's",
    "would": "wouldn't",
    "have": "haven't",
    "was": "wasn't",
    "are": "aren't",
    "could": "couldn't",
    "will": "won't",
}
#: Share of paragraphs with a contraction, and with a phrase in double quotes (a
#: columnist quoting someone).
CONTRACTED_SHARE, QUOTED_SHARE = 0.8, 0.3


def _punctuate(paragraph: str, rng: random.Random) -> str:
    """`paragraph` with the apostrophes and quotation marks of real prose. Only function
    words change, into their contractions (stop words, like them), and quotation marks
    are not letters: the content words, and so the hidden topics, stay as they were."""
    words = paragraph.split(" ")
    if rng.random() < CONTRACTED_SHARE:
        contractible = [i for i, word in enumerate(words) if word in CONTRACTIONS]
        if contractible:
            i = rng.choice(contractible)
            words[i] = CONTRACTIONS[words[i]]
    if rng.random() < QUOTED_SHARE:
        # A span of two to six words, never a sentence's first or last word.
        ends = [i for i, word in enumerate(words) if word.endswith(".")]
        last = rng.choice(ends)
        first = max((i + 1 for i in ends if i < last), default=0)
        if last - first >= 4:
            start = rng.randint(first + 1, last - 3)
            stop = min(last - 1, start + rng.randint(1, 5))
            words[start] = '"' + words[start]
            words[stop] += '"'
    return " ".join(words)


def _body(paragraphs: list[str], rng: random.Random) -> str:
    return "\n\n".join(_punctuate(paragraph, rng) for paragraph in paragraphs)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )


def _vocabulary(rng: random.Random, size: int, taken: set[str], syllables=(2, 3)) -> list[str]:
    words = []
    while len(words) < size:
        word = _word(rng, rng.randint(*syllables))
        if word not in taken and len(word) > 3:
            taken.add(word)
            words.append(word)
    return words


def _zipf_weights(size: int) -> list[float]:
    """Cumulative Zipf weights: a few words are common, most are rare, as in real text."""
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


@dataclass
class _Topic:
    name: str
    words: list[str]
    theme_words: list[str]
    tags: list[str]
    theme_tag: str
    centre: datetime


def _topics(
    rng: random.Random, count: int, taken: set[str], start: datetime, span_days: int
) -> list[_Topic]:
    topics: list[_Topic] = []
    theme_words: list[str] = []
    theme_tag = ""
    theme_centre = start
    for t in range(count):
        if t % 4 == 0:
            theme_words = _vocabulary(rng, 60, taken)
            theme_tag = f"{theme_words[0]} affairs"
            theme_centre = start + timedelta(days=rng.uniform(120, span_days - 120))
        own = _vocabulary(rng, 40, taken)
        topics.append(
            _Topic(
                name=f"topic-{t:03d}",
                words=own,
                theme_words=theme_words,
                tags=[own[0], f"{own[1]} {own[2]}", own[3]],
                theme_tag=theme_tag,
                centre=theme_centre + timedelta(days=rng.gauss(0, THEME_SPREAD_DAYS)),
            )
        )
    return topics


def _tags(rng: random.Random, topic: _Topic, topics: list[_Topic]) -> list[str]:
    """One or two of the topic's own tags, often its theme's, often a broad one, and now
    and then a stray tag of another topic (editors are not perfect)."""
    tags = rng.sample(topic.tags, rng.randint(1, 2))
    if rng.random() < 0.5:
        tags.append(topic.theme_tag)
    if rng.random() < 0.5:
        tags.append(BROAD_TAGS[0])
    elif rng.random() < 0.4:
        tags.append(rng.choice(BROAD_TAGS[1:]))
    if rng.random() < 0.15:
        tags.append(rng.choice(rng.choice(topics).tags))
    return list(dict.fromkeys(tags))


def default_topic_count(n: int) -> int:
    """About sqrt(n)/1.5 topics: 21 for 1,000 articles, 67 for 10,000, 149 for 50,000."""
    return max(4, round(math.sqrt(n) / 1.5))


def generate(
    n: int,
    *,
    seed: int = 0,
    topics: int | None = None,
    untagged: float = 0.0,
    drafts: float = 0.0,
    authors: int = 12,
    start: datetime = datetime(2016, 1, 1, 8, 0),
    years: int = 10,
) -> list[GeneratedArticle]:
    """Make `n` articles (ordered by slug) from `seed`.

    topics    number of hidden topics (default `default_topic_count(n)`), in themes of four
    untagged  fraction of articles written without a `Tags:` line
    drafts    fraction of articles with `Status: draft`
    authors   number of columnists; an article has one, sometimes two
    start, years   the span the dates fall in; each topic has its own busy period
    """
    rng = random.Random(seed)
    n_topics = topics or default_topic_count(n)
    taken: set[str] = set(FUNCTION_WORDS)
    general = _vocabulary(rng, 4000, taken)
    general_cum = _zipf_weights(len(general))
    names = [w.capitalize() for w in _vocabulary(rng, authors * 2, taken, (2, 2))]
    columnists = [f"{names[2 * i]} {names[2 * i + 1]}" for i in range(authors)]
    span_days = years * 365

    topic_list = _topics(rng, n_topics, taken, start, span_days)
    topic_cum = _zipf_weights(40)
    theme_cum = _zipf_weights(60)

    def content_word(topic: _Topic) -> str:
        roll = rng.random()
        if roll < TOPIC_SHARE:
            return rng.choices(topic.words, cum_weights=topic_cum)[0]
        if roll < TOPIC_SHARE + THEME_SHARE:
            return rng.choices(topic.theme_words, cum_weights=theme_cum)[0]
        if roll < TOPIC_SHARE + THEME_SHARE + NOISE_SHARE:
            other = rng.choice(topic_list)
            return rng.choices(other.words, cum_weights=topic_cum)[0]
        return rng.choices(general, cum_weights=general_cum)[0]

    def sentence(topic: _Topic, previous: str = "") -> str:
        """8-22 words, never the same word twice in a row (the checks would flag it)."""
        words = [previous]
        while len(words) <= rng.randint(8, 22):
            word = rng.choice(FUNCTION_WORDS) if rng.random() < 0.4 else content_word(topic)
            if word != words[-1]:
                words.append(word)
        return " ".join(words[1:]).capitalize() + "."

    def paragraph(topic: _Topic) -> str:
        sentences = [sentence(topic)]
        for _ in range(rng.randint(1, 4)):
            sentences.append(sentence(topic, sentences[-1][:-1].rsplit(" ", 1)[-1].lower()))
        return " ".join(sentences)

    def summary(topic: _Topic) -> str:
        words = sentence(topic)[:-1].split()
        while len(" ".join(words)) > 150:
            words.pop()
        return " ".join(words) + "."

    articles = []
    for i in range(n):
        topic = topic_list[i % n_topics] if i < n_topics else rng.choice(topic_list)
        target = rng.randint(700, 1000)
        paragraphs, words = [], 0
        while words < target:
            para = paragraph(topic)
            words += para.count(" ") + 1
            paragraphs.append(para)
        head = [content_word(topic) for _ in range(3)]
        title = f"{head[0].capitalize()} and the {head[1]} of {head[2]}"
        tags = _tags(rng, topic, topic_list) if rng.random() >= untagged else []
        first = rng.randrange(authors)
        byline = [columnists[first]]
        if rng.random() < 0.1:
            byline.append(columnists[(first + 1 + rng.randrange(authors - 1)) % authors])
        offset = rng.gauss(0, TOPIC_SPREAD_DAYS)
        date = min(
            max(topic.centre + timedelta(days=offset), start), start + timedelta(days=span_days)
        ).replace(second=0, microsecond=0)
        articles.append(
            GeneratedArticle(
                slug=f"{head[0]}-{head[2]}-{i:05d}",
                title=title,
                date=date,
                category=rng.choice(CATEGORIES),
                authors=tuple(byline),
                tags=tuple(tags),
                summary=summary(topic),
                # Punctuation draws from streams of its own: the words are those of `rng`.
                body=_body(paragraphs, random.Random(f"{seed}:punctuation:{i}")),
                topic=topic.name,
                status="draft" if rng.random() < drafts else "published",
            )
        )
    return sorted(articles, key=lambda a: a.slug)


def write_content(articles: list[GeneratedArticle], content: Path) -> Path:
    """Write `content/articles/<slug>.md` for each article; return `content`."""
    folder = Path(content) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.slug}.md").write_text(article.markdown(), encoding="utf-8")
    return Path(content)
