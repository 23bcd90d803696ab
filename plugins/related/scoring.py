"""Related-stories scoring, as pure functions over plain records (no Pelican here).

Why this shape:

* Several signals, each in [0, 1], added with configurable weights (`Weights`): text
  similarity (TF-IDF cosine of title and body), shared tags weighted by rarity (cosine of
  IDF-weighted tag vectors: a tag on half the archive adds almost nothing, a tag on five
  articles a lot), same column, and closeness in time (halves every `half_life_days`).
  Each pick keeps its per-signal contributions, so `explain` can show why it was chosen.
* Near-linear in the number of articles. Comparing every pair is quadratic (50,000
  articles make 1.25 billion pairs), so candidates come from an inverted index instead:
  every article keeps its `KEYWORDS` highest-weighted words, and every word or tag keeps
  only the `POSTINGS` articles for which it matters most. An article's candidates are the
  articles found under its own words and tags; work grows with N x KEYWORDS x POSTINGS.
  The best `CANDIDATES` of those are then scored exactly on every signal.
* Deterministic: articles are ordered by (slug, path) before anything else, every sort
  breaks ties on that order, and final ranks compare scores rounded to 9 decimals, then
  newer date, then slug. Two builds of the same content give the same picks.
* Pins (`Related: a, b` metadata) come first in the order written; problems with them
  (unknown slug, a draft, the article itself) are returned for the caller to report.

Drafts and hidden articles (`candidate=False`) get related picks of their own (useful in
a draft preview) but are never picked.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path

import numpy as np
import scipy.sparse as sp

#: Words kept per article for matching: its most distinctive ones. Enough to tell
#: sibling stories apart; more only slows the build.
KEYWORDS = 60
#: Articles kept per word or tag in the inverted index: those where it weighs most.
POSTINGS = 80
#: Candidates per article scored exactly on every signal.
CANDIDATES = 40
#: Articles scored together; bounds the memory of one sparse product.
BLOCK = 1024
SECONDS_PER_DAY = 86400.0
#: Every character below U+3000 that is not a letter, digit or space separates words.
#: str.translate and split take a third of the time of scikit-learn's regular expression,
#: which was most of the whole step.
_SEPARATORS = {c: " " for c in range(0x3000) if not (chr(c).isalnum() or chr(c).isspace())}
#: The same for UTF-8 bytes: ASCII separators become spaces, the bytes of other
#: characters (all 0x80 or more) stay.
_ASCII_SEPARATORS = bytes(32 if c < 0x80 and c in _SEPARATORS else c for c in range(256))
_NON_ASCII_SEPARATORS = frozenset(chr(c) for c in _SEPARATORS if c > 0x7F)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: What typogrify puts in English prose, the only characters outside ASCII in most of it:
#: the non-breaking space and the typographer's quotes and dashes, all separators.
TYPOGRAPHY = ("\xa0", "\u2019", "\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026")
#: _ASCII_SEPARATORS that also lowers A-Z: for text that is ASCII, lower() as well.
_ASCII_WORDS = bytes(c + 32 if 0x41 <= c <= 0x5A else c for c in _ASCII_SEPARATORS)
RANK_DECIMALS = 9


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-words, read from the module file that holds them
    without importing scikit-learn: importing the package takes about a second of every
    build (live previews included), and the list is all the plugin needs of it. Should a
    release move the file, the ordinary import still finds the list."""
    spec = importlib.util.find_spec("sklearn")  # a top-level package: nothing is imported
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, "feature_extraction", "_stop_words.py")
        if path.is_file():
            loader = importlib.util.spec_from_file_location("related._stop_words", path)
            module = importlib.util.module_from_spec(loader)
            loader.loader.exec_module(module)
            words = getattr(module, "ENGLISH_STOP_WORDS", None)
            if isinstance(words, frozenset):
                return words
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # noqa: PLC0415

    return ENGLISH_STOP_WORDS


ENGLISH_STOP_WORDS = _english_stop_words()
#: What is_keyword refuses and any text may hold many of: the stop-words and every
#: one-character ASCII word.
_NEVER_KEYWORDS = ENGLISH_STOP_WORDS | frozenset(map(chr, range(128)))


