"""What every bot offers: choose an action from its own seat's view.

A bot never receives the full state: the caller passes ``engine.view(state, faction)``, which
blanks other hands, the deck order and the RNG. Each bot owns a seeded generator, so a seeded
game with bots replays exactly.
"""

from __future__ import annotations

from typing import Protocol

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState


class Bot(Protocol):
    name: str

    def choose(self, engine: Engine, view: GameState, legal: list[Action]) -> Action:
        """Pick one of ``legal`` (the acting seat's legal actions) given the seat's view."""
        ...
