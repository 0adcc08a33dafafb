"""Make a bot by kind and level (the names used in ``--seats``)."""

from __future__ import annotations

from chessboard.ai.base import Bot
from chessboard.ai.heuristic import HeuristicBot
from chessboard.ai.random_bot import RandomBot
from chessboard.seats import BOT_KINDS, DEFAULT_BOT, DEFAULT_LEVEL, STRENGTHS


def bot_seed(seed: int, seat_index: int) -> int:
    """Each bot's generator derives from the game seed, so a seeded game replays exactly (the
    window and simulations seat the same bots for the same seed)."""
    return seed * 1009 + seat_index * 7919 + 17


def _mcts(level: str, seed: int, time_limit: float | None) -> Bot:
    from chessboard.ai.mcts import MCTSBot  # the search bot loads only when a seat asks for it

    # a style (aggressive) is the heuristic bot's; the search plays its normal budget
    budget = level if level in STRENGTHS else DEFAULT_LEVEL
    return MCTSBot.for_level(budget, seed=seed, time_limit=time_limit)


# One maker per kind of chessboard.seats.BOT_KINDS (the vocabulary of --seats and saves;
# tests/ai/test_bots.py checks the two agree): (level, seed, time limit) -> a bot.
MAKERS = {
    "random": lambda level, seed, time_limit: RandomBot(seed=seed),
    "heuristic": lambda level, seed, time_limit: HeuristicBot(seed=seed, level=level),
    "mcts": _mcts,
}


def make_bot(
    kind: str = DEFAULT_BOT, *, level: str = DEFAULT_LEVEL, seed: int = 0,
    time_limit: float | None = -1.0,
) -> Bot:
    """A fresh bot; ``seed`` makes its choices reproducible.

    ``time_limit`` caps a search bot's thinking per decision in seconds: -1 keeps the level's
    cap, None lifts it so the fixed iteration budget alone decides (exact replays on any
    machine, as ``chessboard simulate`` needs).
    """
    maker = MAKERS.get(kind)
    if maker is None:
        raise ValueError(f"unknown bot kind {kind!r} (kinds: {', '.join(BOT_KINDS)})")
    return maker(level, seed, time_limit)
