"""Every position of a game, for the history viewer: replayed with the engine (no pygame).

The states are rebuilt from the game's set-up and its action list, exactly as a save is
replayed, never kept from the live game; each shares its unchanged parts with the one before
it, so a whole game costs little memory. The viewer reads them, never the live session.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from chessboard.engine.state import unroll

if TYPE_CHECKING:
    from chessboard.engine.actions import Action
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState
    from chessboard.ui.session import GameSession


class Timeline:
    """States ``0..moves``: state ``k`` is the game after its first ``k`` recorded actions."""

    def __init__(self, engine: Engine, start: GameState, actions: list[Action]) -> None:
        self.engine = engine
        self.actions = actions
        self.states = [start]
        for action in actions:
            self.states.append(engine.replay(self.states[-1], action).state)
        # the first move of every round, for stepping a round at a time
        self.round_starts: list[int] = []
        seen = -1
        for k, st in enumerate(self.states):
            if st.round != seen:
                self.round_starts.append(k)
                seen = st.round

    @classmethod
    def of(cls, session: GameSession) -> Timeline:
        """The session's game so far, from the set-up it was started with."""
        st = session.state
        engine = session.engine
        start = engine.new_game(scenario=st.scenario,
                                seats=list(engine.seated(st)),
                                seed=st.seed, rounds=session.setup_rounds)
        return cls(engine, start, unroll(st.actions))

    @property
    def moves(self) -> int:
        return len(self.actions)

    def state(self, k: int) -> GameState:
        return self.states[self.clamp(k)]

    def clamp(self, k: int) -> int:
        return max(0, min(self.moves, k))

    def next_round(self, k: int) -> int:
        """The first move of the round after the one ``k`` is in (or the end)."""
        later = [s for s in self.round_starts if s > k]
        return later[0] if later else self.moves

    def previous_round(self, k: int) -> int:
        """The start of ``k``'s round, or of the round before when ``k`` is its start."""
        at = bisect_right(self.round_starts, k) - 1
        start = self.round_starts[max(0, at)]
        if start == k and at > 0:
            return self.round_starts[at - 1]
        return start
