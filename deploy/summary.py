"""What a deploy changes and how it reports it: plans, progress lines, the summary line.

Every target (rsync, GitHub Pages, S3) reduces to the same plan (files to upload,
files to delete, files unchanged) so authors read the same words whatever the host.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


class DeployError(Exception):
    """A reason the deploy stopped, worded for the person running it."""


@dataclass
class Plan:
    upload: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    unchanged: int = 0

    def upload_bytes(self, sizes: dict[str, int]) -> int:
        return sum(sizes.get(path, 0) for path in self.upload)

    def summary(
        self, target: str, sizes: dict[str, int], started: float, dry_run: bool = False
    ) -> Summary:
        """What this plan did (or, dry, would do), timed from `started` (time.monotonic())."""
        return Summary(
            target,
            len(self.upload),
            self.upload_bytes(sizes),
            len(self.delete),
            self.unchanged,
            time.monotonic() - started,
            dry_run=dry_run,
        )

    def show(self, out: TextIO) -> None:
        """The dry run's listing: what would be uploaded and deleted."""
        out.write(format_list("Would upload", self.upload) + "\n")
        out.write(format_list("Would delete", self.delete) + "\n")


@dataclass(frozen=True)
class Summary:
    target: str
    uploaded: int
    bytes: int
    deleted: int
    unchanged: int
    seconds: float
    dry_run: bool = False


def local_files(root: Path) -> dict[str, int]:
    """Every file under `root` (relative POSIX path -> size), as a deploy sends it."""
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(root).as_posix()] = path.stat().st_size
    return dict(sorted(files.items()))


def human_bytes(count: int) -> str:
    """Sizes as people read them (SI units, one decimal)."""
    value = float(count)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{count} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def format_plan(plan: Plan, sizes: dict[str, int], target: str) -> str:
    return (
        f"{target}: {_files(len(plan.upload))} to upload "
        f"({human_bytes(plan.upload_bytes(sizes))}), {len(plan.delete)} to delete, "
        f"{plan.unchanged} unchanged."
    )


def format_summary(summary: Summary) -> str:
    """The one line a deploy ends with."""
    if summary.dry_run:
        return (
            f"Dry run, nothing changed: {_files(summary.uploaded)} would be uploaded "
            f"({human_bytes(summary.bytes)}) to {summary.target}, {summary.deleted} deleted, "
            f"{summary.unchanged} unchanged ({summary.seconds:.1f} s)."
        )
    return (
        f"Published to {summary.target}: {_files(summary.uploaded)} uploaded "
        f"({human_bytes(summary.bytes)}), {summary.deleted} deleted, "
        f"{summary.unchanged} unchanged, in {summary.seconds:.1f} s."
    )


def format_list(title: str, paths: Iterable[str], limit: int = 50) -> str:
    paths = list(paths)
    lines = [f"{title} ({len(paths)}):"]
    lines += [f"  {path}" for path in paths[:limit]]
    if len(paths) > limit:
        lines.append(f"  ... and {len(paths) - limit} more")
    return "\n".join(lines)


def require_confirmation(plan: Plan, target: str, confirm: bool) -> None:
    """Deleting from the live site needs a second, deliberate command."""
    if plan.delete and not confirm:
        raise DeployError(
            f"{format_list('Files on the target that are not in the new build', plan.delete, 20)}"
            f"\nRefusing to delete {_files(len(plan.delete))} on {target} without confirmation. "
            "Check the list above (`invoke publish --dry-run` shows the whole plan), then run "
            "`invoke publish --confirm`."
        )


class Progress:
    """`[ 3/12] upload path` lines, so a long deploy shows it is moving."""

    def __init__(self, total: int, out: TextIO | None = None):
        self.total = total
        self.done = 0
        self.out = out or sys.stdout
        self.width = len(str(total))

    def step(self, action: str, path: str) -> None:
        self.done += 1
        self.out.write(f"[{self.done:>{self.width}}/{self.total}] {action} {path}\n")
        self.out.flush()
