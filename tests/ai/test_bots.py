"""Bots: legal choices from the seat's view only, no peeking at hidden information, replays."""

from __future__ import annotations

import time

import pytest

from chessboard.ai import make_bot
from chessboard.ai.features import Evaluator
from chessboard.ai.heuristic import HeuristicBot
from chessboard.ai.mcts import LEVELS, MCTSBot
from chessboard.engine import engine_build
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState, unroll
from chessboard.rules.loader import Rules, load_rules
from chessboard.seats import Seat
from chessboard.sim.runner import play_game


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


@pytest.fixture(scope="module")
def engine(rules: Rules) -> Engine:
    return Engine(rules, log=False)


def tiny_mcts(seed: int) -> MCTSBot:
    return MCTSBot(seed=seed, iterations=6, horizon=4)


def advance(engine: Engine, state: GameState, steps: int, seed: int = 0) -> GameState:
    bot = make_bot("random", seed=seed)
    for _ in range(steps):
        faction = engine.current_faction(state)
        assert faction is not None
        legal = engine.legal_actions(state)
        state = engine.apply(state, bot.choose(engine, engine.view(state, faction), legal)).state
    return state


@pytest.mark.parametrize("kind", ["random", "heuristic", "mcts"])
def test_bots_choose_only_legal_actions_from_the_view(engine: Engine, kind: str) -> None:
    state = engine.new_game(seed=3)
    bots = {}
    for i, f in enumerate(state.seats):
        fid = engine._tables.faction_ids[f]
        bots[fid] = tiny_mcts(i) if kind == "mcts" else make_bot(kind, seed=i)
    decisions = 24 if kind == "mcts" else 128
    for _ in range(decisions):
        if state.over:
            break
        faction = engine.current_faction(state)
        assert faction is not None
        view = engine.view(state, faction)
        assert view.hidden
        legal = engine.legal_actions(state)
        action = bots[faction].choose(engine, view, legal)
        assert action in legal
        state = engine.apply(state, action).state  # apply checks legality again


def test_determinized_samples_keep_the_view_and_vary_the_hidden_cards(engine: Engine) -> None:
    real = advance(engine, engine.new_game(seed=11), 9)
    faction = engine.current_faction(real)
    assert faction is not None
    me = engine._tables.faction_index[faction]
    view = engine.view(real, faction)
    others = [g for g in real.seats if g != me and real.hands[g]]
    assert others, "the test needs another seat holding cards"
    differs = 0
    for seed in range(12):
        sample = engine.determinize(view, faction, seed)
        assert not sample.hidden
        assert sample.hands[me] == real.hands[me]
        for g in real.seats:
            assert len(sample.hands[g]) == len(real.hands[g])
        for name in ("inf", "opinion", "stance", "members", "tracks", "agency", "vp", "ip",
                     "discards", "events_seen", "round", "turn", "order", "seats", "flags"):
            assert getattr(sample, name) == getattr(real, name), name
        assert [len(d) for d in sample.decks] == [len(d) for d in real.decks]
        differs += any(sample.hands[g] != real.hands[g] for g in others) or \
            sample.decks != real.decks
    assert differs >= 6, "samples should rarely reproduce the real hidden cards"


@pytest.mark.skipif(engine_build().startswith("compiled"),
                    reason="patches the engine, which compiled code calls directly")
