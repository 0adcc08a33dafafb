"""Helpers shared by the validator and loader tests."""

from __future__ import annotations

from pathlib import Path


def append(root: Path, rel: str, text: str) -> int:
    """Append YAML text to a rules file; return the line number the text starts on."""
    path = root / rel
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1
