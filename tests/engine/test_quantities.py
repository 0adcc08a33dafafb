"""One test per quantity kind, plus the scaling of amounts (times, div, plus, min, max)."""

from __future__ import annotations

import pytest
from engine_helpers import amount, pc_index, set_inf, set_track

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
    state = tiny_engine.new_game(scenario="tiny", seed=1)
    state.inf = [0] * len(state.inf)
    return state


def test_quantity_controlled(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kazakhstan", "economic", "china", 3)  # resilience 3: controls
    set_inf(t, st, "kyrgyzstan", "economic", "china", 2)  # resilience 2: controls
    set_inf(t, st, "kyrgyzstan", "military", "china", 2)
    set_inf(t, st, "tajikistan", "economic", "china", 2)
    set_inf(t, st, "tajikistan", "economic", "russia", 1)  # lead 1 < 2: no control
    assert amount(t, st, {"of": {"controlled": {"power": "china"}}}) == 3
    assert amount(t, st, {"of": {"controlled": {"power": "china", "sphere": "economic"}}}) == 2
    assert amount(t, st, {"of": {"controlled": {"power": "china", "country": "kyrgyzstan"}}}) == 2
    assert amount(t, st, {"of": {"controlled": {"power": "self", "country": "target",
                                                "sphere": "target"}}},
                  actor="china", country="kazakhstan", sphere="economic") == 1
    assert amount(t, st, {"of": {"controlled": {"power": "russia"}}}) == 0


def test_quantity_dominated(t: Tables, st: GameState) -> None:
    for sphere in ("political", "economic", "military"):
        set_inf(t, st, "kyrgyzstan", sphere, "russia", 2)
        set_inf(t, st, "tajikistan", sphere, "russia", 2)
    set_inf(t, st, "tajikistan", "military", "china", 1)  # breaks one control: 2 of 4 left
    assert amount(t, st, {"of": {"dominated": "russia"}}) == 1
    assert amount(t, st, {"of": {"dominated": "self"}}, actor="russia") == 1
    assert amount(t, st, {"of": {"dominated": "china"}}) == 0


def test_quantity_track(t: Tables, st: GameState) -> None:
    set_track(t, st, "western_pressure", 4)
    assert amount(t, st, {"of": {"track": "western_pressure"}}) == 4


def test_quantity_influence(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kazakhstan", "economic", "eu", 2)
    set_inf(t, st, "kazakhstan", "political", "eu", 1)
    set_inf(t, st, "tajikistan", "economic", "eu", 4)
    assert amount(t, st, {"of": {"influence": {"power": "eu"}}}) == 7
    assert amount(t, st, {"of": {"influence": {"power": "eu", "sphere": "economic"}}}) == 6
    assert amount(t, st, {"of": {"influence": {"power": "eu", "country": "kazakhstan"}}}) == 3
    assert amount(t, st, {"of": {"influence": {"power": "eu", "country": "target",
                                               "sphere": "target"}}},
                  country="tajikistan", sphere="economic") == 4


def test_quantity_opinion(t: Tables, st: GameState) -> None:
    st.opinion[pc_index(t, "kyrgyzstan", "china")] = -3
    assert amount(t, st, {"of": {"opinion": {"power": "china", "country": "kyrgyzstan"}}}) == -3


def test_quantity_stance(t: Tables, st: GameState) -> None:
    st.stance[pc_index(t, "kyrgyzstan", "china")] = 2
    st.opinion[pc_index(t, "kyrgyzstan", "china")] = -1
    assert amount(t, st, {"of": {"stance": {"power": "target", "country": "target"}}},
                  country="kyrgyzstan", power="china") == 2


def test_quantity_agency(t: Tables, st: GameState) -> None:
    st.agency = [4, 2, 0]
    assert amount(t, st, {"of": {"agency": "kazakhstan"}}) == 4
    assert amount(t, st, {"of": {"agency": "own"}}, actor="kyrgyzstan") == 2
    assert amount(t, st, {"of": {"agency": "target"}}, country="tajikistan") == 0


def test_quantity_members(t: Tables, st: GameState) -> None:
    st.members[t.org_index["csto"]] = 0b101
    st.members[t.org_index["sco"]] = 0
    assert amount(t, st, {"of": {"members": "csto"}}) == 2
    assert amount(t, st, {"of": {"members": "sco"}}) == 0


def test_quantity_investors(t: Tables, st: GameState) -> None:
    set_inf(t, st, "kazakhstan", "economic", "russia", 2)
    set_inf(t, st, "kazakhstan", "economic", "china", 5)
    set_inf(t, st, "kazakhstan", "economic", "eu", 1)
    set_inf(t, st, "kazakhstan", "military", "eu", 3)
    assert amount(t, st, {"of": {"investors": {"country": "kazakhstan"}}}) == 2
    assert amount(t, st, {"of": {"investors": {"country": "kazakhstan", "min": 1}}}) == 3
    assert amount(t, st, {"of": {"investors": {"country": "kazakhstan", "min": 3}}}) == 1
    assert amount(t, st, {"of": {"investors": {"country": "own", "sphere": "military"}}},
                  actor="kazakhstan") == 1


def test_quantity_round(t: Tables, st: GameState) -> None:
    st.round, st.rounds = 3, 8
    assert amount(t, st, {"of": {"round": "current"}}) == 3
    assert amount(t, st, {"of": {"round": "remaining"}}) == 5


def test_scaled_amounts(t: Tables, st: GameState) -> None:
    set_track(t, st, "tension", 7)
    of = {"track": "tension"}
    assert amount(t, st, 3) == 3
    assert amount(t, st, {"of": of, "times": 2}) == 14
    assert amount(t, st, {"of": of, "div": 2}) == 3  # rounds down
    assert amount(t, st, {"of": of, "times": 3, "div": 2}) == 10  # times before div
    assert amount(t, st, {"of": of, "div": 2, "plus": 1}) == 4  # plus after scaling
    assert amount(t, st, {"of": of, "max": 5}) == 5
    assert amount(t, st, {"of": of, "times": -1, "min": -4}) == -4
    assert amount(t, st, {"of": of, "times": -1, "div": 2}) == -4  # floor, not truncation


def test_every_quantity_kind_has_a_test() -> None:
    names = {name for name in globals() if name.startswith("test_quantity_")}
    missing = [k for k in ex.QUANTITY_KINDS if f"test_quantity_{k}" not in names]
    assert missing == []
