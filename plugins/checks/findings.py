"""What a check reports, and how it is printed.

One format everywhere (`invoke check`, development builds, the publish refusal):
`path:line: error|warning: message [rule-id]`, the shape compilers use, so editors
and their tools can jump to the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from byline.glue import display_path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    rule: str
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self, cwd: Path | None = None) -> str:
        where = f"{display_path(self.path, cwd)}:{self.line}"
        return f"{where}: {self.severity}: {self.message} [{self.rule}]"


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """File by file, top to bottom: the order an editor fixes them in, and the same every run."""
    return sorted(set(findings), key=lambda f: (str(f.path), f.line, f.rule, f.message))


def summary(findings: Iterable[Finding], files: int) -> str:
    findings = list(findings)
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    checked = f"{files} file{'' if files == 1 else 's'} checked"
    if not findings:
        return f"No problems found ({checked})."
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} ({checked})."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
