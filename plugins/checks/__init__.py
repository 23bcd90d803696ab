"""Editorial checks: read every article as a copy desk would, before anything is published."""

from .glue import register

__all__ = ["register"]
