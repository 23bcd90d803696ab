"""Escape plain-text metadata before Markdown and typogrify turn it into HTML."""

from .reader import register

__all__ = ["register"]
