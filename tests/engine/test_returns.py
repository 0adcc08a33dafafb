"""Utilities, per-step VP rewards, game facts, and the declared VP and IP bounds."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from engine_helpers import run_effect

from chessboard.engine.actions import PASS
from chessboard.engine.game import Engine
from chessboard.engine.returns import game_info, utility, vp, vp_deltas


def test_utility_is_rank_based_from_plus_one_to_minus_one(tiny_engine: Engine) -> None:
    engine = tiny_engine
    st = engine.new_game(seed=2)
    rnd = random.Random(2)
    with pytest.raises(ValueError, match="not over"):
        utility(engine, st)
    while not st.over:
        st = engine.apply(st, rnd.choice(engine.legal_actions(st))).state
    result = engine.result(st)
    assert result is not None
    u = utility(engine, st)
    assert set(u) == set(result.vp)
    places = [*result.ranking, *result.losers]
    assert u[places[0]] == 1.0 and u[places[-1]] == -1.0
    values = [u[f] for f in result.ranking]
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)
    steps = {round(a - b, 9) for a, b in pairwise(values)}
    assert steps == {round(2 / (len(places) - 1), 9)}  # evenly spaced


def test_escalation_losers_come_last(engine: Engine) -> None:
    st = engine.new_game(seed=4, seats=["russia", "china", "eu", "kazakhstan"])
    tension = [t.id for t in engine.rules.game.tracks].index("tension")
    st = st.copy()
    st.tracks[tension] = 10
    st = engine.apply(st, PASS).state
    assert st.over and st.end_reason == "escalation"
    u = utility(engine, st)
    assert u["russia"] == u["china"] == -1.0
    assert u[engine.result(st).ranking[0]] == 1.0  # type: ignore[union-attr]
    assert min(u[f] for f in ("eu", "kazakhstan")) > -1.0


def test_vp_deltas_add_up_to_the_final_vp(engine: Engine) -> None:
    st = engine.new_game(seed=8)
    rnd = random.Random(8)
    total = dict.fromkeys(vp(engine, st), 0)
    assert set(total.values()) == {0}
    steps = 0
    while not st.over:
        after = engine.apply(st, rnd.choice(engine.legal_actions(st))).state
        for fid, delta in vp_deltas(engine, st, after).items():
            total[fid] += delta
        st, steps = after, steps + 1
    assert total == vp(engine, st)
    assert any(total.values())
    info = game_info(engine, st)
    assert steps <= info.max_game_length


def test_game_info_describes_the_configured_game(tiny_engine: Engine) -> None:
    engine = tiny_engine
    st = engine.new_game(seed=1, rounds=2)
    info = game_info(engine, st)
    settings = engine.rules.game.settings
    assert info.num_players == len(st.seats) == len(info.players)
    assert info.max_game_length == 2 * settings.action_rounds * len(st.seats)
    assert info.imperfect_information and info.stochastic and not info.zero_sum
    assert (info.min_utility, info.max_utility) == (-1.0, 1.0)
    # A game where everyone always passes takes exactly the longest length.
    decisions = 0
    while not st.over:
        st = engine.apply(st, PASS).state
        decisions += 1
    assert st.end_reason == "rounds"
    assert decisions == info.max_game_length


def test_vp_and_ip_stay_within_the_declared_bounds(tiny_engine: Engine) -> None:
    t = tiny_engine._tables
    settings = tiny_engine.rules.game.settings
    st = tiny_engine.new_game(seed=1)
    russia = t.faction_index["russia"]
    st.vp[russia], st.ip[russia] = settings.vp_max - 1, settings.ip_max - 1
    run_effect(t, st, {"vp": {"faction": "russia", "amount": 5}})
    run_effect(t, st, {"ip": {"faction": "russia", "amount": 5}})
    assert (st.vp[russia], st.ip[russia]) == (settings.vp_max, settings.ip_max)
    st.vp[russia], st.ip[russia] = settings.vp_min + 1, 1
    run_effect(t, st, {"vp": {"faction": "russia", "amount": -5}})
    run_effect(t, st, {"ip": {"faction": "russia", "amount": -5}})
    assert (st.vp[russia], st.ip[russia]) == (settings.vp_min, 0)


def test_income_stops_at_the_declared_ip_bound(tiny_engine: Engine) -> None:
    engine = tiny_engine
    st = engine.new_game(seed=1).copy()
    ip_max = engine.rules.game.settings.ip_max
    st.ip = [ip_max] * len(st.ip)
    while st.round == 1:
        st = engine.apply(st, PASS).state
    assert max(st.ip) == ip_max  # round 2's income found everyone at the bound
