"""OpenSpiel-style conformance: random games checked at every single step.

Each game is played with uniformly random legal choices. At every decision the driver checks the
state's JSON round trip, the legal action list, the per-seat views and that applying an action
never touches its input. The default run is small and fast; ``-m soak`` with
``CHESSBOARD_SOAK_GAMES=N`` plays N games per rules set.
"""

from __future__ import annotations

import json
import os
import random

import pytest
from engine_helpers import action_texts

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine, IllegalActionError
from chessboard.engine.state import GameState, unroll
from chessboard.rules.loader import Rules

GAMES = 30  # split between the fixture rules and the shipped rules


def check_step(engine: Engine, st: GameState, rnd: random.Random) -> Action:
    """Every per-step invariant; returns the action chosen for this step."""
    before = st.to_json()

    # JSON round trip, through real JSON text.
    again = GameState.from_json(json.loads(json.dumps(before)))
    assert again == st
    legal = engine.legal_actions(st)
    assert engine.legal_actions(again) == legal

    # The legal list: non-empty, sorted, unique, hashable, text forms that parse back.
    assert legal, "a live game always offers at least pass"
    assert PASS in legal
    assert legal == sorted(legal)
    assert len(set(legal)) == len(legal)
    for action in legal:
        assert Action.parse(str(action)) == action
        assert engine.why_illegal(st, action) is None, str(action)
        assert engine.price(st, action) is not None

    # Views: other hands, deck order, news order and the RNG are blanked; the own hand is not.
    t = engine._tables
    for f in st.seats:
        fid = t.faction_ids[f]
        view = engine.view(st, fid)
        assert view.hidden and view.rng == 0
        assert view.hands[f] == st.hands[f]
        for g, hand in enumerate(view.hands):
            if g != f:
                assert len(hand) == len(st.hands[g])
                assert all(card == -1 for card in hand)
        assert [len(d) for d in view.decks] == [len(d) for d in st.decks]
        assert all(card == -1 for deck in view.decks for card in deck)
        assert all(e == -1 for pile in view.event_piles for e in pile)
        assert view.discards == st.discards and view.inf == st.inf
        if f == engine.current(st):
            # A bot deciding from its view is offered exactly the real choices...
            assert engine.legal_actions(view) == legal
            # ...but cannot apply them to the view.
            with pytest.raises(IllegalActionError):
                engine.apply(view, PASS)
    assert st.to_json() == before, "taking views changed the state"

    # Applying any of a sample of legal actions leaves the input untouched.
    sample = rnd.sample(legal, min(3, len(legal)))
    chosen = rnd.choice(legal)
    for action in {*sample, chosen}:
        outcome = engine.apply(st, action)
        assert st.to_json() == before, f"applying {action} mutated its input"
        new = outcome.state
        assert new is not st
        assert action_texts(new) == [*action_texts(st), str(action)]
        log = unroll(new.log)
        assert log[len(log) - len(outcome.log):] == list(outcome.log)
        assert new.round >= st.round
    return chosen


def play_checked(engine: Engine, scenario: str, seed: int) -> GameState:
    st = engine.new_game(scenario=scenario, seed=seed)
    rnd = random.Random(seed * 7919 + 1)
    action_rounds = engine._tables.settings.action_rounds
    max_actions = st.rounds * action_rounds * len(st.seats)
    steps = 0
    rounds_seen = {st.round}
    while not st.over:
        action = check_step(engine, st, rnd)
        st = engine.apply(st, action).state
        steps += 1
        assert steps <= max_actions, "the game outlived its round limit"
        assert 1 <= st.round <= st.rounds
        rounds_seen.add(st.round)
    # Every round was played in order, none skipped, none beyond the scenario's limit.
    assert sorted(rounds_seen) == list(range(1, max(rounds_seen) + 1))
    assert engine.legal_actions(st) == []
    assert engine.why_illegal(st, PASS) == "the game is over"
    result = engine.result(st)
    assert result is not None
    if st.end_reason == "rounds":
        assert st.round == st.rounds and steps == max_actions
        assert len(st.history) == st.rounds
    else:  # an early end, possibly in the reactions after the very last action
        assert st.end_reason in {end.id for end in engine._compiled.ends}
    assert set(result.losers).isdisjoint(result.ranking)
    assert set(result.ranking) | set(result.losers) == set(engine.seated(st))
    # The final state still round-trips.
    assert GameState.from_json(json.loads(json.dumps(st.to_json()))) == st
    return st


def _cases(games: int) -> list[tuple[str, str, int]]:
    tiny_scenarios = ["tiny", "tiny_west", "tiny_states"]
    shipped = ["baseline_2020", "russia_looks_west", "chinese_base"]
    half = games // 2
    cases = [("tiny", tiny_scenarios[i % 3], 100 + i) for i in range(games - half)]
    cases += [("shipped", shipped[i % 3], 200 + i) for i in range(half)]
    return cases


def _engine(which: str, engine: Engine, tiny_engine: Engine) -> Engine:
    return tiny_engine if which == "tiny" else engine


@pytest.mark.parametrize(("which", "scenario", "seed"), _cases(GAMES))
def test_random_game_conformance(
    which: str, scenario: str, seed: int, engine: Engine, tiny_engine: Engine
) -> None:
    play_checked(_engine(which, engine, tiny_engine), scenario, seed)


@pytest.mark.soak
def test_soak_conformance(rules: Rules, tiny: Rules) -> None:
    games = int(os.environ.get("CHESSBOARD_SOAK_GAMES", "300"))
    engines = {"tiny": Engine(tiny), "shipped": Engine(rules)}
    for which, scenario, seed in _cases(games):
        play_checked(engines[which], scenario, 10_000 + seed)


def test_random_games_reach_every_ending_and_event(tiny_engine: Engine) -> None:
    """The driver is only as good as the positions it visits: make sure they vary."""
    reasons = set()
    logs = []
    for seed in range(12):
        st = play_checked(tiny_engine, "tiny_west", seed)
        reasons.add(st.end_reason)
        logs.extend(unroll(st.log))
    assert reasons == {"rounds", "escalation"}
    text = "\n".join(logs)
    for fragment in ("plays", "draws", "joins the", "Protests"):
        assert fragment in text
