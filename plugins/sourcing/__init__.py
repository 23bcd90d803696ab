"""Sourcing: a block quote and its attribution line become one figure with a caption."""

from .glue import register

__all__ = ["register"]
