"""Check that the rules quote the paper word for word.

The paper is plain text extracted from a PDF: words break across lines with a hyphen and
spacing is irregular. Both the paper and a quote are normalised the same way before comparing:
a hyphen at a line end joins the two halves, and every run of white space becomes one space.
The project ships quotes only; the paper itself lives outside the repository:
``chessboard validate --paper FILE`` checks every quote of the rules against it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from chessboard.rules.diagnostics import Diagnostic
    from chessboard.rules.yamlio import LoadedYaml

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


def quote_diagnostics(models: Mapping[str, BaseModel], loaded: Mapping[str, LoadedYaml],
                      paper: str) -> list[Diagnostic]:
    """An error at every ``source.quote`` of the rules that the paper does not contain."""
    from chessboard.rules.crossref import walk
    from chessboard.rules.models import SourceRef

    body = normalise(paper)
    out = []
    for rel, model in models.items():
        doc = loaded.get(rel)
        for path, value in walk(model):
            if isinstance(value, SourceRef) and normalise(value.quote) not in body \
                    and doc is not None:
                out.append(doc.diagnostic(
                    (*path, "quote"), "this quote is not in the paper word for word",
                    hint=_nearest_hint(value.quote, body)))
    return out


def _nearest_hint(quote: str, body: str) -> str:
    """Where the quote starts to differ, so a designer finds the typo quickly."""
    words = normalise(quote).split(" ")
    # the longest leading run of words that the paper does contain
    low, high = 0, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        if " ".join(words[:mid]) in body:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "not even its first word matches: is it from this paper?"
    return (f"the paper has the first {low} word{'s' if low != 1 else ''} "
            f"('{' '.join(words[:low])[-60:]}') but not what follows: "
            f"'{' '.join(words[low:low + 6])}'")
