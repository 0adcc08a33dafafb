"""Play whole games headless: one game from seats and a seed, or many for statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from chessboard.ai import make_bot
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.seats import Seat


@dataclass(slots=True)
class GameRecord:
    seed: int
    winner: str | None
    reason: str
    rounds: int
    vp: dict[str, int]
    actions: list[str] = field(default_factory=list)
    tension_causes: list[int] = field(default_factory=list)
    history: list[list[int]] = field(default_factory=list)


def bot_seed(seed: int, seat_index: int) -> int:
    """Each bot's generator derives from the game seed, so a seeded game replays exactly."""
    return seed * 1009 + seat_index * 7919 + 17


def play_game(
    engine: Engine, seats: list[Seat], *, seed: int, scenario: str | None = None,
    rounds: int | None = None,
) -> GameState:
    """Play a game where every seat is a bot (human seats are played by the default bot)."""
    state = engine.new_game(scenario=scenario, seats=[s.faction for s in seats], seed=seed,
                            rounds=rounds)
    bots = {}
    for index, faction in enumerate(engine.t.faction_ids[f] for f in state.seats):
        seat = next((s for s in seats if s.faction == faction), None)
        kind = seat.bot if seat is not None and not seat.human else "heuristic"
        level = seat.level if seat is not None else "normal"
        bots[faction] = make_bot(kind, level=level, seed=bot_seed(seed, index))
    while not state.over:
        faction = engine.current_faction(state)
        assert faction is not None
        legal = engine.legal_actions(state)
        action = bots[faction].choose(engine, engine.view(state, faction), legal)
        state = engine.apply(state, action).state
    return state


def record(engine: Engine, state: GameState) -> GameRecord:
    from chessboard.engine.state import unroll

    result = engine.result(state)
    assert result is not None
    return GameRecord(
        seed=state.seed, winner=result.winner, reason=result.reason, rounds=state.round,
        vp=result.vp, actions=[str(a) for a in unroll(state.actions)],
        tension_causes=list(state.tension_causes), history=[list(h) for h in state.history],
    )
