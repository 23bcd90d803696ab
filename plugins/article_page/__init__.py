"""The article page: label, reading time, corrections, share links, head metadata."""

from .glue import register

__all__ = ["register"]
