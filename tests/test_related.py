"""The related plugin's pure parts: each signal, pins, drafts, self-exclusion, ties, and
quality on a generated archive with known topics. No Pelican here."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from numpy._core import multiarray
from related import scoring
from related.extract import SEPARATING_ENTITIES, parse_pins, plain_text, text_for_words
from related.pages import small_pages
from related.scoring import (
    ENGLISH_STOP_WORDS,
    Doc,
    RelatedIndex,
    Weights,
    format_explanation,
    related,
)

from benchmarks.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
DAY = datetime(2026, 5, 1, 9, 0)
FILLER = "council meeting week city people plan report year money public service "


def doc(slug, text="", *, days=0, category="Opinion", tags=(), pins=(), candidate=True):
    return Doc(
        slug=slug,
        path=f"content/articles/{slug}.md",
        title="",
        text=text or FILLER,
        date=DAY + timedelta(days=days),
        category=category,
        tags=tuple(tags),
        pins=tuple(pins),
        candidate=candidate,
    )


def slugs(result, slug):
    return [p.slug for p in result.picks[f"content/articles/{slug}.md"]]


DAM = "dam spillway reservoir cracks inspectors water valley "
LIBRARY = "library books reading sunday branch librarians opening "
FERRY = "ferry river timetable boats crossing pier harbour "


def archive():
    return [
        doc("dam-a", DAM * 3 + FILLER),
        doc("dam-b", DAM * 2 + FILLER * 2),
        doc("library-a", LIBRARY * 3 + FILLER),
        doc("library-b", LIBRARY * 2 + FILLER * 2),
        doc("ferry-a", FERRY * 3 + FILLER),
        doc("ferry-b", FERRY * 2 + FILLER * 2),
    ]


# --- signals -------------------------------------------------------------------------


def test_text_similarity_finds_the_story_on_the_same_subject():
    result = related(archive(), k=1, weights=Weights(text=1, tags=0, category=0, time=0))
    assert slugs(result, "dam-a") == ["dam-b"]
    assert slugs(result, "library-b") == ["library-a"]
    assert slugs(result, "ferry-a") == ["ferry-b"]


def test_stop_words_and_common_words_do_not_make_stories_related():
    docs = [
        doc("a", "the of and to in that is was it for on " * 20 + "dam spillway " * 3),
        doc("b", "the of and to in that is was it for on " * 20 + "library books " * 3),
        doc("c", "dam spillway reservoir " * 3),
    ]
    result = related(docs, k=2, weights=Weights(text=1, tags=0, category=0, time=0))
    assert slugs(result, "a") == ["c"]


def test_tags_weigh_by_rarity():
    """Sharing a rare tag counts for more than sharing one that half the archive has."""
    docs = [doc("query", tags=["politics", "varra dam"])]
    docs.append(doc("rare", tags=["varra dam"]))
    docs.append(doc("common", tags=["politics"]))
    docs += [doc(f"other-{i}", tags=["politics"]) for i in range(6)]
    docs += [doc(f"untagged-{i}") for i in range(6)]
    index = RelatedIndex(docs, Weights(text=0, tags=1, category=0, time=0))
    picks = {p.slug: p for p in index.explain("query", 20).picks}
    assert next(iter(picks)) == "rare"
    assert picks["rare"].tags > 2 * picks["common"].tags > 0


def test_a_tag_on_every_article_says_nothing():
    docs = [doc(f"d{i}", tags=["news"]) for i in range(5)]
    result = related(docs, k=3, weights=Weights(text=0, tags=1, category=0, time=0))
    assert all(picks == [] for picks in result.picks.values())


def test_tags_are_compared_case_insensitively():
    docs = [doc("a", tags=["Varra Dam"]), doc("b", tags=["varra dam"]), doc("c", tags=["x"])]
    result = related(docs, k=1, weights=Weights(text=0, tags=1, category=0, time=0))
    assert slugs(result, "a") == ["b"]


def test_same_category_ranks_an_equally_similar_story_higher():
    docs = [
        doc("query", DAM * 3, category="News"),
        doc("in-opinion", DAM * 3, category="Opinion"),
        doc("in-news", DAM * 3, category="News"),
    ]
    index = RelatedIndex(docs, Weights(text=1, tags=0, category=0.1, time=0))
    picks = index.explain("query", 5).picks
    assert [p.slug for p in picks] == ["in-news", "in-opinion"]
    assert picks[0].category == pytest.approx(0.1)
    assert picks[1].category == 0


def test_closer_in_time_ranks_higher_and_halves_every_half_life():
    docs = [
        doc("query", DAM * 3),
        doc("year-later", DAM * 3, days=365),
        doc("month-later", DAM * 3, days=30),
        doc("half-life-later", DAM * 3, days=100),
    ]
    weights = Weights(text=1, tags=0, category=0, time=1, half_life_days=100)
    picks = RelatedIndex(docs, weights).explain("query", 5).picks
    assert [p.slug for p in picks] == ["month-later", "half-life-later", "year-later"]
    assert picks[1].time == pytest.approx(0.5)


def test_time_and_category_alone_never_make_a_story_related():
    """Same day, same column, but not one distinctive word or tag in common."""
    docs = [doc("dam", DAM * 3), doc("library", LIBRARY * 3), doc("ferry", FERRY * 3)]
    result = related(docs, k=3)
    assert all(picks == [] for picks in result.picks.values())


def test_each_pick_explains_its_score():
    docs = [*archive(), doc("dam-c", DAM * 3, days=40, tags=["water"], category="News")]
    docs[0] = doc("dam-a", DAM * 3 + FILLER, tags=["water"])
    weights = Weights()
    picks = RelatedIndex(docs, weights).explain("dam-a", 5).picks
    for p in picks:
        assert p.score == pytest.approx(p.text + p.tags + p.category + p.time)
        assert 0 <= p.text <= weights.text + 1e-6
        assert 0 <= p.tags <= weights.tags + 1e-6
    top = picks[0]
    assert top.slug == "dam-c" and top.tags > 0 and top.text > 0


def test_minimum_score_leaves_weak_picks_out():
    weights = Weights(text=1, tags=0, category=0, time=0)
    everything = related(archive(), k=3, weights=weights)
    assert len(slugs(everything, "dam-a")) >= 2  # the other dam story and a filler match
    strict = related(archive(), k=3, weights=weights, min_score=0.5)
    assert slugs(strict, "dam-a") == ["dam-b"]


# --- pins, drafts, self ---------------------------------------------------------------


def test_pins_come_first_in_the_order_written_and_count_towards_k():
    docs = archive()
    docs[0] = doc("dam-a", DAM * 3 + FILLER, pins=["ferry-b", "library-a"])
    result = related(docs, k=3)
    assert slugs(result, "dam-a") == ["ferry-b", "library-a", "dam-b"]
    assert [p.pinned for p in result.picks["content/articles/dam-a.md"]] == [True, True, False]
    assert result.problems == []


def test_every_pin_is_shown_even_beyond_k_and_repeats_once():
    docs = archive()
    docs[0] = doc("dam-a", pins=["ferry-b", "library-a", "ferry-b", "library-b"])
    result = related(docs, k=2)
    assert slugs(result, "dam-a") == ["ferry-b", "library-a", "library-b"]


@pytest.mark.parametrize(
    ("pin", "says"),
    [
        ("no-such-story", "names no article"),
        ("dam-a", "names the article itself"),
        ("draft-dam", "names a draft or hidden article"),
    ],
)
def test_bad_pins_are_reported_with_the_file_and_skipped(pin, says):
    docs = [*archive(), doc("draft-dam", DAM * 3, candidate=False)]
    docs[0] = doc("dam-a", DAM * 3 + FILLER, pins=[pin, "ferry-b"])
    result = related(docs, k=2)
    [problem] = result.problems
    assert problem.path == "content/articles/dam-a.md"
    assert problem.slug == pin and says in problem.message
    assert f'"Related: {pin}"' in problem.message
    assert slugs(result, "dam-a") == ["ferry-b", "dam-b"]


def test_drafts_and_hidden_articles_are_never_picked_but_get_picks():
    docs = [
        *archive(),
        doc("dam-draft", DAM * 3 + FILLER, candidate=False),
        doc("dam-hidden", DAM * 3 + FILLER, candidate=False),
    ]
    result = related(docs, k=5)
    for path, picks in result.picks.items():
        assert not {"dam-draft", "dam-hidden"} & {p.slug for p in picks}, path
    assert slugs(result, "dam-draft")[0] == "dam-a"


def test_an_article_is_never_its_own_related_story():
    docs = [doc("twin-a", DAM * 3), doc("twin-b", DAM * 3), doc("library", LIBRARY * 3)]
    result = related(docs, k=3, min_score=0)
    assert slugs(result, "twin-a") == ["twin-b"]
    assert slugs(result, "twin-b") == ["twin-a"]


# --- determinism and ties -----------------------------------------------------------------


def test_equal_scores_are_ordered_by_newer_date_then_slug():
    docs = [
        doc("query", DAM * 3),
        doc("zz-later", DAM * 3, days=10),
        doc("mm-earlier", DAM * 3, days=-10),
        doc("aa-later", DAM * 3, days=10),
    ]
    picks = RelatedIndex(docs, Weights(text=1, tags=0, category=0, time=1)).explain("query").picks
    assert [p.slug for p in picks] == ["aa-later", "zz-later", "mm-earlier"]
    assert picks[0].score == picks[1].score == picks[2].score


def test_same_archive_in_any_order_gives_the_same_picks():
    docs = [doc(f"same-{i:02d}", DAM * 3) for i in range(12)] + archive()
    first = related(docs, k=3).picks
    shuffled = docs[:]
    random.Random(1).shuffle(shuffled)
    assert related(shuffled, k=3).picks == first
    assert slugs(related(docs, k=3), "same-05") == ["same-00", "same-01", "same-02"]


def test_the_inverted_index_is_bounded_per_word():
    """What keeps the step near-linear: each word or tag lists at most POSTINGS articles,
    each article keeps at most KEYWORDS words."""
    docs = [doc(f"a{i:03d}", DAM * 3 + f"x{i} y{i // 2}", tags=["water"]) for i in range(150)]
    index = RelatedIndex(docs)
    lengths = index.postings.getnnz(axis=1)
    assert lengths.max() == scoring.POSTINGS
    assert index.text.getnnz(axis=1).max() <= scoring.KEYWORDS


def test_no_articles_or_one_article():
    assert related([]).picks == {}
    assert related([doc("alone", DAM)]).picks == {"content/articles/alone.md": []}


# --- settings, parsing, explanation ----------------------------------------------------------


def test_weights_from_settings_are_validated():
    assert Weights.from_mapping({"text": 1}).tags == Weights().tags
    assert Weights.from_mapping({}, 30).half_life_days == 30
    with pytest.raises(ValueError, match="unknown signal"):
        Weights.from_mapping({"author": 1})
    with pytest.raises(ValueError, match="number >= 0"):
        Weights.from_mapping({"text": -1})
    with pytest.raises(ValueError, match="half-life"):
        Weights.from_mapping({}, 0)


def test_parse_pins():
    assert parse_pins("a, b,,  c , a") == ("a", "b", "c")
    assert parse_pins(None) == ()
    assert parse_pins(["x", " y "]) == ("x", "y")


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<p>Dams&nbsp;&amp; <em>rivers</em></p><td>a</td><td>b</td>").split() == [
        "Dams",
        "&",
        "rivers",
        "a",
        "b",
    ]


def test_explanation_lists_contributions_and_marks_what_is_shown():
    docs = archive()
    docs[0] = doc("dam-a", DAM * 3 + FILLER, pins=["ferry-b"])
    explanation = RelatedIndex(docs).explain("dam-a", n=5, k=2, min_score=0)
    table = format_explanation(explanation)
    lines = table.splitlines()
    assert "weights text 0.65, tags 0.25, category 0.03, time 0.07" in lines[0]
    assert lines[2].split()[1:2] == ["pin"] and lines[2].endswith("ferry-b")
    assert lines[3].split()[1] == "*" and lines[3].endswith("dam-b")
    assert "*" not in lines[4]
    pick = explanation.picks[1]
    assert f"{pick.text:6.3f}" in lines[3] and f"{pick.time:6.3f}" in lines[3]


# --- quality on a generated archive ------------------------------------------------------


def precision(articles, result):
    topic = {a.slug: a.topic for a in articles}
    counts = {True: [0, 0], False: [0, 0]}
    for a in articles:
        picks = result.picks[f"{a.slug}.md"]
        counts[bool(a.tags)][0] += sum(topic[p.slug] == a.topic for p in picks)
        counts[bool(a.tags)][1] += len(picks)
    return {tagged: hit / total if total else None for tagged, (hit, total) in counts.items()}


def test_picks_share_the_hidden_topic_for_tagged_and_untagged_articles():
    articles = generate(1000, seed=11, untagged=0.3)
    docs = [
        Doc(a.slug, f"{a.slug}.md", a.title, a.body, a.date, a.category, a.tags) for a in articles
    ]
    result = related(docs, k=3, min_score=0.2)
    measured = precision(articles, result)
    print(f"precision@3 tagged {measured[True]:.3f}, untagged {measured[False]:.3f}")
    assert measured[True] >= 0.9
    assert measured[False] >= 0.85
    assert sum(len(p) for p in result.picks.values()) >= 0.9 * 3 * len(articles)
    # Tags alone cannot serve untagged articles: the text signal does.
    tags_only = precision(articles, related(docs, 3, Weights(0, 1, 0, 0)))
    assert tags_only[True] >= 0.8 and tags_only[False] is None


# --- speed without changing a pick: the counted path equals scikit-learn's ----------------

#: Characters that make str.translate slow or that take part in the byte path's tricks:
#: typogrify's non-breaking space and quotes, separators whose UTF-8 bytes could be
#: confused with ASCII ones (U+00A9's second byte is 0xA9), letters, a lone surrogate,
#: characters from U+3000 on (kept inside words), and whitespace split() knows.
UNUSUAL = (
    "\xa0 \u201c \u201d \u2019 \u2018 \u2014 \u2013 \u2026 "
    "\u00a9 \u00e9 \u00df \u0130 \u3000 \u3001 \u4e2d "
    "\U0001f600 \ud800 _ - , . ; \t \x1c \x85 \u2028 \u00b2 \u00bd \u0660"
).split(" ")


def reference_split(text):
    """The tokenizer as it was: one str.translate over the whole text."""
    return text.lower().translate(scoring._SEPARATORS).split()


def test_split_words_gives_the_words_one_translate_gives():
    rng = random.Random(7)
    alphabet = [*UNUSUAL, *"abcXYZ 09,.", *(chr(c) for c in range(0, 0x3100, 7))]
    texts = ["", "plain ascii, words.", "Dam\xa0spillway \u201ccracks\u201d \u00a9 caf\u00e9"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    # Typogrify's prose: ASCII once its typography is spaces (the one-translate path).
    prose = [*scoring.TYPOGRAPHY, *"abcXYZ 09,.'\n\t"]
    texts += ["".join(rng.choice(prose) for _ in range(rng.randint(0, 80))) for _ in range(1000)]
    for text in texts:
        assert scoring.split_words(text) == reference_split(text), repr(text)


def test_text_for_words_gives_the_words_plain_text_gives():
    """Typogrify's entities become spaces without html.unescape; every other entity,
    and text that only looks like one of them, is read as before."""
    rng = random.Random(3)
    pieces = [
        *SEPARATING_ENTITIES,
        *(e[:-1] for e in SEPARATING_ENTITIES),  # no semicolon: html.unescape's business
        "&amp;nbsp;",
        "&amp;",
        "&&#8217;",
        "&eacute;",
        "&#233;",
        "&#x2019;",
        "&nbsp",
        "&",
        "<em>",
        "</p>",
        "<a href='&#8217;'>",
        "Dam",
        "spillway",
        "it",
        "s",
        " ",
        "\n",
        "x1",
    ]
    texts = ["", "<p>It&#8217;s the &#8220;dam&#8221;&nbsp;&#8212; caf&eacute;</p>"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for markup in texts:
        assert scoring.split_words(text_for_words(markup)) == scoring.split_words(
            plain_text(markup)
        ), markup


def test_the_stop_words_are_scikit_learns_and_importing_scoring_skips_scikit_learn():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # noqa: PLC0415

    assert scoring.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS
    code = "import sys, related.scoring; print('sklearn' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def vectoriser_tfidf(texts):
    """What the plugin computed before: scikit-learn's TfidfVectorizer, then the keyword
    columns. (None: scikit-learn found no word in two articles.)"""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415

    vectoriser = TfidfVectorizer(
        analyzer=reference_split, sublinear_tf=True, min_df=2, norm=None, dtype=np.float32
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:
        return None
    names = vectoriser.get_feature_names_out()
    keep = np.flatnonzero([scoring.is_keyword(w) for w in names])
    return sp.csr_matrix(matrix.tocsc()[:, keep].tocsr()), [str(w) for w in names[keep]]


def assert_same_matrix(ours, theirs):
    """Same entries in the same order (sums over a row depend on it), bit for bit."""
    assert ours.format == theirs.format == "csr"
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype == np.float32
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)  # every float, bit for bit


def generated_texts(n, seed):
    return [(a.title, a.body) for a in generate(n, seed=seed, untagged=0.3)]


@pytest.mark.parametrize("n, seed", [(1, 1), (2, 2), (40, 3), (400, 4)])
def test_tfidf_from_counts_is_scikit_learns_tfidf_to_the_bit(n, seed):
    pairs = generated_texts(n, seed)
    rng = random.Random(seed)
    pairs += [("", ""), ("Only", "the of and a"), ("\u201cQuoted\u201d", " ".join(UNUSUAL))]
    pairs += [(t, b.replace(" ", rng.choice(UNUSUAL), 50)) for t, b in pairs[:5]]
    texts = [f"{t}\n{t}\n{b}" for t, b in pairs]
    matrix, words = scoring.tfidf([scoring.count_terms(t, b) for t, b in pairs])
    expected = vectoriser_tfidf(texts)
    if expected is None:
        assert matrix.shape == (len(pairs), 0)
    else:
        assert words == expected[1]
        assert_same_matrix(matrix, expected[0])


def reference_count_terms(title: str, text: str) -> scoring.Terms:
    """count_terms as first written: each distinct word tested in Python."""
    counter = Counter(scoring.split_words(f"{title}\n{title}\n{text}"))
    kept = {w: n for w, n in counter.items() if len(w) > 1 and w not in ENGLISH_STOP_WORDS}
    return scoring.Terms(" ".join(kept), np.array(list(kept.values()), np.int32).tobytes())


def test_counting_drops_the_same_words_in_the_same_order_as_testing_each():
    pairs = generated_texts(200, 7)
    pairs += [("", ""), ("A", "a b c I x 1 2 é ß ø ü Œ ñ ab é ß"), ("the of", "and a")]
    pairs += [("É é", " ".join(UNUSUAL)), ("Über", "ü ü ü x ÿ ab ab été ı")]
    rng = random.Random(7)
    pairs += [(t, b.replace(" ", f" {rng.choice('éßøx1')} ", 80)) for t, b in pairs[:20]]
    for title, text in pairs:
        assert scoring.count_terms(title, text) == reference_count_terms(title, text)


def test_no_words_in_common_or_no_articles_give_empty_vectors():
    for pairs in ([], [("", "")], [("alpha", "beta")], [("gamma", "x"), ("delta", "y")]):
        assert vectoriser_tfidf([f"{t}\n{t}\n{b}" for t, b in pairs]) is None
        matrix, words = scoring.tfidf([scoring.count_terms(t, b) for t, b in pairs])
        assert matrix.shape == (len(pairs), 0) and words == []


class VectoriserIndex(RelatedIndex):
    """The index as it was built before counting moved out of scikit-learn."""

    def _text_vectors(self):
        found = vectoriser_tfidf([f"{d.title}\n{d.title}\n{d.text}" for d in self.docs])
        if found is None:
            return sp.csr_matrix((len(self.docs), 0), dtype=np.float32)
        return scoring._normalise_rows(scoring._keep_top_per_row(found[0], scoring.KEYWORDS))


def test_blocks_ranked_in_worker_processes_give_the_same_picks_and_problems():
    """More than two blocks of BLOCK articles, shared between this process and a forked
    one (fastbuild.workers.fork_map), as the live preview ranks them."""
    from fastbuild.workers import fork_map  # noqa: PLC0415

    articles = generate(2 * scoring.BLOCK + 300, seed=12, untagged=0.3)
    pins = ("nowhere", articles[0].slug)  # the first nine articles pin these two
    docs = [
        Doc(
            a.slug, f"{a.slug}.md", a.title, a.body, a.date, a.category, a.tags, pins[: 2 * (i < 9)]
        )
        for i, a in enumerate(articles)
    ]
    index = RelatedIndex(docs)
    in_turn = index.related(3, 0.2)
    seen = []

    def in_workers(job, blocks):
        seen.append(len(blocks))
        return fork_map(job, blocks, 2)

    forked = index.related(3, 0.2, in_workers)
    assert seen == [3]
    assert forked == in_turn
    assert len(forked.picks) == len(docs)
    assert len(forked.problems) == 10  # nine unknown pins, and the first article names itself


@pytest.mark.parametrize("n, seed", [(60, 5), (700, 6)])
def test_picks_and_scores_equal_the_scikit_learn_index(n, seed):
    articles = generate(n, seed=seed, untagged=0.3, drafts=0.1)
    docs = [
        Doc(a.slug, f"{a.slug}.md", a.title, a.body, a.date, a.category, a.tags, (), i % 9 != 0)
        for i, a in enumerate(articles)
    ]
    # Half the documents arrive counted, as from the build cache.
    docs = [
        replace(d, text="", terms=scoring.count_terms(d.title, d.text)) if i % 2 else d
        for i, d in enumerate(docs)
    ]
    old = VectoriserIndex(
        [
            replace(d, text=d.text or next(a.body for a in articles if a.slug == d.slug))
            for d in docs
        ]
    )
    new = RelatedIndex(docs)
    assert_same_matrix(new.text, old.text)
    assert new.related(3, 0.2) == old.related(3, 0.2)
    assert new.explain(docs[0].slug, 10) == old.explain(docs[0].slug, 10)


def test_small_pages_turns_numpy_huge_pages_off_for_the_block_and_back():
    before = multiarray._set_madvise_hugepage(True)
    try:
        with small_pages():
            assert multiarray._get_madvise_hugepage() is False
        assert multiarray._get_madvise_hugepage() is True
        with pytest.raises(RuntimeError), small_pages():
            raise RuntimeError
        assert multiarray._get_madvise_hugepage() is True  # back after a failure too
        multiarray._set_madvise_hugepage(False)
        with small_pages():
            pass
        assert multiarray._get_madvise_hugepage() is False  # what NumPy had, not always on
    finally:
        multiarray._set_madvise_hugepage(before)