def split_words(text: str) -> list[str]:
    """Lower-cased words; stop-words and one-letter words stay in (see `is_keyword`).

    str.translate is quick only on pure ASCII text; one non-breaking space (typogrify puts
    one in most paragraphs) makes it look every character up, four times slower. So
    TYPOGRAPHY becomes spaces first, which leaves most articles ASCII: one bytes.translate
    then lowers them and ends their words (a third faster than lower() and str.translate).
    Other texts have their few kinds of non-ASCII separators replaced one by one, and
    their ASCII ones through bytes.translate: the same words (tests/test_related.py
    checks)."""
    if not text.isascii():
        for character in TYPOGRAPHY:
            if character in text:
                text = text.replace(character, " ")
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    text = text.lower()
    for character in _NON_ASCII_SEPARATORS.intersection(_NON_ASCII.findall(text)):
        text = text.replace(character, " ")
    data = text.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)
    return data.decode("utf-8", "surrogatepass").split()


def is_keyword(word: str) -> bool:
    """Whether a word may count: two characters or more, not an English stop-word
    (scikit-learn's list). Applied to the vocabulary, once per distinct word, rather than
    to every word of every article."""
    return len(word) > 1 and word not in ENGLISH_STOP_WORDS


@dataclass(frozen=True)
class Terms:
    """An article's words, counted: all that text similarity needs of its title and body,
    and small enough for the build cache, so a rebuild splits only the edited articles.

    `words` are the distinct words, space-separated (a word never holds a space);
    `counts` how often each occurs, int32 bytes in the same order. One string and one
    bytes object per article load from the cache far faster than a dict of words."""

    words: str
    counts: bytes


_delete = dict.__delitem__


def count_terms(title: str, text: str) -> Terms:
    """The counts TF-IDF starts from; the title is counted twice, as it says more about the
    subject than any sentence of the body. Words that are never keywords are left out
    here, once per article, so the archive-wide vocabulary is built from fewer words."""
    kept = Counter(split_words(f"{title}\n{title}\n{text}"))
    # One set intersection in C instead of two tests in Python for each distinct word
    # (a fifth of the counting): the frozenset looks up each word, where `keys() &`
    # would first copy them into a set. Deleting keeps the others in order, with dict's
    # own deletion: Counter's runs in Python, some 50 times a text (6 % of the counting).
    for word in _NEVER_KEYWORDS.intersection(kept):
        _delete(kept, word)
    words = " ".join(kept)
    # A one-letter word left is not ASCII: most articles' words are, and are not measured.
    if not words.isascii() and min(map(len, kept)) < 2:
        kept = {w: n for w, n in kept.items() if len(w) > 1}
        words = " ".join(kept)
    counts = np.fromiter(kept.values(), dtype=np.int32, count=len(kept))
    return Terms(words, counts.tobytes())


def tfidf(terms: Sequence[Terms]) -> tuple[sp.csr_matrix, list[str]]:
    """TF-IDF of each article's keywords (one row per article, one column per keyword in
    sorted order), and the keywords.

    The same numbers, to the bit, as scikit-learn's `TfidfVectorizer(sublinear_tf=True,
    min_df=2, norm=None, dtype=np.float32)` followed by dropping the columns of words that
    are not keywords (tests/test_related.py compares them; a column's numbers depend only
    on its word's counts and the number of articles): tf = 1 + ln(count),
    idf = 1 + ln((1 + n) / (1 + df)), in float32 and in scikit-learn's order of operations;
    words in fewer than two articles are left out. Computed from counts, so cached counts
    serve, and without importing scikit-learn."""
    n = len(terms)
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new word gets the next id
    ids: list[int] = []
    for t in terms:
        ids.extend(map(vocabulary.__getitem__, t.words.split()))
    column = np.array(ids, dtype=np.int64)
    counts = np.frombuffer(b"".join(t.counts for t in terms), dtype=np.int32)
    lengths = [len(t.counts) // 4 for t in terms]
    df = np.bincount(column, minlength=len(vocabulary))
    words = list(vocabulary)  # in id order
    kept = sorted((words[i], i) for i in np.flatnonzero(df >= 2).tolist() if is_keyword(words[i]))
    new_column = np.full(len(words), -1, dtype=np.int64)
    new_column[[i for _, i in kept]] = np.arange(len(kept))
    column = new_column[column]
    used = column >= 0
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)[used]
    column = column[used]
    tf = counts[used].astype(np.float32)
    np.log(tf, out=tf)
    tf += 1.0
    doc_freq = df[[i for _, i in kept]].astype(np.float32)
    doc_freq += 1.0
    idf = np.full_like(doc_freq, fill_value=n + 1, dtype=np.float32)
    idf /= doc_freq
    np.log(idf, out=idf)
    idf += 1.0
    tf *= idf[column]
    matrix = sp.csr_matrix((tf, (rows, column)), shape=(n, len(kept)), dtype=np.float32)
    matrix.sum_duplicates()  # sorts each row's columns; there are no duplicates
    return matrix, [w for w, _ in kept]


