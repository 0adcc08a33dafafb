"""Shortcuts of the engine loop (issue 13, third pass) give what the plain paths give: the
listing's actions decided by IP alone (a table by IP), its pieces built in list order, applied
actions looked up by identity, and new games started from a board read off the rules once."""

from __future__ import annotations

from test_evaluated_once import every_legal

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from random_games import positions


def test_the_listing_is_right_at_every_amount_of_ip(engine: Engine, tiny_engine: Engine) -> None:
    """The listing splits a seat's actions by IP when compiling (all legal at this IP, or to
    be looked at): every amount, below, inside and above the table, lists what is legal."""
    for eng in (engine, tiny_engine):
        for st in positions(eng, 1, 40)[::7]:
            f = eng.current(st)
            top = len(eng._by_ip[f])
            for ip in (*range(top + 3), 40):
                probe = st.copy()
                probe.ip[f] = ip
                assert eng.legal_actions(probe) == every_legal(eng, probe), ip


def test_an_equal_action_made_elsewhere_applies_the_same(engine: Engine) -> None:
    for st in positions(engine, 1, 50)[::9]:
        for action in engine.legal_actions(st):
            twin = Action.parse(str(action))
            assert twin is not action or action.kind == "pass"
            assert engine.apply(st, twin).state.to_json() == \
                engine.apply(st, action).state.to_json()


def test_a_preview_of_an_equal_action_made_elsewhere_is_the_same(engine: Engine) -> None:
    """preview looks the listing's own actions up by identity: a parsed twin (no identity
    hit) previews the same, and an action the seat cannot take changes nothing."""
    for st in positions(engine, 1, 50)[::9]:
        for action in engine.legal_actions(st):
            twin = Action.parse(str(action))
            assert engine.preview(st, twin).state.to_json() == \
                engine.preview(st, action).state.to_json()
        unknown = engine.preview(st, Action("act", "no_such_action"))
        assert unknown.state.to_json() == st.to_json()


def test_new_games_share_no_list_with_each_other(engine: Engine) -> None:
    first = engine.new_game(seed=3)
    second = engine.new_game(seed=3)
    for name in ("inf", "opinion", "stance", "members", "agency", "tracks"):
        assert getattr(first, name) is not getattr(second, name)
    first.inf[0] += 5
    first.tracks[0] += 1
    first.members[0] ^= 1
    assert engine.new_game(seed=3).to_json() == second.to_json()
    other = engine.new_game(scenario=engine.rules.scenarios.scenarios[-1].id, seed=3)
    assert other.scenario == engine.rules.scenarios.scenarios[-1].id
