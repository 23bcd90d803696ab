"""Related stories: each article's top-K related articles, pins first, explainable."""

from .glue import register

__all__ = ["register"]
