"""Helpers for authors' commands (`invoke new`), kept out of tasks.py so they can be tested."""
