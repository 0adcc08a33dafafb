"""The baseline: a uniformly random legal action."""

from __future__ import annotations

import random

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState


class RandomBot:
    name = "random"

    def __init__(self, *, seed: int = 0) -> None:
        self.rng = random.Random(seed)

    def choose(self, engine: Engine, view: GameState, legal: list[Action]) -> Action:
        return legal[self.rng.randrange(len(legal))]
