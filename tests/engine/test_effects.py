"""One test (or more) per effect kind: exact changes, clamping and the log line.

Effects are compiled from YAML-shaped data against the fixture rules' tables and run on a fresh
state, bound the way an action or a phase rule would bind them.
"""

from __future__ import annotations

import pytest
from engine_helpers import (
    EFFECT,
    bind,
    faction,
    get_inf,
    pc_index,
    run_effect,
    set_inf,
    set_track,
    track,
)

from chessboard.engine import rng
from chessboard.engine.context import Tables
from chessboard.engine.effects import compile_effect, compile_effects
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.rules import expressions as ex
from chessboard.rules.loader import Rules


@pytest.fixture
def t(tiny: Rules) -> Tables:
    return Tables(tiny)  # fresh: compiling a flag allocates its bit in the tables


@pytest.fixture
def st(tiny_engine: Engine) -> GameState:
    return tiny_engine.new_game(scenario="tiny", seed=1)


# influence ------------------------------------------------------------------------------------


def test_effect_influence(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kazakhstan", "military", "china", 2)
    before = st.inf[:]
    log = run_effect(t, st, {"influence": {"amount": 3}},
                     actor="china", country="kazakhstan", sphere="military")
    assert get_inf(t, st, "kazakhstan", "military", "china") == 5
    changed = [i for i, (a, b) in enumerate(zip(before, st.inf, strict=True)) if a != b]
    assert len(changed) == 1
    assert log == ["China +3 military influence in Kazakhstan (now 5)"]


def test_effect_influence_clamps_to_zero_and_the_cap(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kyrgyzstan", "economic", "eu", 7)
    log = run_effect(t, st, {"influence": {"power": "eu", "country": "kyrgyzstan",
                                           "sphere": "economic", "amount": 5}})
    assert get_inf(t, st, "kyrgyzstan", "economic", "eu") == t.max_influence == 8
    assert log == ["European Union +5 economic influence in Kyrgyzstan (now 8)"]
    # At the cap nothing changes and nothing is logged.
    assert run_effect(t, st, {"influence": {"power": "eu", "country": "kyrgyzstan",
                                            "sphere": "economic", "amount": 1}}) == []
    run_effect(t, st, {"influence": {"power": "eu", "country": "kyrgyzstan",
                                     "sphere": "economic", "amount": -20}})
    assert get_inf(t, st, "kyrgyzstan", "economic", "eu") == 0


def test_effect_influence_on_every_country_and_sphere(t: Tables, st: GameState) -> None:
    st.inf = [1] * len(st.inf)
    run_effect(t, st, {"influence": {"power": "russia", "country": "all", "sphere": "all",
                                     "amount": 2}})
    russia = t.power_index["russia"]
    assert [v for i, v in enumerate(st.inf) if i % t.P == russia] == [3] * (t.C * t.S)
    assert [v for i, v in enumerate(st.inf) if i % t.P != russia] == [1] * (t.C * t.S * 2)


def test_effect_influence_with_a_scaled_amount(t: Tables, st: GameState) -> None:
    set_track(t, st, "stability", 7)
    set_inf(t, st, "tajikistan", "cultural", "russia", 0)
    run_effect(t, st, {"influence": {"power": "russia", "country": "tajikistan",
                                     "sphere": "cultural",
                                     "amount": {"of": {"track": "stability"}, "div": 2}}})
    assert get_inf(t, st, "tajikistan", "cultural", "russia") == 3


# track -----------------------------------------------------------------------------------------


def test_effect_track(t: Tables, st: GameState) -> None:
    set_track(t, st, "tension", 4)
    causes = st.tension_causes[:]
    log = run_effect(t, st, {"track": {"id": "tension", "amount": 2, "cause": "military"}})
    assert track(t, st, "tension") == 6
    military = t.causes.index("military")
    assert st.tension_causes[military] == causes[military] + 2
    assert log == ["Tension +2 (now 6)"]


def test_effect_track_clamps_and_counts_only_the_real_rise(t: Tables, st: GameState) -> None:
    set_track(t, st, "tension", 9)
    st.tension_causes = [0] * len(t.causes)
    run_effect(t, st, {"track": {"id": "tension", "amount": 5}})
    assert track(t, st, "tension") == 10
    assert st.tension_causes[t.causes.index("other")] == 1  # no cause given: "other"
    log = run_effect(t, st, {"track": {"id": "tension", "amount": -15}})
    assert track(t, st, "tension") == 0
    assert log == ["Tension -10 (now 0)"]
    assert sum(st.tension_causes) == 1  # falling tension is not a cause of tension
    # Other tracks never count as tension.
    set_track(t, st, "asymmetry", 3)
    run_effect(t, st, {"track": {"id": "asymmetry", "amount": 2, "cause": "economic"}})
    assert track(t, st, "asymmetry") == 5 and sum(st.tension_causes) == 1


# opinion and stance -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["opinion", "stance"])
def test_effect_opinion_and_stance(t: Tables, st: GameState, kind: str) -> None:
    i = pc_index(t, "kyrgyzstan", "china")
    getattr(st, kind)[i] = 1
    log = run_effect(t, st, {kind: {"power": "china", "amount": -2}}, country="kyrgyzstan")
    assert getattr(st, kind)[i] == -1
    label = "public opinion of" if kind == "opinion" else "official stance towards"
    assert log == [f"Kyrgyzstan: {label} China -2 (now -1)"]
    run_effect(t, st, {kind: {"power": "china", "amount": -9}}, country="kyrgyzstan")
    assert getattr(st, kind)[i] == -t.opinion_range == -3
    run_effect(t, st, {kind: {"power": "china", "amount": 9}}, country="kyrgyzstan")
    assert getattr(st, kind)[i] == 3


def test_effect_opinion(t: Tables, st: GameState) -> None:
    st.opinion = [0] * len(st.opinion)
    run_effect(t, st, {"opinion": {"power": "self", "country": "all", "amount": 1}},
               actor="eu")
    eu = t.power_index["eu"]
    assert st.opinion == [1 if i % t.P == eu else 0 for i in range(len(st.opinion))]


def test_effect_stance(t: Tables, st: GameState) -> None:
    # A state turning to a power: `target` is the power, `own` its own country.
    st.stance[pc_index(t, "kazakhstan", "eu")] = 0
    run_effect(t, st, {"stance": {"power": "target", "country": "own", "amount": 1}},
               actor="kazakhstan", power="eu")
    assert st.stance[pc_index(t, "kazakhstan", "eu")] == 1


# agency ----------------------------------------------------------------------------------------


def test_effect_agency(t: Tables, st: GameState) -> None:
    st.agency = [0, 4, 2]
    log = run_effect(t, st, {"agency": {"amount": 1}}, country="kyrgyzstan")
    assert st.agency == [0, 5, 2]
    assert log == ["Kyrgyzstan: agency +1 (now 5)"]
    assert run_effect(t, st, {"agency": {"amount": 1}}, country="kyrgyzstan") == []
    assert st.agency[1] == t.settings.agency_max == 5
    run_effect(t, st, {"agency": {"country": "all", "amount": -1}})
    assert st.agency == [0, 4, 1]


# join and leave --------------------------------------------------------------------------------


def test_effect_join(t: Tables, st: GameState) -> None:
    csto, kz, tj = t.org_index["csto"], t.country_index["kazakhstan"], t.country_index["tajikistan"]
    st.members[csto] = 1 << tj
    log = run_effect(t, st, {"join": {"org": "csto"}}, country="kazakhstan")
    assert st.members[csto] == 1 << tj | 1 << kz
    assert log == ["Kazakhstan joins the CSTO"]
    assert run_effect(t, st, {"join": {"org": "csto"}}, country="kazakhstan") == []
    assert st.members[csto] == 1 << tj | 1 << kz


def test_effect_leave(t: Tables, st: GameState) -> None:
    eaeu, kz, kg = t.org_index["eaeu"], t.country_index["kazakhstan"], t.country_index["kyrgyzstan"]
    st.members[eaeu] = 1 << kz | 1 << kg
    log = run_effect(t, st, {"leave": {"org": "eaeu", "country": "own"}}, actor="kyrgyzstan")
    assert st.members[eaeu] == 1 << kz
    assert log == ["Kyrgyzstan leaves the EAEU"]
    assert run_effect(t, st, {"leave": {"org": "eaeu", "country": "kyrgyzstan"}}) == []
    assert st.members[eaeu] == 1 << kz


# vp and ip -------------------------------------------------------------------------------------


def test_effect_vp(t: Tables, st: GameState) -> None:
    china = faction(t, "china")
    st.vp[china] = 1
    log = run_effect(t, st, {"vp": {"amount": 2}}, actor="china")
    assert st.vp[china] == 3 and log == ["China +2 VP (now 3)"]
    run_effect(t, st, {"vp": {"faction": "china", "amount": -5}})
    assert st.vp[china] == -2  # VP may go below zero: penalties are real
    # A faction with no seat scores nothing.
    tajikistan = faction(t, "tajikistan")
    assert tajikistan not in st.seats
    assert run_effect(t, st, {"vp": {"faction": "tajikistan", "amount": 4}}) == []
    assert st.vp[tajikistan] == 0


def test_effect_ip(t: Tables, st: GameState) -> None:
    eu = faction(t, "eu")
    st.ip[eu] = 2
    log = run_effect(t, st, {"ip": {"faction": "eu", "amount": 3}})
    assert st.ip[eu] == 5 and log == ["European Union +3 IP (now 5)"]
    run_effect(t, st, {"ip": {"faction": "eu", "amount": -9}})
    assert st.ip[eu] == 0  # IP never goes below zero
    # `target` names the faction of the bound power.
    run_effect(t, st, {"ip": {"faction": "target", "amount": 1}}, actor="kazakhstan", power="eu")
    assert st.ip[eu] == 1
    assert run_effect(t, st, {"ip": {"amount": 0}}, actor="eu") == []


# draw ------------------------------------------------------------------------------------------


def test_effect_draw(t: Tables, st: GameState) -> None:
    russia = faction(t, "russia")
    deck = t.faction_deck[russia]
    st.hands[russia] = (7,)
    st.decks[deck] = (5, 6)
    st.discards[deck] = ()
    cx_log = run_effect(t, st, {"draw": {"count": 1}}, actor="russia")
    assert st.hands[russia] == (6, 7) and st.decks[deck] == (5,)  # the top card is the last
    assert cx_log == ["Russia draws 1 card"]


def test_effect_draw_reshuffles_the_discards_with_the_state_rng(t: Tables, st: GameState) -> None:
    russia = faction(t, "russia")
    deck = t.faction_deck[russia]
    st.hands[russia] = ()
    st.decks[deck] = (5,)
    st.discards[deck] = (6, 7)
    seed = st.rng
    log = run_effect(t, st, {"draw": {"faction": "russia", "count": 3}})
    assert sorted(st.hands[russia]) == list(st.hands[russia]) == [5, 6, 7]
    assert st.decks[deck] == () and st.discards[deck] == ()
    assert st.rng == rng.shuffled(seed, (6, 7))[0]
    assert log == ["Russia draws 3 cards"]
    # Nothing left anywhere: a draw of nothing is silent.
    assert run_effect(t, st, {"draw": {"faction": "russia", "count": 2}}) == []
    # A faction with no seat does not draw.
    assert run_effect(t, st, {"draw": {"faction": "tajikistan"}}) == []
    assert st.hands[faction(t, "tajikistan")] == ()


# flag ------------------------------------------------------------------------------------------


def test_effect_flag(t: Tables, st: GameState) -> None:
    st.flags = 0
    run_effect(t, st, {"flag": {"id": "alpha"}})
    run_effect(t, st, {"flag": {"id": "beta"}})
    alpha, beta = t.flag("alpha"), t.flag("beta")
    assert alpha != beta and st.flags == alpha | beta
    run_effect(t, st, {"flag": {"id": "alpha", "value": False}})
    assert st.flags == beta
    run_effect(t, st, {"flag": {"id": "alpha", "value": False}})
    assert st.flags == beta


# if, chance, each_country, log -----------------------------------------------------------------


def test_effect_if(t: Tables, st: GameState) -> None:
    china = faction(t, "china")
    st.vp[china] = 0
    effect = {"if": {"when": {"track": {"id": "tension", "max": 3}},
                     "then": [{"vp": {"faction": "china", "amount": 1}}],
                     "else": [{"vp": {"faction": "china", "amount": -1}}]}}
    set_track(t, st, "tension", 3)
    run_effect(t, st, effect)
    assert st.vp[china] == 1
    set_track(t, st, "tension", 4)
    run_effect(t, st, effect)
    assert st.vp[china] == 0
    # No else branch: nothing happens.
    assert run_effect(t, st, {"if": {"when": {"track": {"id": "tension", "max": 3}},
                                     "then": [{"log": "never"}]}}) == []


def test_effect_chance(t: Tables, st: GameState) -> None:
    effect = {"chance": {"percent": 30, "then": [{"log": "yes"}], "else": [{"log": "no"}]}}
    outcomes = []
    for seed in range(40):
        st.rng = rng.seed_state(seed)
        expected_state, roll = rng.below(st.rng, 100)
        log = run_effect(t, st, effect)
        happens = "it happens" if roll < 30 else "it does not happen"
        # the roll is logged before its outcome, so a reader sees why the chance went as it did
        assert log == [f"Chance 30%: rolled {roll + 1} of 100, {happens}",
                       "yes" if roll < 30 else "no"]
        assert st.rng == expected_state  # exactly one draw from the state's RNG
        outcomes.append(log[1])
    assert {"yes", "no"} == set(outcomes)


def test_effect_chance_on_a_seats_view_lists_the_outcomes_as_chances(
    tiny_engine: Engine,
) -> None:
    st = tiny_engine.view(tiny_engine.new_game(scenario="tiny", seed=1),
                          tiny_engine._tables.faction_ids[0])
    before = st.to_json()
    cx = bind(tiny_engine._tables, st)
    cx.log = []
    effect = {"chance": {"percent": 30, "then": [{"track": {"id": "tension", "amount": 1}}],
                         "else": [{"log": "no"}]}}
    compile_effect(EFFECT.validate_python(effect), tiny_engine._tables)(cx)
    assert cx.log[0].startswith("30%: Tension +1")
    assert cx.log[1] == "70%: no"
    assert st.to_json() == before  # nothing rolled, nothing changed
    assert not cx.drew


def test_effect_chance_marks_hidden_information(tiny_engine: Engine) -> None:
    st = tiny_engine.new_game(scenario="tiny", seed=1)
    cx = bind(tiny_engine._tables, st)
    compile_effect(EFFECT.validate_python({"chance": {"percent": 50}}), tiny_engine._tables)(cx)
    assert cx.drew


def test_effect_each_country(t: Tables, st: GameState) -> None:
    sco, eaeu = t.org_index["sco"], t.org_index["eaeu"]
    st.members[eaeu] = 0b101  # kazakhstan and tajikistan
    st.members[sco] = 0b111
    for country in t.country_ids:
        set_inf(t, st, country, "political", "russia", 1)
    log = run_effect(t, st, {"each_country": {
        "where": {"member": {"org": "eaeu", "country": "target"}},
        "do": [{"influence": {"power": "russia", "sphere": "political", "amount": 1}},
               {"log": "in {country}"}]}}, country="kyrgyzstan")
    assert [get_inf(t, st, c, "political", "russia") for c in t.country_ids] == [2, 1, 2]
    assert log[1] == "in Kazakhstan" and log[3] == "in Tajikistan" and len(log) == 4
    # Without `where`, every country.
    run_effect(t, st, {"each_country": {"do": [{"agency": {"amount": -10}}]}})
    assert st.agency == [0, 0, 0]


def test_effect_each_country_restores_the_bound_country(tiny_engine: Engine) -> None:
    t = tiny_engine._tables
    st = tiny_engine.new_game(scenario="tiny", seed=1)
    cx = bind(t, st, country="kyrgyzstan")
    fx = compile_effects([EFFECT.validate_python({"each_country": {"do": [{"log": "x"}]}}),
                          EFFECT.validate_python({"agency": {"amount": 1}})], t)
    before = st.agency[:]
    fx(cx)
    assert cx.c == t.country_index["kyrgyzstan"]
    assert st.agency[1] == min(before[1] + 1, 5) and st.agency[0] == before[0]


def test_effect_log(t: Tables, st: GameState) -> None:
    log = run_effect(t, st, {"log": "{faction} eyes the {sphere} sphere of {country} ({power})"},
                     actor="china", country="tajikistan", sphere="military", power="russia")
    assert log == ["China eyes the military sphere of Tajikistan (Russia)"]
    assert run_effect(t, st, {"log": "plain {country}"}) == ["plain "]
    before = st.to_json()
    run_effect(t, st, {"log": "no state change"})
    assert st.to_json() == before


def test_every_effect_kind_has_a_test() -> None:
    names = {name for name in globals() if name.startswith("test_effect_")}
    missing = [k for k in ex.EFFECT_KINDS if f"test_effect_{k}" not in names]
    assert missing == []
