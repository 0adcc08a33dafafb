"""Positions from random games, for tests that check an engine answer at many decisions."""

from __future__ import annotations

import random

from chessboard.engine.game import Engine
from chessboard.engine.state import GameState


def positions(engine: Engine, games: int, seed: int) -> list[GameState]:
    """Every decision of ``games`` random games (seeds ``seed``, ``seed + 1``...)."""
    chooser = random.Random(seed)
    out = []
    for g in range(games):
        st = engine.new_game(seed=seed + g)
        while not st.over:
            out.append(st)
            legal = engine.legal_actions(st)
            st = engine.apply_unchecked(st, legal[chooser.randrange(len(legal))]).state
    return out
