"""Small engine promises found broken by hand: the text of an action without a country, and the
action-round counter of a game that ends right after an action round's last turn."""

from __future__ import annotations

import random

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine


def test_an_action_with_a_sphere_but_no_country_reads_back() -> None:
    action = Action("act", "place", "", "political")
    assert str(action) == "act:place - political"
    assert Action.parse(str(action)) == action
    assert Action.parse("act:place - political @eu") == Action("act", "place", "", "political",
                                                                "eu")
    # the usual forms are unchanged
    assert str(Action("act", "place", "kazakhstan", "military")) == \
        "act:place kazakhstan military"
    assert str(Action("act", "lobby", "", "", "eu")) == "act:lobby @eu"


def test_an_early_end_after_the_last_turn_keeps_the_action_round_in_range(
    tiny_engine: Engine,
) -> None:
    """Escalation on the last turn of the last action round used to leave action_round one
    past the rules' count in the ended game's state."""
    eng = tiny_engine
    rounds = eng._tables.settings.action_rounds
    found = 0
    for seed in range(3000):
        state = eng.new_game(scenario="tiny_west", seed=seed)
        chooser = random.Random(seed)
        while not state.over:
            before = state
            state = eng.apply(state, chooser.choice(eng.legal_actions(state))).state
        if (state.end_reason != "rounds" and state.step == eng.action_step
                and before.action_round == rounds and before.turn == len(before.order) - 1):
            found += 1
            assert state.action_round == rounds
            if found == 2:
                break
    assert found, "no game of the fixture rules ended that way: pick another scenario"
