"""Play whole games headless: one game from seats and a seed, and what a simulation keeps of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from chessboard.ai import make_bot
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


def bot_seed(seed: int, seat_index: int) -> int:
    """Each bot's generator derives from the game seed, so a seeded game replays exactly."""
    return seed * 1009 + seat_index * 7919 + 17


def seat_label(seat: Seat | None) -> str:
    if seat is None or seat.human:
        return "heuristic:normal"
    return f"{seat.bot}:{seat.level}"


def make_bots(engine: Engine, state: GameState, seats: list[Seat], *, seed: int,
              time_limit: float | None = None) -> dict[str, Bot]:
    """One bot per seated faction (human seats get the default bot)."""
    bots: dict[str, Bot] = {}
    for index, faction in enumerate(engine.t.faction_ids[f] for f in state.seats):
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
    t = engine.t
    influence = {p: dict.fromkeys(t.sphere_ids, 0) for p in t.power_ids}
    control = {p: dict.fromkeys(t.sphere_ids, 0) for p in t.power_ids}
    for c in range(t.C):
        for s, sid in enumerate(t.sphere_ids):
            for p, pid in enumerate(t.power_ids):
                influence[pid][sid] += t.influence(st, c, s, p)
            owner = t.controller(st, c, s)
            if owner >= 0:
                control[t.power_ids[owner]][sid] += 1
    return Snapshot(
        tracks=dict(zip(t.track_ids, st.tracks, strict=True)),
        agency=sum(st.agency),
        influence=influence,
        control=control,
        members={o: bin(m).count("1") for o, m in zip(t.org_ids, st.members, strict=True)},
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
        t = engine.t
        self.engine = engine
        self.china = t.power_index.get("china", -1)
        self.china_faction = t.faction_index.get("china", -1)
        self.military = t.sphere_index.get("military", -1)
        self.countries = [t.country_index[c] for c in SINOPHOBIC if c in t.country_index]
        self.own = 0
        self.joint = 0  # of ``own``: from joint exercises China chose
        self.other = 0
        self.last_mil = self._military(start)
        self.middle: list[int] | None = None
        self.start_gaps = self._gaps(start)
        self.eu = t.power_index.get("eu", -1)
        self.close_start = self._close(start)
        self.eaeu = t.org_index.get("eaeu", -1)
        self.eaeu_start = start.members[self.eaeu] if self.eaeu >= 0 else 0

    def _military(self, st: GameState) -> int:
        if self.china < 0 or self.military < 0:
            return 0
        return sum(self.engine.t.influence(st, c, self.military, self.china)
                   for c in range(self.engine.t.C))

    def _close(self, st: GameState) -> int:
        """States whose official stance towards the EU is 2 or more (close partners)."""
        P = self.engine.t.P
        if self.eu < 0:
            return 0
        return sum(1 for c in range(self.engine.t.C) if st.stance[c * P + self.eu] >= 2)

    def _gaps(self, st: GameState) -> list[int]:
        """Official stance minus public opinion of China, per Sinophobic state."""
        P = self.engine.t.P
        if self.china < 0:
            return []
        return [st.stance[c * P + self.china] - st.opinion[c * P + self.china]
                for c in self.countries]

    def before(self, st: GameState, faction: str, action: Action, key: str) -> None:
        """Called before each action is applied: attribute what changed since the last one."""
        now = self._military(st)
        if now > self.last_mil:
            self.other += now - self.last_mil
        self.last_mil = now
        if st.round <= MIDDLE_ERA_LAST_ROUND:
            self.middle = self._gaps(st)
        if faction == "china" and key != "pass":
            after = self._military(self.engine.preview(st, action).state)
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
            "eaeu_end": st.members[self.eaeu] if self.eaeu >= 0 else 0,
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
    t = engine.t
    choices: Counter[str] = Counter()
    by_faction: dict[str, Counter[str]] = {t.faction_ids[f]: Counter() for f in state.seats}
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
            tally.decision(state, t.faction_index[faction], legal, action)
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
        events=[t.event_ids[e] for e in state.events_seen],
        **(tally.finish(state) if tally is not None else {}),
        choices_by_faction={f: dict(sorted(c.items())) for f, c in by_faction.items()},
        tension_causes=dict(zip(t.causes, state.tension_causes, strict=True)),
        history=[list(h) for h in state.history], start=start, end=snapshot(engine, state),
        hero=hero, extra=tracker.finish(state),
    )


def record(engine: Engine, state: GameState) -> GameRecord:
    """A record of an already played game (no per-choice statistics)."""
    from chessboard.engine.state import unroll

    result = engine.result(state)
    assert result is not None
    actions = [str(a) for a in unroll(state.actions)]
    t = engine.t
    return GameRecord(
        index=0, seed=state.seed, seats={}, winner=result.winner, reason=result.reason,
        rounds=state.round, decisions=len(actions), vp=dict(result.vp),
        ranking=list(result.ranking), losers=list(result.losers),
        choices=dict(Counter(choice_key(a) for a in actions)), choices_by_faction={},
        tension_causes=dict(zip(t.causes, state.tension_causes, strict=True)),
        history=[list(h) for h in state.history], start=snapshot(engine, state),
        end=snapshot(engine, state),
    )
