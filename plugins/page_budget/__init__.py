"""Page budgets: every article page within its weight, and nothing from other hosts."""

from .glue import register

__all__ = ["register"]
