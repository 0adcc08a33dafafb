"""Make a bot by kind and level (the names used in ``--seats``)."""

from __future__ import annotations

from chessboard.ai.base import Bot
from chessboard.ai.heuristic import HeuristicBot
from chessboard.ai.random_bot import RandomBot
from chessboard.seats import BOT_KINDS

# One vocabulary for --seats, saves and this factory: a kind added here only is refused there.
KINDS = BOT_KINDS


def make_bot(
    kind: str = "heuristic", *, level: str = "normal", seed: int = 0,
    time_limit: float | None = -1.0,
) -> Bot:
    """A fresh bot; ``seed`` makes its choices reproducible.

    ``time_limit`` caps a search bot's thinking per decision in seconds: -1 keeps the level's
    cap, None lifts it so the fixed iteration budget alone decides (exact replays on any
    machine, as ``chessboard simulate`` needs).
    """
    if kind == "random":
        return RandomBot(seed=seed)
    if kind == "heuristic":
        return HeuristicBot(seed=seed, level=level)
    if kind == "mcts":
        from chessboard.ai.mcts import MCTSBot

        # a style (aggressive) is the heuristic bot's; the search plays its normal budget
        budget = level if level in ("easy", "normal", "hard") else "normal"
        return MCTSBot.for_level(budget, seed=seed, time_limit=time_limit)
    raise ValueError(f"unknown bot kind {kind!r} (kinds: {', '.join(KINDS)})")
