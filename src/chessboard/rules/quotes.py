"""Check that the rules quote the paper word for word.

The paper is plain text extracted from a PDF: words break across lines with a hyphen and
spacing is irregular. Both the paper and a quote are normalised the same way before comparing:
a hyphen at a line end joins the two halves, and every run of white space becomes one space.
The project ships quotes only; the paper itself lives outside the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

_BROKEN_WORD = re.compile(r"-[ \t]*\n[ \t]*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})

DEFAULT_PAPER = (
    Path(__file__).resolve().parents[3].parent
    / "shared" / "source" / "strategic-alert-sino-russian-central-asia.txt"
)


def normalise(text: str) -> str:
    text = _BROKEN_WORD.sub("", text)
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def missing_quotes(paper: str, quotes: list[str]) -> list[str]:
    """The quotes that do not appear in the paper after normalising both."""
    body = normalise(paper)
    return [q for q in quotes if normalise(q) not in body]