def test_search_bot_sees_views_only_and_ignores_the_real_hidden_cards(
    engine: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = advance(engine, engine.new_game(seed=5), 6)
    faction = engine.current_faction(real)
    assert faction is not None
    me = engine._tables.faction_index[faction]
    # Another deal of the hidden cards that the seat cannot tell apart from the real one.
    other_deal = engine.determinize(engine.view(real, faction), faction, 99)
    assert engine.view(other_deal, faction) == engine.view(real, faction)
    assert other_deal.hands != real.hands or other_deal.decks != real.decks
    seen: list[GameState] = []
    original = Engine.determinize

    def spy(self: Engine, view: GameState, fid: str, seed: int) -> GameState:
        seen.append(view)
        return original(self, view, fid, seed)

    monkeypatch.setattr(Engine, "determinize", spy)
    legal = engine.legal_actions(real)
    first = tiny_mcts(7).choose(engine, engine.view(real, faction), legal)
    second = tiny_mcts(7).choose(engine, engine.view(other_deal, faction), legal)
    assert first == second
    assert seen and all(v.hidden for v in seen)
    for v in seen:
        assert all(card == -1 for g, hand in enumerate(v.hands) if g != me for card in hand)
        assert all(card == -1 for pile in v.decks for card in pile)


@pytest.mark.parametrize("spec", ["random", "heuristic", "mcts"])
def test_seeded_bot_games_replay_exactly(engine: Engine, spec: str) -> None:
    seats = [Seat(f, human=False, bot=spec, level="easy") for f in
             ("russia", "china", "eu", "kazakhstan")]
    rounds = 1 if spec == "mcts" else 3
    a = play_game(engine, seats, seed=21, rounds=rounds, time_limit=None)
    b = play_game(engine, seats, seed=21, rounds=rounds, time_limit=None)
    assert unroll(a.actions) == unroll(b.actions)
    assert a == b
    c = play_game(engine, seats, seed=22, rounds=rounds, time_limit=None)
    assert unroll(c.actions) != unroll(a.actions)


def test_heuristic_priorities_come_from_the_yaml(rules: Rules, engine: Engine) -> None:
    china = engine._tables.faction_index["china"]
    ev = Evaluator(engine, china)
    for key, weight in rules.game.factions[china].bot_weights.items():
        assert ev.w[key] == weight
    state = engine.new_game(seed=1)
    assert set(engine.projected_vp(state)) == set(engine.seated(state))
    political_only = Evaluator(engine, china, {"political": 10.0, "projected": 0.0, "vp": 0.0,
                                              "ip": 0.0, "noise": 0.0})
    before = political_only.value(state)
    after = state.copy()
    c, s, p = 0, engine._tables.sphere_index["political"], engine._tables.power_index["china"]
    after.inf[(c * engine._tables.S + s) * engine._tables.P + p] += 3
    if hasattr(after, "ctrl"):
        after.ctrl = None  # the engine's cache of controllers
    assert political_only.value(after) > before


def test_a_negative_hand_weight_values_each_card_held(engine: Engine) -> None:
    # a hand refills only up to its size: a bot with a negative `hand` weight prefers a state
    # holding fewer cards, all else equal, so it cycles cards rather than hoarding them
    russia = engine._tables.faction_index["russia"]
    only_hand = {"hand": -2.0, "projected": 0.0, "vp": 0.0, "ip": 0.0, "noise": 0.0}
    ev = Evaluator(engine, russia, only_hand)
    state = engine.new_game(seed=1)
    assert state.hands[russia]
    fewer = state.copy()
    fewer.hands = state.hands[:]
    fewer.hands[russia] = state.hands[russia][1:]
    assert ev.value(fewer) - ev.value(state) == pytest.approx(2.0)
    # without the weight (the default) the hand counts for nothing
    neutral = Evaluator(engine, russia, {**only_hand, "hand": 0.0})
    assert neutral.value(fewer) == pytest.approx(neutral.value(state))


def test_heuristic_scores_every_legal_action(engine: Engine) -> None:
    state = engine.new_game(seed=2)
    faction = engine.current_faction(state)
    assert faction is not None
    legal = engine.legal_actions(state)
    scores = HeuristicBot(seed=0).scores(engine, engine.view(state, faction), legal)
    assert len(scores) == len(legal)
    assert len(set(scores)) > 1


def test_levels_and_time_cap() -> None:
    assert LEVELS["easy"].iterations < LEVELS["normal"].iterations < LEVELS["hard"].iterations
    assert LEVELS["normal"].time_limit is not None and LEVELS["normal"].time_limit <= 1.0
    assert LEVELS["hard"].time_limit is not None and LEVELS["hard"].time_limit <= 3.0
    assert make_bot("mcts", level="hard", seed=1, time_limit=None).time_limit is None  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown bot kind"):
        make_bot("oracle")


def test_time_cap_stops_the_search(engine: Engine) -> None:
    state = engine.new_game(seed=4)
    faction = engine.current_faction(state)
    assert faction is not None
    bot = MCTSBot(seed=0, iterations=10**6, time_limit=0.2)
    start = time.perf_counter()
    action = bot.choose(engine, engine.view(state, faction), engine.legal_actions(state))
    assert time.perf_counter() - start < 1.5
    assert action in engine.legal_actions(state)
    assert 0 < bot.last_iterations < 10**6


def test_tree_search_variant_chooses_legal_actions(engine: Engine) -> None:
    state = advance(engine, engine.new_game(seed=8), 3)
    faction = engine.current_faction(state)
    assert faction is not None
    legal = engine.legal_actions(state)
    bot = MCTSBot(seed=3, iterations=12, horizon=6, root="tree")
    assert bot.choose(engine, engine.view(state, faction), legal) in legal
    assert bot.last_iterations == 12


def test_one_vocabulary_of_bot_kinds_and_levels() -> None:
    """The factory, the heuristic's noise and the search budgets are keyed by the names of
    chessboard.seats (the vocabulary of --seats and saves), and every pair makes a bot."""
    from chessboard.ai.heuristic import NOISE
    from chessboard.ai.registry import MAKERS
    from chessboard.seats import BOT_KINDS, STRENGTHS
    from chessboard.seats import LEVELS as SEAT_LEVELS

    assert tuple(MAKERS) == BOT_KINDS
    assert tuple(NOISE) == tuple(LEVELS) == STRENGTHS == SEAT_LEVELS[:len(STRENGTHS)]
    for kind in BOT_KINDS:
        for level in SEAT_LEVELS:
            assert make_bot(kind, level=level, seed=1).name == kind
    with pytest.raises(ValueError, match="unknown bot kind 'genius' \\(kinds: random, "):
        make_bot("genius")
