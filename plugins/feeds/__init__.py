"""Atom feed entries that credit every author of a co-written article."""

from .writer import register

__all__ = ["register"]
