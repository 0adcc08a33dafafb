"""Words the screens share, without pygame: tooltip lines and the "what if" label.

The board's presenter (:mod:`chessboard.ui.boardmodel`) builds its tooltips from these and is
tested headless; the widgets render them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules

# News after the paper's time (late-era events) are labelled so that players never take a
# projected trend for a reported fact.
WHAT_IF_LABEL = "WHAT IF"
WHAT_IF_NOTE = "What if: a trend the paper projects, not an event it reports."


def what_if_note(rules: Rules) -> str:
    """The what-if note with the paper's date from the rules' sources, when they give one."""
    written = rules.sources.written
    return f"{WHAT_IF_NOTE} The paper was written in {written}." if written else WHAT_IF_NOTE


@dataclass(frozen=True, slots=True)
class TipLine:
    text: str
    style: str = "body"  # title, body, dim, quote, good, bad, warn, head
