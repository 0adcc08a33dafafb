"""Shortcuts of the engine loop (issue 13, third pass) give what the plain paths give: the
listing's actions decided by IP alone (a table by IP), its pieces built in list order, applied
actions looked up by identity, and new games started from a board read off the rules once."""

from __future__ import annotations

import dataclasses
import random

from engine_helpers import CONDITION
from test_batch import shaken
from test_evaluated_once import every_legal

from chessboard.engine.actions import Action
from chessboard.engine.context import Ctx
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


def test_the_listing_masks_allow_what_where_allows(engine: Engine) -> None:
    """Fast path kind 4: the per-target part of ``where`` (and, for a counter, the rival's
    influence) asked for every candidate at once answers as the plain condition and
    influence test do candidate by candidate, on states whose numbers are drawn at random."""
    t = engine._tables
    rnd = random.Random(13)
    states = [shaken(t, st, rnd) for st in positions(engine, 1, 3)[::5]]
    checked = 0
    for playable in (*engine._compiled.actions, *engine._compiled.cards):
        for f, mask in playable.masks.items():
            ordered = sorted(playable.listed[f], key=lambda c: c.rank)
            assert [c.rank for c in ordered] == list(playable.fast[f][2])
            for st in states:
                plain = []
                for cand in ordered:
                    cx = Ctx(t, st, f)
                    cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
                    plain.append((cand.inf_index < 0 or st.inf[cand.inf_index] > 0)
                                 and bool(playable.per_target(cx)))
                assert [bool(v) for v in mask(st)] == plain, (playable.id, f)
                checked += 1
    assert checked >= 10  # the shipped rules have several such actions and cards


def test_a_counter_with_a_condition_lists_only_rivals_present(engine: Engine) -> None:
    """A country_sphere_power action with a per-target ``where``: its mask also needs the
    rival's influence; the listing at every IP is that of the plain path."""
    actions = engine.rules.actions
    counter = next(a for a in actions.actions if a.target.value == "country_sphere_power")
    where = CONDITION.validate_python(
        {"has_influence": {"power": "self", "country": "target", "sphere": "target", "min": 1}})
    changed = counter.model_copy(update={"where": where})
    rules = dataclasses.replace(engine.rules, actions=actions.model_copy(update={
        "actions": [changed if a is counter else a for a in actions.actions]}))
    eng = Engine(rules, log=False)
    assert any(eng._compiled.actions[i].masks for i, a in enumerate(actions.actions)
               if a is counter)
    listed = 0
    for st in positions(eng, 2, 30)[::5]:
        f = eng.current(st)
        for ip in (0, 3, 5, 9, 40):
            probe = st.copy()
            probe.ip[f] = ip
            legal = eng.legal_actions(probe)
            assert legal == every_legal(eng, probe), ip
            listed += sum(a.id == counter.id for a in legal)
    assert listed > 0
