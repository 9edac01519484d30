"""The repository's own text: what no review should have to catch by eye."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A merge's conflict markers; Markdown renders "=======" as a heading rule, so a build passes.
_MARKER = re.compile(r"^(<{7}|>{7}|={7})( |$)", re.MULTILINE)


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "-z"],  # noqa: S607  # git from PATH, as every developer runs it
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    return [ROOT / name.decode() for name in names if name]


def test_no_tracked_file_holds_a_merge_conflict_marker() -> None:
    """No tracked file keeps the <<<<<<<, ======= or >>>>>>> lines of an unresolved merge."""
    marked = []
    for path in _tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue  # binary files, and files deleted in the work tree
        marked += [f"{path.relative_to(ROOT)}:{m.group(0)}" for m in _MARKER.finditer(text)]

    assert [] == marked
