"""The facilitator's "end after round N": an engine action recorded in the list, never a seat's."""

from __future__ import annotations

import pytest

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import IllegalActionError
from chessboard.engine.saves import SeatRecord, make_save, replay_matches, restore
from chessboard.engine.state import GameState, unroll


def _pass_until_round(engine, st: GameState, round_: int) -> GameState:
    while not st.over and st.round < round_:
        st = engine.apply(st, PASS).state
    return st


def test_end_after_this_round_ends_the_game_after_its_scoring(tiny_engine) -> None:
    st = tiny_engine.new_game(scenario="tiny", seed=3)
    assert st.rounds == 4
    st = _pass_until_round(tiny_engine, st, 2)
    st = tiny_engine.apply(st, PASS).state  # mid-round: one seat has acted
    end = Action("end", "2")
    out = tiny_engine.facilitate(st, end)
    assert out.state.rounds == 2 and out.state.round == 2 and not out.state.over
    assert any("ends the game after round 2" in line for line in out.log)
    assert tiny_engine.current(out.state) == tiny_engine.current(st)  # nobody's turn used
    st = out.state
    while not st.over:
        assert st.round == 2  # never a third round
        st = tiny_engine.apply(st, PASS).state
    assert st.end_reason == "rounds" and st.round == 2
    assert len(st.history) == 2  # round 2 was scored


def test_it_is_in_the_action_list_and_replays_from_a_save(tiny_engine) -> None:
    st = tiny_engine.new_game(scenario="tiny", seed=5)
    st = tiny_engine.facilitate(st, Action("end", "1")).state
    while not st.over:
        st = tiny_engine.apply(st, PASS).state
    assert str(unroll(st.actions)[0]) == "end:1"
    seats = [SeatRecord(tiny_engine._tables.faction_ids[f], False) for f in st.seats]
    save = make_save(tiny_engine, st, seats, rounds=4)
    assert save.rounds == 4 and save.actions[0] == "end:1"
    replayed, same = replay_matches(tiny_engine, save)
    assert same and replayed.over and replayed.round == 1
    # halfway: the first state is the set-up's (four rounds), the end comes with the action
    assert restore(tiny_engine, save, upto=0).rounds == 4
    assert restore(tiny_engine, save, upto=1).rounds == 1


def test_no_seat_may_take_it_and_bad_rounds_are_refused(tiny_engine) -> None:
    st = tiny_engine.new_game(scenario="tiny", seed=3)
    end = Action("end", "1")
    assert end not in tiny_engine.legal_actions(st)
    assert "facilitator" in (tiny_engine.why_illegal(st, end) or "")
    with pytest.raises(IllegalActionError):
        tiny_engine.apply(st, end)
    for bad, why in (("0", "already over"), ("4", "already ends"), ("x", "takes the round")):
        with pytest.raises(IllegalActionError, match=why):
            tiny_engine.facilitate(st, Action("end", bad))
    with pytest.raises(IllegalActionError, match="seat's action"):
        tiny_engine.facilitate(st, PASS)
    view = tiny_engine.view(st, "russia")
    assert "seat's view" in (tiny_engine.why_not_facilitate(view, end) or "")


def test_the_text_form_round_trips() -> None:
    assert Action.parse("end:3") == Action("end", "3")
    assert str(Action("end", "3")) == "end:3"
    with pytest.raises(ValueError, match="no target"):
        Action.parse("end:3 kazakhstan")
