"""Words the screens share, without pygame: tooltip lines and the "what if" label.

The board's presenter (:mod:`chessboard.ui.boardmodel`) builds its tooltips from these and is
tested headless; the widgets render them.
"""

from __future__ import annotations

from dataclasses import dataclass

# News after the paper's time (late-era events) are labelled so that players never take a
# projected trend for a reported fact.
WHAT_IF_LABEL = "WHAT IF"
WHAT_IF_NOTE = ("What if: a trend the paper projects, not an event it reports. The paper was "
                "written in 2019-2020.")


@dataclass(frozen=True, slots=True)
class TipLine:
    text: str
    style: str = "body"  # title, body, dim, quote, good, bad, warn, head
