"""Class presets: a game that fits a 45-, 60- or 90-minute lesson, and how long a game takes.

A preset sets the number of rounds and the turn timer; the engine's ``new_game`` takes the
rounds (the rules fix the action rounds per round, four, and offer no override). The set-up
screen and ``play --preset`` show the estimate of :func:`estimate` for the seats chosen.

How the length is estimated (and measured)
------------------------------------------
A game is a sequence of decisions: ``rounds x action rounds x seats`` (every seat, even one
that passes, decides once per action round). ``chessboard simulate`` counts them in bot games:
``simulate --games 100 --seed 1`` (heuristic bots, default scenario, 4 seats, 8 rounds) reports
"8.00 rounds, 128.0 decisions on average" and no game ended early through open rivalry, so the
formula holds for planning (23% of those decisions were passes, which take a team less time).
The time of one decision cannot be simulated; it rests on stated assumptions:

* a team (three to five students around one device) takes about
  :data:`SECONDS_PER_TEAM_DECISION` seconds per turn: read the board, agree, make the
  five clicks of a move and end the turn. A turn timer caps it (see :func:`estimate`);
* a bot's turn costs the window's pause after a bot move (1.1 s) plus its thinking,
  :data:`SECONDS_PER_BOT_DECISION` in all;
* each round adds :data:`SECONDS_PER_ROUND` for the news, the round summary and the
  instructor's comments between rounds.

The presets leave about 10 minutes for the briefing and 10 to 15 for the debrief of the lesson.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SECONDS_PER_TEAM_DECISION = 40
SECONDS_PER_BOT_DECISION = 1.5
SECONDS_PER_ROUND = 90
BRIEFING_AND_DEBRIEF = 22  # minutes of a lesson that are not play


@dataclass(frozen=True, slots=True)
class Preset:
    """A lesson length and the game settings that fit it."""

    id: str
    lesson_minutes: int
    rounds: int
    timer: int  # seconds per team turn
    note: str


PRESETS: tuple[Preset, ...] = (
    Preset("45min", 45, 2, 45, "two rounds: a first taste, with a brisk timer"),
    Preset("60min", 60, 3, 60, "three rounds: enough for alliances and a crisis"),
    Preset("90min", 90, 5, 75, "five rounds: the long game, tension can build up"),
)


def preset(preset_id: str) -> Preset:
    """The preset named ``preset_id``; ValueError listing the known ones otherwise."""
    for p in PRESETS:
        if p.id == preset_id:
            return p
    known = ", ".join(p.id for p in PRESETS)
    raise ValueError(f"unknown preset {preset_id!r} (known: {known})")


@dataclass(frozen=True, slots=True)
class Estimate:
    """How long a game should take, in minutes of play (briefing and debrief not included)."""

    decisions: int  # all seats' turns
    team_decisions: int  # turns of human seats
    minutes: int  # typical
    most_minutes: int | None  # with a timer: every team uses its whole time (None: no bound)

    def text(self) -> str:
        """The set-up screen's words: "about 38 min of play (at most 52 with the timer)"."""
        most = f" (at most {self.most_minutes} with the timer)" if self.most_minutes else ""
        return f"about {self.minutes} min of play{most}, {self.team_decisions} team turns"


def estimate(*, rounds: int, action_rounds: int, humans: int, bots: int,
             timer: int | None = None, grace: int = 0) -> Estimate:
    """The length of a game from its decisions and the assumptions in this module's docstring.

    With a timer a team's turn lasts at most ``timer + grace`` seconds (the grace is the
    warning before the automatic pass), and typically the shorter of that and the assumed
    time of a team's decision.
    """
    per_round = action_rounds * (humans + bots)
    team_turn = SECONDS_PER_TEAM_DECISION if timer is None else min(SECONDS_PER_TEAM_DECISION,
                                                                       timer + grace)
    round_overhead = SECONDS_PER_ROUND + action_rounds * bots * SECONDS_PER_BOT_DECISION

    def minutes(per_team_turn: float) -> int:
        seconds = rounds * (action_rounds * humans * per_team_turn + round_overhead)
        return max(1, math.ceil(seconds / 60))

    return Estimate(
        decisions=rounds * per_round,
        team_decisions=rounds * action_rounds * humans,
        minutes=minutes(team_turn),
        most_minutes=minutes(timer + grace) if timer is not None and humans else None,
    )
