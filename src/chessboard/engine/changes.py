"""Where two flat lists of the state differ, found cheaply when the caller can guess where.

The bots score every legal action by its preview, and what they recompute follows what the
preview changed: which influence cells moved since the position they prepared. Comparing two
lists element by element costs as much as the rest of a preview's scoring; comparing them
whole is one C call. So a caller that guesses where they differ (for a bot: where the same
action's preview changed them last time) has the guess *checked*, by one whole comparison,
rather than trusted: a wrong guess costs time, never the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import ne


def changed_indexes(now: list[int], before: list[int],
                    guess: Sequence[int] | None = None) -> list[int]:
    """The indexes where ``now`` differs from ``before`` (lists of one length), in order.

    ``guess``: the indexes that may differ, in order. ``before`` is changed while the guess
    is checked and restored before returning: pass a list nobody else reads meanwhile (a
    private copy of the prepared position).
    """
    if guess is not None and len(guess) == 1:  # the usual case, without the loops below
        i = guess[0]
        old = before[i]
        before[i] = now[i]
        same = now == before
        before[i] = old
        if same:
            return [i] if now[i] != old else []
    elif guess is not None:
        saved = [before[i] for i in guess]
        for i in guess:
            before[i] = now[i]
        same = now == before
        for i, value in zip(guess, saved, strict=True):
            before[i] = value
        if same:
            return [i for i in guess if now[i] != before[i]]
    return list(compress(range(len(now)), map(ne, now, before)))
