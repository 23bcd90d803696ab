from .glue import register

__all__ = ["register"]
