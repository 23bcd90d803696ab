"""Publish builds write into a fresh folder that replaces the output only on success."""

from .glue import register

__all__ = ["register"]
