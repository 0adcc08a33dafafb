"""Class presets: a game that fits a 45-, 60- or 90-minute lesson, and how long a game takes.

A preset sets the number of rounds and the turn timer; the engine's ``new_game`` takes the
rounds (the rules fix the action rounds per round, four, and offer no override). The set-up
screen and ``play --preset`` show the estimate of :func:`estimate` for the seats chosen.

How the length is estimated (and measured)
------------------------------------------
A game is a sequence of decisions: ``rounds x action rounds x seats`` (every seat, even one
that passes, decides once per action round). ``chessboard simulate`` counts them in bot games:
``simulate --games 100 --seed 1`` (heuristic bots, default scenario, 4 seats, 8 rounds) reports
"8.00 rounds, 127.8 decisions on average" and one game in 100 ended early (open rivalry), so the
formula holds for planning; 7.7% of those decisions were passes (:data:`PASS_SHARE`; measured
on the rules of 30 November 2026, before that a quarter; ``tools/session_length.py`` measures
the same per preset). The time of one decision cannot be
simulated; it rests on the assumptions of docs/instructors-guide.md:

* a team's turn (three to five students: read the board, agree, the five or so clicks of a
  move) takes :data:`SECONDS_PER_TEAM_DECISION` seconds, a pass :data:`SECONDS_PER_PASS`;
  a turn timer caps both (see :func:`estimate`);
* a bot's turn costs the window's pause after a bot move (1.1 s) plus its thinking,
  :data:`SECONDS_PER_BOT_DECISION` in all;
* each round adds :data:`SECONDS_PER_ROUND` for the news, the round summary and a word from
  the instructor.

The presets have the rounds of the guide's session plans (3, 4 and 6: about 36, 48 and 72
minutes of play for four teams under these assumptions), leaving the rest of the lesson for
the introduction and the debrief; the class_45/60/90 scenarios of docs/classroom add
scheduled injects to the same lengths.
"""

from __future__ import annotations

from dataclasses import dataclass

SECONDS_PER_TEAM_DECISION = 40
SECONDS_PER_PASS = 10
PASS_SHARE = 0.08  # of all decisions, in bot games (see above)
SECONDS_PER_BOT_DECISION = 1.5
SECONDS_PER_ROUND = 120


@dataclass(frozen=True, slots=True)
class Preset:
    """A lesson length and the game settings that fit it."""

    id: str
    lesson_minutes: int
    rounds: int
    timer: int  # seconds per team turn
    note: str


PRESETS: tuple[Preset, ...] = (
    Preset("45min", 45, 3, 45, "three rounds: the division of labour and its risk"),
    Preset("60min", 60, 4, 60, "four rounds: economics, the EAEU and the states' agency"),
    Preset("90min", 90, 6, 75, "six rounds: will the balance hold?"),
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


def basis_text() -> str:
    """How an estimate is made, in a line: the set-up screen shows it under the estimate."""
    return (f"Assumes {SECONDS_PER_TEAM_DECISION} s a team turn, {SECONDS_PER_PASS} s a "
            f"pass, {SECONDS_PER_ROUND // 60} min a round; turns counted in bot games.")


def estimate(*, rounds: int, action_rounds: int, humans: int, bots: int,
             timer: int | None = None, grace: int = 0) -> Estimate:
    """The length of a game from its decisions and the assumptions in this module's docstring.

    With a timer a team's turn lasts at most ``timer + grace`` seconds (the grace is the
    warning before the automatic pass), and typically the shorter of that and the assumed
    time of a team's decision.
    """
    per_round = action_rounds * (humans + bots)
    cap = None if timer is None else timer + grace
    move, pass_ = SECONDS_PER_TEAM_DECISION, SECONDS_PER_PASS
    if cap is not None:
        move, pass_ = min(move, cap), min(pass_, cap)
    team_turn = (1 - PASS_SHARE) * move + PASS_SHARE * pass_
    round_overhead = SECONDS_PER_ROUND + action_rounds * bots * SECONDS_PER_BOT_DECISION

    def minutes(per_team_turn: float) -> int:
        seconds = rounds * (action_rounds * humans * per_team_turn + round_overhead)
        return max(1, round(seconds / 60))

    return Estimate(
        decisions=rounds * per_round,
        team_decisions=rounds * action_rounds * humans,
        minutes=minutes(team_turn),
        most_minutes=minutes(cap) if cap is not None and humans else None,
    )
