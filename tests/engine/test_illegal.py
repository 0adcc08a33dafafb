"""Illegal actions are refused with a reason a player understands, the same from
``why_illegal`` and from ``apply`` (which raises :class:`IllegalActionError`, a ValueError)."""

from __future__ import annotations

import pytest
from engine_helpers import act, faction, random_game, set_inf, turn_of

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import Engine, IllegalActionError
from chessboard.engine.state import GameState


@pytest.fixture
def st(tiny_engine: Engine) -> GameState:
    state = tiny_engine.new_game(scenario="tiny", seed=1)
    assert tiny_engine.current_faction(state) == "eu"
    return state.copy()


def refused(engine: Engine, st: GameState, action: Action) -> str:
    """The reason, after checking apply raises with exactly that reason and changes nothing."""
    reason = engine.why_illegal(st, action)
    assert reason is not None
    before = st.to_json()
    with pytest.raises(IllegalActionError) as info:
        engine.apply(st, action)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == f"{action}: {reason}"
    assert st.to_json() == before
    if not st.hidden:  # a view lists its seat's choices, to be applied to the full state
        assert action not in engine.legal_actions(st)
    return reason


def test_another_factions_action(tiny_engine: Engine, st: GameState) -> None:
    assert refused(tiny_engine, st, act("act:place kazakhstan military")) == \
        "European Union cannot use 'Place influence'"
    assert refused(tiny_engine, st, act("card:arms_sales kazakhstan military")) == \
        "European Union cannot use 'Arms sales'"


def test_a_card_not_in_hand(tiny_engine: Engine, st: GameState) -> None:
    t = tiny_engine._tables
    st.hands[faction(t, "eu")] = (t.card_index["epca_offer"],)
    st.ip[faction(t, "eu")] = 9
    assert refused(tiny_engine, st, act("card:connectivity_strategy kazakhstan")) == \
        "European Union does not hold the card 'EU Connectivity Strategy'"


def test_an_unaffordable_action_names_the_cost_and_the_ip(tiny_engine: Engine) -> None:
    t = tiny_engine._tables
    st = turn_of(tiny_engine, tiny_engine.new_game(scenario="tiny", seed=1), "china").copy()
    st.ip[faction(t, "china")] = 2
    assert refused(tiny_engine, st, act("act:bilateral_deal kazakhstan")) == (
        "Bilateral trade deal costs 3 IP (+1: EAEU rules hinder bilateral deals); China has 2 IP")
    st.ip[faction(t, "china")] = 1
    assert refused(tiny_engine, st, act("act:bilateral_deal tajikistan")) == \
        "Bilateral trade deal costs 2 IP; China has 1 IP"
    st.ip[faction(t, "china")] = 2
    assert tiny_engine.why_illegal(st, act("act:bilateral_deal tajikistan")) is None


def test_a_counter_where_the_rival_has_no_influence(tiny_engine: Engine, st: GameState) -> None:
    t = tiny_engine._tables
    st.ip[faction(t, "eu")] = 9
    set_inf(t, st, "kazakhstan", "military", "china", 0)
    assert refused(tiny_engine, st, act("act:counter kazakhstan military @china")) == \
        "China has no military influence in Kazakhstan to counter"
    set_inf(t, st, "kazakhstan", "military", "china", 1)
    assert tiny_engine.why_illegal(st, act("act:counter kazakhstan military @china")) is None


def test_unknown_action_ids(tiny_engine: Engine, st: GameState) -> None:
    assert refused(tiny_engine, st, act("act:nuke kazakhstan")) == "there is no action 'nuke'"
    assert refused(tiny_engine, st, act("card:nope")) == "there is no card 'nope'"
    assert refused(tiny_engine, st, Action("bribe", "x")) == "unknown kind of action 'bribe'"


def test_a_target_the_action_does_not_take(tiny_engine: Engine, st: GameState) -> None:
    st.ip[faction(tiny_engine._tables, "eu")] = 9
    action = act("act:place_eu kazakhstan military")  # the EU has no military tools
    assert refused(tiny_engine, st, action) == (
        "'Place influence' takes a country and a sphere; "
        "'act:place_eu kazakhstan military' is not one of its targets")


def test_a_target_its_condition_refuses(tiny_engine: Engine, st: GameState) -> None:
    t = tiny_engine._tables
    st.ip[faction(t, "eu")] = 9
    st.hands[faction(t, "eu")] = (t.card_index["epca_offer"],)
    assert refused(tiny_engine, st, act("card:epca_offer kazakhstan")) == \
        "Partnership offer cannot target Kazakhstan: the country is already an EU partner"
    assert tiny_engine.why_illegal(st, act("card:epca_offer tajikistan")) is None


def test_nothing_is_legal_once_the_game_is_over(tiny_engine: Engine) -> None:
    st = random_game(tiny_engine, 3, scenario="tiny")
    assert refused(tiny_engine, st, PASS) == "the game is over"


def test_a_seats_view_cannot_be_played_on(tiny_engine: Engine, st: GameState) -> None:
    view = tiny_engine.view(st, "eu")
    assert refused(tiny_engine, view, PASS) == \
        "this is a seat's view, not the game: apply actions to the full state"


def test_action_text_errors_quote_the_input() -> None:
    for text in ("", "place kazakhstan", "move:place x", "act:", "act:a b c d"):
        with pytest.raises(ValueError, match="not an action") as info:
            Action.parse(text)
        assert repr(text) in str(info.value)


def test_an_action_without_target_whose_condition_fails(tiny_engine: Engine) -> None:
    t = tiny_engine._tables
    st = turn_of(tiny_engine, tiny_engine.new_game(scenario="tiny", seed=1), "russia").copy()
    st.ip[faction(t, "russia")] = 9
    st.tracks[t.track_index["asymmetry"]] = 6
    assert refused(tiny_engine, st, act("act:hedge_west")) == (
        "Hedge West is not possible now: Russia must be the junior partner (asymmetry 7 or more)")
    st.tracks[t.track_index["asymmetry"]] = 7
    assert tiny_engine.why_illegal(st, act("act:hedge_west")) is None
