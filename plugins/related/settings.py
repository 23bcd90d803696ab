"""Defaults of the related plugin's settings (each may be set in pelicanconf.py)."""

#: How many related stories each article shows (pins count towards it; all pins are shown
#: even when there are more than this).
RELATED_COUNT = 3

#: Weight of each signal in the score. Every signal is in [0, 1]:
#:   text      TF-IDF cosine similarity of title and body (stop-words removed)
#:   tags      cosine of the tags weighted by rarity (a tag on half the archive ~ 0)
#:   category  1 when both articles are in the same column
#:   time      1 on the same day, halving every RELATED_TIME_HALF_LIFE days apart
#: Only articles sharing a distinctive word or a tag are considered at all, so category and
#: time rank topical candidates; they never make an unrelated article related.
RELATED_WEIGHTS = {"text": 0.65, "tags": 0.25, "category": 0.03, "time": 0.07}

#: Days after which the time signal has halved.
RELATED_TIME_HALF_LIFE = 180

#: Computed picks scoring below this are left out (the block may then show fewer stories):
#: a weak pick wastes the reader's attention. An untagged article cannot earn the tags
#: share of the score, so its threshold is scaled down by that share (0.2 -> 0.15).
RELATED_MIN_SCORE = 0.2

#: Slugs whose candidates and per-signal contributions are printed during the build
#: (debugging aid; `invoke related-explain <slug>` does the same without building).
RELATED_EXPLAIN = []

DEFAULTS = {
    "RELATED_COUNT": RELATED_COUNT,
    "RELATED_WEIGHTS": RELATED_WEIGHTS,
    "RELATED_TIME_HALF_LIFE": RELATED_TIME_HALF_LIFE,
    "RELATED_MIN_SCORE": RELATED_MIN_SCORE,
    "RELATED_EXPLAIN": RELATED_EXPLAIN,
}
