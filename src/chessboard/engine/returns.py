"""Returns and game facts for research agents: utility at the end, VP deltas on the way.

**Utility** (:func:`utility`) is rank-based. The seats are ordered by the engine's ranking
(most VP first, ties broken by the rules' ``tiebreak``), and the factions that lost outright
(the escalation end: open rivalry makes Russia and China lose) come last, sharing the last
place. With ``n`` seats, place ``i`` (0 = the winner) is worth ``1 - 2 i / (n - 1)``: the
winner gets +1, the last place -1, the others evenly spaced between. It is not zero-sum when
several factions share the last place.

**Rewards per step** (:func:`vp_deltas`) are each seat's change of VP between two states,
whatever caused it (the action itself and the phases it triggered: scoring, reactions, news).
Summed over a game they give each seat's final VP (every game starts at 0 VP).

**Game facts** (:func:`game_info`): number of players, the longest possible game in
decisions, and that the game has imperfect information (hands, deck order) and chance
(deck shuffles, news).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chessboard.engine.encoding import encoding_for

if TYPE_CHECKING:
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState

MIN_UTILITY = -1.0
MAX_UTILITY = 1.0


@dataclass(frozen=True, slots=True)
class GameInfo:
    """Facts about one configured game (seats, scenario, rounds), as OpenSpiel lists them."""

    num_players: int
    players: tuple[str, ...]  # the seated factions, in seat order
    max_game_length: int  # most decisions a game can take (every seat acts once per turn)
    num_distinct_actions: int  # size of the stable action id space
    min_utility: float
    max_utility: float
    imperfect_information: bool  # other hands and the deck order are hidden
    stochastic: bool  # shuffles and news draws come from the state's RNG
    zero_sum: bool


def game_info(engine: Engine, state: GameState) -> GameInfo:
    """The facts of the game that ``state`` (a new game, or any state of it) belongs to."""
    seats = tuple(engine.rules.game.factions[f].id for f in state.seats)
    per_round = engine.rules.game.settings.action_rounds * len(seats)
    return GameInfo(
        num_players=len(seats),
        players=seats,
        max_game_length=state.rounds * per_round,
        num_distinct_actions=encoding_for(engine.rules).size,
        min_utility=MIN_UTILITY,
        max_utility=MAX_UTILITY,
        imperfect_information=True,
        stochastic=True,
        zero_sum=False,
    )


def utility(engine: Engine, state: GameState) -> dict[str, float]:
    """Each seat's rank-based utility of a finished game (see the module text); ValueError
    while the game goes on."""
    result = engine.result(state)
    if result is None:
        raise ValueError("the game is not over: utilities exist only at the end")
    places = [*result.ranking, *result.losers]
    n = len(places)
    if n <= 1:
        return dict.fromkeys(places, 0.0)
    last = n - 1
    out = {fid: 1.0 - 2.0 * i / last for i, fid in enumerate(result.ranking)}
    out.update(dict.fromkeys(result.losers, MIN_UTILITY))
    return out


def vp_deltas(engine: Engine, before: GameState, after: GameState) -> dict[str, int]:
    """Each seat's VP gained (or lost) from ``before`` to ``after``."""
    factions = engine.rules.game.factions
    return {factions[f].id: after.vp[f] - before.vp[f] for f in after.seats}


def vp(engine: Engine, state: GameState) -> dict[str, int]:
    """Each seat's VP now."""
    factions = engine.rules.game.factions
    return {factions[f].id: state.vp[f] for f in state.seats}