@dataclass(frozen=True)
class Doc:
    """What scoring needs to know of one article."""

    slug: str
    path: str
    title: str
    #: Body text; unused when `terms` is given.
    text: str
    date: datetime
    category: str = ""
    tags: tuple[str, ...] = ()
    pins: tuple[str, ...] = ()
    #: False for drafts and hidden articles: they are never picked.
    candidate: bool = True
    #: count_terms(title, text), when already known (from the build cache).
    terms: Terms | None = None

    def counted(self) -> Terms:
        return self.terms or count_terms(self.title, self.text)


@dataclass(frozen=True)
class Weights:
    text: float = 0.65
    tags: float = 0.25
    category: float = 0.03
    time: float = 0.07
    half_life_days: float = 180.0

    @classmethod
    def from_mapping(cls, values: dict, half_life_days: float | None = None) -> Weights:
        unknown = set(values) - {"text", "tags", "category", "time"}
        if unknown:
            raise ValueError(f"unknown signal(s) {sorted(unknown)}: use text, tags, category, time")
        merged = {**cls().__dict__, **values}
        if half_life_days is not None:
            merged["half_life_days"] = half_life_days
        for name, value in merged.items():
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name} must be a number >= 0, not {value!r}")
        if merged["half_life_days"] <= 0:
            raise ValueError("the time half-life must be more than 0 days")
        return cls(**merged)


@dataclass(frozen=True)
class Pick:
    """One related article and why: each signal's weighted contribution to `score`."""

    slug: str
    score: float
    text: float = 0.0
    tags: float = 0.0
    category: float = 0.0
    time: float = 0.0
    pinned: bool = False


@dataclass(frozen=True)
class Explanation:
    slug: str
    #: Pins, then the best candidates.
    picks: list[Pick]
    #: How many of `picks` (from the first) the article's block shows.
    shown: int
    weights: Weights
    min_score: float


@dataclass(frozen=True)
class PinProblem:
    path: str
    slug: str
    message: str
    #: related-unknown (the same rule id plugins/checks uses), related-self, related-unlisted
    rule: str


@dataclass
class Result:
    #: path of every article given (drafts and hidden too) -> its picks, pins first.
    picks: dict[str, list[Pick]] = field(default_factory=dict)
    problems: list[PinProblem] = field(default_factory=list)


