"""Deploy with rsync (over SSH for `host:path`, or to a folder): plan with a dry run,
refuse unconfirmed deletions, then copy with a progress line per file.

`--delete` makes the target an exact mirror, which is what keeps withdrawn pages
from lingering online, and also what would wipe the site if the wrong folder were
sent; so the real run only deletes what the dry run showed and the user confirmed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from .summary import (
    DeployError,
    Plan,
    Progress,
    Summary,
    format_plan,
    local_files,
    require_confirmation,
)

#: Content is compared by checksum: every build rewrites every file, so times differ.
#: --delay-updates puts every new file in place at the end, and deletions wait until
#: then too, so readers never get a new page whose new stylesheet is not there yet.
BASE_FLAGS = [
    "--recursive",
    "--links",
    "--times",
    "--omit-dir-times",
    "--checksum",
    "--itemize-changes",
    "--delay-updates",
]


def rsync_command(source: Path, target: str, *, dry_run: bool, delete: bool) -> list[str]:
    cmd = ["rsync", *BASE_FLAGS]
    if delete:
        cmd += ["--delete", "--delete-after"]
    if dry_run:
        cmd.append("--dry-run")
    # The trailing slash copies the folder's contents, not the folder itself.
    return [*cmd, str(source).rstrip("/") + "/", target]


def parse_item(line: str) -> tuple[str, str] | None:
    """One `--itemize-changes` line -> ("upload" | "delete", path), or None.

    `<f+++++++++ a.html` (sent), `>f.c........ a.html` (local copy), `cL+++++++++ l -> x`
    (symlink made) are uploads; `*deleting   a.html` a deletion; attribute-only changes
    (`.f..t......`) and folders are neither.
    """
    line = line.rstrip("\n")
    if line.startswith("*deleting"):
        path = line[len("*deleting") :].strip()
        return None if path.endswith("/") else ("delete", path)
    if len(line) < 13 or line[11] != " ":
        return None
    code, path = line[:11], line[12:]
    if code[0] in "<>c" and code[1] in "fL":
        return ("upload", path.split(" -> ", 1)[0])
    return None


def parse_itemized(lines: Iterable[str], total_files: int) -> Plan:
    plan = Plan()
    for line in lines:
        item = parse_item(line)
        if item:
            (plan.upload if item[0] == "upload" else plan.delete).append(item[1])
    plan.unchanged = total_files - len(plan.upload)
    return plan


def _fail(cmd: list[str], code: int, stderr: str) -> DeployError:
    detail = "\n".join(stderr.strip().splitlines()[-5:])
    return DeployError(
        f"rsync stopped with exit status {code}:\n{detail}\n(command: {' '.join(cmd)})"
    )


def check() -> None:
    if shutil.which("rsync") is None:
        raise DeployError(
            "rsync is not installed: apt-get install rsync (or your system's package)"
        )


def deploy(
    source: Path, target: str, *, dry_run: bool, confirm: bool, out: TextIO | None = None
) -> Summary:
    out = out or sys.stdout
    check()
    started = time.monotonic()
    sizes = local_files(source)

    cmd = rsync_command(source, target, dry_run=True, delete=True)
    probe = subprocess.run(cmd, capture_output=True, text=True)
    if probe.returncode != 0:
        raise _fail(cmd, probe.returncode, probe.stderr)
    plan = parse_itemized(probe.stdout.splitlines(), len(sizes))
    out.write(format_plan(plan, sizes, target) + "\n")

    if dry_run:
        plan.show(out)
        return plan.summary(target, sizes, started, dry_run=True)
    require_confirmation(plan, target, confirm)

    # Without confirmation nothing is deleted even if the target changed since the plan.
    cmd = rsync_command(source, target, dry_run=False, delete=confirm)
    progress = Progress(len(plan.upload) + len(plan.delete), out)
    uploaded, deleted = [], []
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            item = parse_item(line)
            if item:
                progress.step("uploaded" if item[0] == "upload" else "deleted ", item[1])
                (uploaded if item[0] == "upload" else deleted).append(item[1])
        stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise _fail(cmd, proc.returncode, stderr)
    return Summary(
        target,
        len(uploaded),
        sum(sizes.get(p, 0) for p in uploaded),
        len(deleted),
        len(sizes) - len(uploaded),
        time.monotonic() - started,
    )
