"""Make a bot by kind and level (the names used in ``--seats``)."""

from __future__ import annotations

from chessboard.ai.base import Bot
from chessboard.ai.random_bot import RandomBot


def make_bot(kind: str = "heuristic", *, level: str = "normal", seed: int = 0) -> Bot:
    """A fresh bot; ``seed`` makes its choices reproducible."""
    if kind == "random":
        return RandomBot(seed=seed)
    # Until the heuristic and search bots exist every kind plays randomly.
    return RandomBot(seed=seed)
