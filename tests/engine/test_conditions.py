"""One test per condition kind, compiled from YAML-shaped data against the fixture tables."""

from __future__ import annotations

import pytest
from engine_helpers import check, pc_index, set_inf, set_track

from chessboard.engine.context import Tables
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.rules import expressions as ex
from chessboard.rules.loader import Rules


@pytest.fixture
def t(tiny: Rules) -> Tables:
    return Tables(tiny)


@pytest.fixture
def st(tiny_engine: Engine) -> GameState:
    return tiny_engine.new_game(scenario="tiny", seed=1)


def control(t: Tables, st: GameState, country: str, sphere: str, values: dict[str, int]) -> None:
    for power in t.power_ids:
        set_inf(t, st, country, sphere, power, values.get(power, 0))


def test_condition_track(t: Tables, st: GameState) -> None:
    set_track(t, st, "tension", 5)
    assert check(t, st, {"track": {"id": "tension", "min": 5, "max": 5}})
    assert check(t, st, {"track": {"id": "tension", "min": 5}})
    assert not check(t, st, {"track": {"id": "tension", "min": 6}})
    assert check(t, st, {"track": {"id": "tension", "max": 5}})
    assert not check(t, st, {"track": {"id": "tension", "max": 4}})
    assert check(t, st, {"track": {"id": "tension"}})  # no bounds: always


def test_condition_flag(t: Tables, st: GameState) -> None:
    st.flags = 0
    assert not check(t, st, {"flag": "alpha"})
    st.flags = t.flag("alpha")
    assert check(t, st, {"flag": "alpha"})
    assert not check(t, st, {"flag": "beta"})


def test_condition_member(t: Tables, st: GameState) -> None:
    st.members[t.org_index["csto"]] = 1 << t.country_index["tajikistan"]
    assert check(t, st, {"member": {"org": "csto", "country": "tajikistan"}})
    assert not check(t, st, {"member": {"org": "csto", "country": "kazakhstan"}})
    assert check(t, st, {"member": {"org": "csto", "country": "target"}}, country="tajikistan")
    assert check(t, st, {"member": {"org": "csto", "country": "own"}}, actor="tajikistan")
    assert not check(t, st, {"member": {"org": "csto", "country": "own"}}, actor="kazakhstan")


def test_condition_controls(t: Tables, st: GameState) -> None:
    # Kyrgyzstan's resilience is 2: control needs 2 and a lead of 2 over every rival.
    control(t, st, "kyrgyzstan", "economic", {"china": 4, "russia": 2})
    yes = {"controls": {"power": "china", "country": "kyrgyzstan", "sphere": "economic"}}
    assert check(t, st, yes)
    assert not check(t, st, {"controls": {"power": "russia", "country": "kyrgyzstan",
                                          "sphere": "economic"}})
    control(t, st, "kyrgyzstan", "economic", {"china": 4, "russia": 2, "eu": 3})
    assert not check(t, st, yes)  # the EU is within the resilience of China
    assert check(t, st, {"controls": {"power": "self", "country": "target", "sphere": "target"}},
                 actor="china", country="kyrgyzstan", sphere="economic") is False


def test_condition_dominates(t: Tables, st: GameState) -> None:
    for sphere in ("political", "economic", "military"):
        control(t, st, "tajikistan", sphere, {"russia": 3})
    control(t, st, "tajikistan", "cultural", {"china": 3})
    assert check(t, st, {"dominates": {"power": "russia", "country": "tajikistan"}})
    assert not check(t, st, {"dominates": {"power": "china", "country": "tajikistan"}})
    control(t, st, "tajikistan", "military", {"russia": 1})
    assert not check(t, st, {"dominates": {"power": "russia", "country": "tajikistan"}})


def test_condition_dominated_by(t: Tables, st: GameState) -> None:
    anyone = {"dominated_by": {"country": "target"}}
    assert not check(t, st, anyone, country="tajikistan")
    for sphere in ("political", "economic", "military"):
        control(t, st, "tajikistan", sphere, {"eu": 3})
    assert check(t, st, anyone, country="tajikistan")  # any power, the EU included
    assert not check(t, st, anyone, country="kazakhstan")
    assert check(t, st, {"dominated_by": {"country": "own"}}, actor="tajikistan")
    assert check(t, st, {"dominated_by": {"country": "tajikistan", "powers": ["eu", "china"]}})
    assert not check(t, st, {"dominated_by": {"country": "tajikistan",
                                              "powers": ["russia", "china"]}})
    control(t, st, "tajikistan", "military", {"eu": 1})
    assert not check(t, st, anyone, country="tajikistan")


def test_condition_compare(t: Tables, st: GameState) -> None:
    set_track(t, st, "tension", 4)
    set_track(t, st, "stability", 6)
    tension, stability = {"of": {"track": "tension"}}, {"of": {"track": "stability"}}
    results = {op: check(t, st, {"compare": {"left": tension, "op": op, "right": stability}})
               for op in ("<", "<=", "==", "!=", ">=", ">")}
    assert results == {"<": True, "<=": True, "==": False, "!=": True, ">=": False, ">": False}
    assert check(t, st, {"compare": {"left": tension, "op": "==",
                                     "right": {"of": {"track": "stability"}, "plus": -2}}})
    assert check(t, st, {"compare": {"left": 3, "op": "<", "right": tension}})


