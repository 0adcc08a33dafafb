"""Play whole games headless: one game from seats and a seed, and what a simulation keeps of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from chessboard.ai import bot_seed, make_bot
from chessboard.ai.base import Bot
from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.seats import Seat
from chessboard.sim.cardstats import CardTally


@dataclass(slots=True)
class Snapshot:
    """The board summarised: what the fidelity checks and the charts compare over time."""

    tracks: dict[str, int]
    agency: int  # summed over the five states
    influence: dict[str, dict[str, int]]  # power -> sphere -> total over the countries
    control: dict[str, dict[str, int]]  # power -> sphere -> country-spheres controlled
    members: dict[str, int]  # organisation -> member countries


@dataclass(slots=True)
class GameRecord:
    index: int
    seed: int
    seats: dict[str, str]  # faction -> "kind:level" of the bot that played it
    winner: str | None
    reason: str
    rounds: int  # rounds played (fewer than scheduled when the game ended early)
    decisions: int
    vp: dict[str, int]
    ranking: list[str]
    losers: list[str]
    choices: dict[str, int]  # "act:place", "card:greater_eurasia", "pass" -> times chosen
    choices_by_faction: dict[str, dict[str, int]]
    tension_causes: dict[str, int]
    history: list[list[int]]  # per finished round; names in ``history_fields``
    start: Snapshot
    end: Snapshot
    hero: str = ""  # the seat a strength comparison swaps (empty otherwise)
    extra: dict[str, Any] = field(default_factory=dict)
    # per-card statistics (sim/cardstats.py): choice key -> decisions where it was legal,
    # faction -> card -> decisions held, card -> copies drawn, events revealed in order
    offered: dict[str, int] = field(default_factory=dict)
    held: dict[str, dict[str, int]] = field(default_factory=dict)
    drawn: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def seat_label(seat: Seat | None) -> str:
    if seat is None or seat.human:
        return "heuristic:normal"
    return f"{seat.bot}:{seat.level}"


def make_bots(engine: Engine, state: GameState, seats: list[Seat], *, seed: int,
              time_limit: float | None = None) -> dict[str, Bot]:
    """One bot per seated faction (human seats get the default bot)."""
    bots: dict[str, Bot] = {}
    for index, faction in enumerate(engine.seated(state)):
        seat = next((s for s in seats if s.faction == faction), None)
        kind, level = seat_label(seat).split(":")
        bots[faction] = make_bot(kind, level=level, seed=bot_seed(seed, index),
                                 time_limit=time_limit)
    return bots


def play_game(
    engine: Engine, seats: list[Seat], *, seed: int, scenario: str | None = None,
    rounds: int | None = None, time_limit: float | None = -1.0,
) -> GameState:
    """Play a game where every seat is a bot (human seats are played by the default bot).

    ``time_limit`` -1 keeps each search bot's own time cap (interactive use); None plays on
    iteration budgets alone, so that a simulation replays exactly on any machine.
    """
    state = engine.new_game(scenario=scenario, seats=[s.faction for s in seats], seed=seed,
                            rounds=rounds)
    bots = make_bots(engine, state, seats, seed=seed, time_limit=time_limit)
    while not state.over:
        faction = engine.current_faction(state)
        assert faction is not None
        legal = engine.legal_actions(state)
        action = bots[faction].choose(engine, engine.view(state, faction), legal)
        state = engine.apply_unchecked(state, action).state if action in legal else \
            engine.apply(state, action).state  # an illegal choice raises, naming the reason
    return state


def snapshot(engine: Engine, st: GameState) -> Snapshot:
    influence = {p: dict.fromkeys(engine.sphere_ids, 0) for p in engine.power_ids}
    for c in engine.country_ids:
        for s in engine.sphere_ids:
            for p in engine.power_ids:
                influence[p][s] += engine.influence(st, c, s, p)
    return Snapshot(
        tracks=engine.tracks(st),
        agency=sum(engine.agency(st, c) for c in engine.country_ids),
        influence=influence,
        control=engine.control_counts(st),
        members={o: len(engine.members(st, o)) for o in engine.organisation_ids},
    )


def choice_key(action_text: str) -> str:
    """``act:counter kazakhstan economic @china`` -> ``act:counter``."""
    return action_text.split(" ", 1)[0]


# Joint moves: China chooses them, but Russia gains as much (reported apart from the rest).
JOINT_MOVES = frozenset({"act:sco_exercise"})
# The states where the paper reports Sinophobia (Culture section).
SINOPHOBIC = ("kazakhstan", "kyrgyzstan", "tajikistan")
MIDDLE_ERA_LAST_ROUND = 6


class DynamicsTracker:
    """What the fidelity checks need beyond the per-round history, gathered while playing.

    China's military gains are split by who caused them (its own unilateral choices or
    anything else: joint exercises, events, other seats); official stance and public opinion
    of China in the Sinophobic states are read at the last decision of the middle era.
    """

    def __init__(self, engine: Engine, start: GameState) -> None:
        self.engine = engine
        # the ids the checks are about, or None in rules without them
        self.china = "china" if "china" in engine.power_ids else None
        self.military = "military" if "military" in engine.sphere_ids else None
        self.countries = [c for c in SINOPHOBIC if c in engine.country_ids]
        self.own = 0
        self.joint = 0  # of ``own``: from joint exercises China chose
        self.other = 0
        self.last_mil = self._military(start)
        self.middle: list[int] | None = None
        self.start_gaps = self._gaps(start)
        self.eu = "eu" if "eu" in engine.power_ids else None
        self.close_start = self._close(start)
        self.eaeu = "eaeu" if "eaeu" in engine.organisation_ids else None
        self.eaeu_start = self._eaeu(start)

    def _military(self, st: GameState) -> int:
        china, military, engine = self.china, self.military, self.engine
        if china is None or military is None:
            return 0
        return sum(engine.influence(st, c, military, china) for c in engine.country_ids)

    def _close(self, st: GameState) -> int:
        """States whose official stance towards the EU is 2 or more (close partners)."""
        eu, engine = self.eu, self.engine
        if eu is None:
            return 0
        return sum(1 for c in engine.country_ids if engine.stance(st, c, eu) >= 2)

    def _gaps(self, st: GameState) -> list[int]:
        """Official stance minus public opinion of China, per Sinophobic state."""
        china, engine = self.china, self.engine
        if china is None:
            return []
        return [engine.stance(st, c, china) - engine.opinion(st, c, china)
                for c in self.countries]

    def _eaeu(self, st: GameState) -> list[str]:
        """The EAEU's members (compared at the start and the end)."""
        return list(self.engine.members(st, self.eaeu)) if self.eaeu is not None else []

    def before(self, st: GameState, faction: str, action: Action, key: str) -> None:
        """Called before each action is applied: attribute what changed since the last one."""
        now = self._military(st)
        if now > self.last_mil:
            self.other += now - self.last_mil
        self.last_mil = now
        if st.round <= MIDDLE_ERA_LAST_ROUND:
            self.middle = self._gaps(st)
        if faction == "china" and key != "pass":
            after = self._military(self.engine.preview(st, action, log=False).state)
            if after > now:
                self.own += after - now
                self.joint += after - now if key in JOINT_MOVES else 0
                self.last_mil = after

    def finish(self, st: GameState) -> dict[str, Any]:
        now = self._military(st)
        if now > self.last_mil:
            self.other += now - self.last_mil
        return {
            "china_military_own": self.own,
            "china_military_joint": self.joint,
            "china_military_other": self.other,
            "stance_gap_start": self.start_gaps,
            "stance_gap_middle": self.middle if self.middle is not None else self._gaps(st),
            "stance_gap_end": self._gaps(st),
            "eu_close_start": self.close_start,
            "eu_close_end": self._close(st),
            "eaeu_start": self.eaeu_start,
            "eaeu_end": self._eaeu(st),
            "rounds_played": st.round,
        }


