"""Publisher policies (footer links, publisher JSON-LD) and article backstories."""

from .glue import register

__all__ = ["register"]
