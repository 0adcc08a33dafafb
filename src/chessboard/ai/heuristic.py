"""The heuristic bot: one-ply greedy over the legal actions, scored by the faction's weights.

Each legal action is previewed on the bot's own view (its own effects only, no following
phases) and the resulting position is scored by :class:`~chessboard.ai.features.Evaluator`
with the faction's ``bot_weights`` from ``rules/game.yaml``. Cheap enough for thousands of
games: one preview and one evaluation per legal action.
"""

from __future__ import annotations

import random

from chessboard.ai.features import Evaluator
from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.seats import STRENGTHS

# Strengths only change how much random noise blurs the scores (easy, normal, hard).
NOISE = dict(zip(STRENGTHS, (1.0, 0.0, 0.0), strict=True))


class HeuristicBot:
    name = "heuristic"

    def __init__(self, *, seed: int = 0, level: str = "normal") -> None:
        self.rng = random.Random(seed)
        self.extra_noise = NOISE.get(level, 0.0)
        self.style = level  # a style named in the faction's `bot_styles`, if any
        self._evaluators: dict[tuple[int, int], Evaluator] = {}

    def evaluator(self, engine: Engine, faction: int) -> Evaluator:
        key = (id(engine.rules), faction)
        found = self._evaluators.get(key)
        if found is None:
            model = engine.rules.game.factions[faction]
            style = model.bot_styles.get(self.style)
            weights = {**model.bot_weights, **style} if style is not None else None
            found = self._evaluators[key] = Evaluator(engine, faction, weights)
        return found

    def scores(self, engine: Engine, view: GameState, legal: list[Action]) -> list[float]:
        """The score of every legal action, without noise (for tests and the search bot)."""
        ev = self.evaluator(engine, engine.current(view))
        ev.prepare(view)  # the control map and power terms once, then each preview's changes
        return [ev.preview_value(view, a) for a in legal]

    def choose(self, engine: Engine, view: GameState, legal: list[Action]) -> Action:
        if len(legal) == 1:
            return legal[0]
        ev = self.evaluator(engine, engine.current(view))
        noise = ev.w["noise"] + self.extra_noise
        rand = self.rng.random
        ev.prepare(view)  # the control map and power terms once, then each preview's changes
        best, best_score = legal[0], float("-inf")
        for action in legal:
            score = ev.preview_value(view, action) + noise * rand()
            if score > best_score:
                best, best_score = action, score
        return best