def play_and_record(
    engine: Engine, seats: list[Seat], *, index: int, seed: int, scenario: str | None,
    hero: str = "", cards: bool = True,
) -> GameRecord:
    """Play one game on iteration budgets and keep what the statistics need.

    ``cards`` False skips the per-card tallies (benchmarks/cardstats.py measures their cost).
    """
    start_state = engine.new_game(scenario=scenario, seats=[s.faction for s in seats], seed=seed)
    start = snapshot(engine, start_state)
    bots = make_bots(engine, start_state, seats, seed=seed, time_limit=None)
    tally = CardTally(engine, start_state) if cards else None
    state = start_state
    choices: Counter[str] = Counter()
    by_faction: dict[str, Counter[str]] = {f: Counter() for f in engine.seated(state)}
    decisions = 0
    tracker = DynamicsTracker(engine, start_state)
    while not state.over:
        faction = engine.current_faction(state)
        assert faction is not None
        legal = engine.legal_actions(state)
        action = bots[faction].choose(engine, engine.view(state, faction), legal)
        if action not in legal:
            raise AssertionError(f"{faction}'s bot chose an illegal action {action}")
        if tally is not None:
            tally.decision(state, faction, legal, action)
        key = choice_key(str(action))
        choices[key] += 1
        by_faction[faction][key] += 1
        decisions += 1
        tracker.before(state, faction, action, key)
        state = engine.apply_unchecked(state, action).state
    result = engine.result(state)
    assert result is not None
    labels = {}
    for faction in by_faction:
        seat = next((s for s in seats if s.faction == faction), None)
        labels[faction] = seat_label(seat)
    return GameRecord(
        index=index, seed=seed, seats=labels, winner=result.winner, reason=result.reason,
        rounds=state.round, decisions=decisions, vp=dict(result.vp),
        ranking=list(result.ranking), losers=list(result.losers),
        choices=dict(sorted(choices.items())),
        events=list(engine.news_seen(state)),
        **(tally.finish(state) if tally is not None else {}),
        choices_by_faction={f: dict(sorted(c.items())) for f, c in by_faction.items()},
        tension_causes=engine.tension_causes(state),
        history=[list(h) for h in state.history], start=start, end=snapshot(engine, state),
        hero=hero, extra=tracker.finish(state),
    )


def record(engine: Engine, state: GameState) -> GameRecord:
    """A record of an already played game (no per-choice statistics)."""
    from chessboard.engine.state import unroll

    result = engine.result(state)
    assert result is not None
    actions = [str(a) for a in unroll(state.actions)]
    return GameRecord(
        index=0, seed=state.seed, seats={}, winner=result.winner, reason=result.reason,
        rounds=state.round, decisions=len(actions), vp=dict(result.vp),
        ranking=list(result.ranking), losers=list(result.losers),
        choices=dict(Counter(choice_key(a) for a in actions)), choices_by_faction={},
        tension_causes=engine.tension_causes(state),
        history=[list(h) for h in state.history], start=snapshot(engine, state),
        end=snapshot(engine, state),
    )