@pytest.mark.parametrize("kind", ["opinion", "stance"])
def test_condition_opinion_and_stance(t: Tables, st: GameState, kind: str) -> None:
    getattr(st, kind)[pc_index(t, "kazakhstan", "china")] = -2
    assert check(t, st, {kind: {"power": "china", "country": "kazakhstan", "max": -2}})
    assert not check(t, st, {kind: {"power": "china", "country": "kazakhstan", "max": -3}})
    assert check(t, st, {kind: {"power": "target", "country": "target", "min": -2, "max": 0}},
                 country="kazakhstan", power="china")
    assert not check(t, st, {kind: {"power": "china", "country": "kazakhstan", "min": -1}})


def test_condition_opinion(t: Tables, st: GameState) -> None:
    st.opinion[pc_index(t, "tajikistan", "eu")] = 3
    st.stance[pc_index(t, "tajikistan", "eu")] = -3
    assert check(t, st, {"opinion": {"power": "eu", "country": "tajikistan", "min": 3}})
    assert not check(t, st, {"stance": {"power": "eu", "country": "tajikistan", "min": 3}})


def test_condition_stance(t: Tables, st: GameState) -> None:
    st.stance[pc_index(t, "kazakhstan", "russia")] = 1
    st.opinion[pc_index(t, "kazakhstan", "russia")] = -1
    assert check(t, st, {"stance": {"power": "self", "country": "kazakhstan", "min": 1}},
                 actor="russia")
    assert not check(t, st, {"opinion": {"power": "self", "country": "kazakhstan", "min": 1}},
                     actor="russia")


def test_condition_has_influence(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kazakhstan", "cultural", "eu", 3)
    yaml = {"has_influence": {"power": "self", "country": "target", "sphere": "target",
                              "max": 7}}
    assert check(t, st, yaml, actor="eu", country="kazakhstan", sphere="cultural")
    set_inf(t, st, "kazakhstan", "cultural", "eu", 8)
    assert not check(t, st, yaml, actor="eu", country="kazakhstan", sphere="cultural")
    assert check(t, st, {"has_influence": {"power": "eu", "country": "kazakhstan",
                                           "sphere": "cultural", "min": 8}})


def test_condition_rival_controls(t: Tables, st: GameState) -> None:
    control(t, st, "kyrgyzstan", "military", {"russia": 4})
    yaml = {"rival_controls": {}}
    bound = {"country": "kyrgyzstan", "sphere": "military"}
    assert check(t, st, yaml, actor="china", **bound)
    assert not check(t, st, yaml, actor="russia", **bound)  # its own control is no rival's
    assert check(t, st, yaml, actor="kyrgyzstan", **bound)  # for a state any power is a rival
    control(t, st, "kyrgyzstan", "military", {"russia": 4, "china": 3})
    assert not check(t, st, yaml, actor="china", **bound)  # nobody controls


def test_condition_target(t: Tables, st: GameState) -> None:
    yaml = {"target": {"spheres": ["military"], "powers": ["russia"]}}
    assert check(t, st, yaml, sphere="military", power="russia")
    assert not check(t, st, yaml, sphere="economic", power="russia")
    assert not check(t, st, yaml, sphere="military", power="china")
    assert check(t, st, {"target": {"countries": ["tajikistan"]}}, country="tajikistan")
    assert not check(t, st, {"target": {"countries": ["tajikistan"]}}, country="kazakhstan")
    assert check(t, st, {"target": {}})


def test_condition_actor(t: Tables, st: GameState) -> None:
    assert check(t, st, {"actor": ["china"]}, actor="china")
    assert not check(t, st, {"actor": ["china"]}, actor="russia")
    assert check(t, st, {"actor": ["powers"]}, actor="eu")
    assert not check(t, st, {"actor": ["powers"]}, actor="kyrgyzstan")
    assert check(t, st, {"actor": ["states"]}, actor="kyrgyzstan")
    assert check(t, st, {"actor": ["eu", "states"]}, actor="tajikistan")
    # `except ID` leaves a faction out of the groups, wherever it stands in the list
    assert not check(t, st, {"actor": ["except eu", "powers"]}, actor="eu")
    assert check(t, st, {"actor": ["powers", "except eu"]}, actor="china")


def test_condition_played(t: Tables, st: GameState) -> None:
    # The "tiny" scenario seats Kazakhstan only.
    assert check(t, st, {"played": "kazakhstan"})
    assert not check(t, st, {"played": "kyrgyzstan"})
    assert check(t, st, {"played": "target"}, country="kazakhstan")
    assert not check(t, st, {"played": "target"}, country="tajikistan")


def test_condition_round(t: Tables, st: GameState) -> None:
    st.round = 3
    assert check(t, st, {"round": {"min": 3}})
    assert not check(t, st, {"round": {"min": 4}})
    assert check(t, st, {"round": {"max": 3}})
    assert not check(t, st, {"round": {"min": 1, "max": 2}})


YES = {"track": {"id": "tension", "min": 0}}
NO = {"track": {"id": "tension", "min": 99}}


def test_condition_all(t: Tables, st: GameState) -> None:
    assert check(t, st, {"all": [YES, YES]})
    assert not check(t, st, {"all": [YES, NO]})
    assert check(t, st, {"all": []})


def test_condition_any(t: Tables, st: GameState) -> None:
    assert check(t, st, {"any": [NO, YES]})
    assert not check(t, st, {"any": [NO, NO]})
    assert not check(t, st, {"any": []})


def test_condition_not(t: Tables, st: GameState) -> None:
    assert check(t, st, {"not": NO})
    assert not check(t, st, {"not": YES})
    assert check(t, st, {"not": {"not": YES}})


def test_every_condition_kind_has_a_test() -> None:
    names = {name for name in globals() if name.startswith("test_condition_")}
    missing = [k for k in ex.CONDITION_KINDS if f"test_condition_{k}" not in names]
    assert missing == []