def _keep_top_per_row(m: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row; ties go to the smaller column index.

    A partition per long row is linear in its length, where sorting all entries at once
    (np.lexsort) took most of the time of a 10,000-article build."""
    m = m.tocsr()  # products and transposes of canonical matrices: no duplicate entries
    lengths = np.diff(m.indptr)
    long_rows = np.flatnonzero(lengths > k)
    if long_rows.size == 0:
        return m
    keep = np.ones(m.nnz, dtype=bool)
    for r in long_rows.tolist():
        start, end = m.indptr[r], m.indptr[r + 1]
        values = m.data[start:end]
        threshold = np.partition(values, values.size - k)[values.size - k]
        chosen = values > threshold
        tied = np.flatnonzero(values == threshold)
        tied = tied[np.argsort(m.indices[start + tied], kind="stable")]
        chosen[tied[: k - int(chosen.sum())]] = True
        keep[start:end] = chosen
    indptr = np.concatenate(([0], np.cumsum(np.minimum(lengths, k))))
    return sp.csr_matrix((m.data[keep], m.indices[keep], indptr), shape=m.shape)


def _normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms).dot(m), dtype=np.float32)


def _rowwise_dot(m: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(m[a].multiply(m[b]).sum(axis=1), dtype=np.float64).ravel()


class RelatedIndex:
    """Vectors and inverted index for one archive; `related` and `explain` query it."""

    def __init__(self, docs: Iterable[Doc], weights: Weights | None = None):
        self.weights = weights or Weights()
        self.docs: list[Doc] = sorted(docs, key=lambda d: (d.slug, d.path))
        n = len(self.docs)
        self.row = {}
        for i, doc in enumerate(self.docs):
            if doc.candidate:
                self.row.setdefault(doc.slug, i)
        self.is_candidate = np.array([d.candidate for d in self.docs], dtype=bool)
        days = [d.date.timestamp() / SECONDS_PER_DAY for d in self.docs]
        self.days = np.array(days, dtype=np.float64)
        categories = {c: i for i, c in enumerate(sorted({d.category for d in self.docs}))}
        self.category = np.array([categories[d.category] for d in self.docs], dtype=np.int64)
        self.text = self._text_vectors()
        self.tags = self._tag_vectors()
        self.has_tags = np.array([any(t.strip() for t in d.tags) for d in self.docs], dtype=bool)
        # One matrix for candidate search: its row dot products are the weighted sum of
        # the text and tag similarities.
        w = self.weights
        joint = sp.hstack(
            [self.text * math.sqrt(w.text), self.tags * math.sqrt(w.tags)], format="csr"
        )
        self.joint = joint
        listed = joint.multiply(self.is_candidate[:, None].astype(np.float32)).tocsr()
        listed.eliminate_zeros()
        # Transposed (feature x article) and cut to the POSTINGS strongest articles per
        # feature: the inverted index. Ties go to the earlier article in slug order.
        self.postings = _keep_top_per_row(listed.T.tocsr(), POSTINGS) if n else listed.T

    def _text_vectors(self) -> sp.csr_matrix:
        matrix, _ = tfidf([d.counted() for d in self.docs])
        return _normalise_rows(_keep_top_per_row(matrix, KEYWORDS))

    def _tag_vectors(self) -> sp.csr_matrix:
        n = len(self.docs)
        vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for i, doc in enumerate(self.docs):
            for tag in dict.fromkeys(t.strip().lower() for t in doc.tags if t.strip()):
                rows.append(i)
                cols.append(vocabulary.setdefault(tag, len(vocabulary)))
        binary = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(vocabulary))
        )
        df = np.asarray(binary.sum(axis=0)).ravel()
        idf = np.log((1.0 + n) / (1.0 + df)).astype(np.float32)
        return _normalise_rows(binary.dot(sp.diags(idf)).tocsr())

    # --- scoring ----------------------------------------------------------------------

    def _score(self, a: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
        w = self.weights
        closeness = np.exp2(-np.abs(self.days[a] - self.days[b]) / w.half_life_days)
        parts = {
            "text": w.text * _rowwise_dot(self.text, a, b),
            "tags": w.tags * _rowwise_dot(self.tags, a, b),
            "category": w.category * (self.category[a] == self.category[b]),
            "time": w.time * closeness,
        }
        parts["score"] = parts["text"] + parts["tags"] + parts["category"] + parts["time"]
        return parts

    def _candidates(self, rows: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """(query row, candidate row) pairs: the best `width` per query by text and tags."""
        found = self.joint[rows].dot(self.postings).tocsr()
        found.data[found.indices == np.repeat(rows, np.diff(found.indptr))] = 0  # itself
        found.eliminate_zeros()
        found = _keep_top_per_row(found, width)
        return np.repeat(rows, np.diff(found.indptr)), found.indices

    def ranked(
        self, rows: np.ndarray, limit: np.ndarray, min_score: float = 0.0
    ) -> dict[int, list[Pick]]:
        """The best `limit[j]` candidates of each `rows[j]`, best first, with every signal's
        contribution; only those scoring at least `min_score`."""
        a, b = self._candidates(rows, max(CANDIDATES, int(limit.max(initial=0))))
        out: dict[int, list[Pick]] = {int(r): [] for r in rows}
        if a.size == 0:
            return out
        parts = self._score(a, b)
        # Rows are in slug order, so b breaks the last ties by slug.
        order = np.lexsort((b, -self.days[b], -np.round(parts["score"], RANK_DECIMALS), a))
        order = order[parts["score"][order] >= self.threshold(min_score, a[order])]
        query = np.searchsorted(rows, a[order])  # rows is increasing
        rank = np.arange(order.size) - np.searchsorted(a[order], rows)[query]
        chosen = order[rank < limit[query]]
        # As Python numbers at once: indexing arrays one number at a time costs more.
        signals = [parts[s][chosen].tolist() for s in ("score", "text", "tags", "category", "time")]
        for i, j, score, text, tags, category, time in zip(
            a[chosen].tolist(), b[chosen].tolist(), *signals, strict=True
        ):
            pick = Pick(self.docs[j].slug, score, text, tags, category, time)
            out[i].append(pick)
        return out

    def threshold(self, min_score: float, rows: np.ndarray) -> np.ndarray:
        """`min_score` scaled to the signals an article can have: an untagged article shares
        no tags, so it is held to `min_score x (1 - tags weight / total weight)`."""
        w = self.weights
        total = w.text + w.tags + w.category + w.time
        untagged = 1.0 - (w.tags / total if total else 0.0)
        return np.where(self.has_tags[rows], min_score, min_score * untagged)

    def explain(self, slug: str, n: int = 10, k: int = 3, min_score: float = 0.0) -> Explanation:
        """One article's pins and top candidates, each signal's contribution, and which of
        them `related(k, min_score)` shows."""
        i = self._row_of(slug)
        computed = self.ranked(np.array([i]), np.array([n + len(self.docs[i].pins)]))[i]
        picks = self._with_pins(i, computed, max(n, k), [])
        pinned = sum(p.pinned for p in picks)
        threshold = float(self.threshold(min_score, np.array([i]))[0])
        above = [p for p in picks[pinned : max(pinned, k)] if p.score >= threshold]
        return Explanation(slug, picks, pinned + len(above), self.weights, threshold)

    def _row_of(self, slug: str) -> int:
        for i, doc in enumerate(self.docs):
            if doc.slug == slug:
                return i
        raise KeyError(slug)

    def _with_pins(
        self, i: int, computed: list[Pick], k: int, problems: list[PinProblem]
    ) -> list[Pick]:
        doc = self.docs[i]
        pinned: list[Pick] = []
        for slug in dict.fromkeys(doc.pins):
            problem = self._pin_problem(doc, slug)
            if problem:
                problems.append(PinProblem(doc.path, slug, *problem))
                continue
            found = [p for p in computed if p.slug == slug]
            pinned.append(replace(found[0], pinned=True) if found else Pick(slug, 0.0, pinned=True))
        taken = {p.slug for p in pinned}
        rest = [p for p in computed if p.slug not in taken]
        return pinned + rest[: max(0, k - len(pinned))]

    def _pin_problem(self, doc: Doc, slug: str) -> tuple[str, str] | None:
        """(message, rule) when a pin cannot be shown."""
        if slug == doc.slug:
            return f'"Related: {slug}" names the article itself: remove it', "related-self"
        if slug in self.row:
            return None
        if any(d.slug == slug for d in self.docs):
            return (
                f'"Related: {slug}" names a draft or hidden article, which readers cannot '
                "find: pin a published article or publish that one",
                "related-unlisted",
            )
        return (
            f'"Related: {slug}" names no article: use the Slug of a published article '
            "(its URL's last part), separated by commas",
            "related-unknown",
        )

    def related(
        self, k: int = 3, min_score: float = 0.0, map_blocks: Callable | None = None
    ) -> Result:
        """Top-k picks for every article, pins first, then computed picks scoring at least
        `min_score` (scaled down for untagged articles, see `threshold`).

        The articles are ranked in blocks of BLOCK, each on its own: `map_blocks(job,
        blocks)`, the built-in map by default, may rank them in other
        processes (plugins/related/glue.py: on the core the live preview leaves idle)."""
        starts = range(0, len(self.docs), BLOCK)
        blocks = [np.arange(start, min(start + BLOCK, len(self.docs))) for start in starts]
        job = partial(self._ranked_block, k=k, min_score=min_score)
        result = Result()
        for ranked in (map_blocks or map)(job, blocks):
            for i, computed in ranked.items():
                result.picks[self.docs[i].path] = self._with_pins(i, computed, k, result.problems)
        return result

    def _ranked_block(self, rows: np.ndarray, k: int, min_score: float) -> dict[int, list[Pick]]:
        limit = np.array([k + len(self.docs[i].pins) for i in rows])
        return self.ranked(rows, limit, min_score)


def related(
    docs: Sequence[Doc], k: int = 3, weights: Weights | None = None, min_score: float = 0.0
) -> Result:
    """Top-k related articles of every article in `docs` (see the module docstring)."""
    return RelatedIndex(docs, weights).related(k, min_score)


def format_explanation(explanation: Explanation) -> str:
    """A table of one article's candidates and each signal's weighted contribution."""
    e, w = explanation, explanation.weights
    lines = [
        f"Related stories for {e.slug!r}: weights text {w.text}, tags {w.tags}, category "
        f"{w.category}, time {w.time} (half-life {w.half_life_days:g} days); minimum score "
        f"{e.min_score:.3g}. 'pin' = pinned by a Related: line, '*' = shown on the page.",
        f"{'#':>3}      {'score':>6}  {'text':>6}  {'tags':>6}  {'categ':>6}  {'time':>6}  slug",
    ]
    for n, p in enumerate(e.picks, 1):
        mark = "pin" if p.pinned else "*" if n <= e.shown else ""
        lines.append(
            f"{n:>3}  {mark:<3}  {p.score:6.3f}  {p.text:6.3f}  {p.tags:6.3f}  "
            f"{p.category:6.3f}  {p.time:6.3f}  {p.slug}"
        )
    if not e.picks:
        lines.append("     (no other article shares a distinctive word or tag with it)")
    return "\n".join(lines)
