"""Phase rule conditions asked for every binding at once (engine/batch.py) answer as the plain
closures do binding by binding; the loop that uses them runs the same bindings in the same
order; the end conditions are asked only after rules that can change them; the VP breakdown
is batched over a step and comes out the same."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
from engine_helpers import CONDITION

from chessboard.engine import batch
from chessboard.engine.conditions import compile_condition
from chessboard.engine.context import Ctx, Tables
from chessboard.engine.game import Engine
from chessboard.engine.phases import ended, run_rules
from chessboard.engine.state import GameState
from chessboard.rules.models import PhaseRule
from random_games import positions


def shaken(t: Tables, st: GameState, rnd: random.Random) -> GameState:
    """A copy with every number a condition reads drawn at random (within the rules' bounds),
    so that each comparison goes both ways somewhere."""
    out = st.copy()
    out.inf = [rnd.randrange(t.max_influence + 1) if rnd.random() < 0.6 else 0 for _ in st.inf]
    r = t.opinion_range
    out.opinion = [rnd.randint(-r, r) for _ in st.opinion]
    out.stance = [rnd.randint(-r, r) for _ in st.stance]
    out.agency = [rnd.randint(0, t.settings.agency_max) for _ in st.agency]
    out.members = [rnd.randrange(1 << t.C) for _ in st.members]
    out.tracks = [rnd.randint(lo, hi) for lo, hi in zip(t.track_min, t.track_max, strict=True)]
    out.round = rnd.randint(1, out.rounds)
    return out


BINDINGS = {
    "country": lambda t: [(-1, c, -1, -1) for c in range(t.C)],
    "power": lambda t: [(-1, -1, -1, p) for p in range(t.P)],
    "country_power": lambda t: [(-1, c, -1, p) for c in range(t.C) for p in range(t.P)],
    "country_sphere": lambda t: [(-1, c, s, -1) for c in range(t.C) for s in range(t.S)],
    "faction": lambda t: [(f, -1, -1, -1) for f in range(t.F)],
}

# Conditions of every kind a mask handles, with every reference shape.
HANDLED: list[dict[str, Any]] = [
    {"has_influence": {"power": "target", "country": "target", "sphere": "economic", "min": 3}},
    {"has_influence": {"power": "china", "country": "target", "sphere": "target", "max": 2}},
    {"has_influence": {"power": "russia", "country": "kazakhstan", "sphere": "military",
                       "min": 1, "max": 4}},
    {"opinion": {"power": "target", "country": "target", "max": -1}},
    {"stance": {"power": "eu", "country": "target", "min": 2}},
    {"track": {"id": "tension", "min": 3, "max": 7}},
    {"round": {"min": 4}},
    {"member": {"org": "csto", "country": "target"}},
    {"controls": {"power": "target", "country": "target", "sphere": "economic"}},
    {"controls": {"power": "china", "country": "target", "sphere": "target"}},
    {"dominates": {"power": "target", "country": "target"}},
    {"dominated_by": {"country": "target"}},
    {"dominated_by": {"country": "target", "powers": ["russia", "eu"]}},
    {"rival_controls": {"country": "target", "sphere": "target"}},
    {"actor": ["states"]},
    {"target": {"countries": ["kazakhstan", "uzbekistan"], "spheres": ["political"]}},
    {"compare": {"left": {"of": {"influence": {"power": "china", "country": "target",
                                               "sphere": "military"}}},
                 "op": ">=", "right": {"of": {"influence": {"power": "russia",
                                                            "country": "target",
                                                            "sphere": "military"}}}}},
    {"compare": {"left": {"of": {"stance": {"power": "target", "country": "target"}}},
                 "op": "<", "right": {"of": {"opinion": {"power": "target",
                                                         "country": "target"}}, "plus": 2}}},
    {"compare": {"left": {"of": {"agency": "target"}, "times": 3, "div": 2, "plus": -1,
                          "min": 0, "max": 5}, "op": "==", "right": 2}},
    {"compare": {"left": {"of": {"investors": {"country": "target", "min": 3}}}, "op": ">",
                 "right": {"of": {"members": "csto"}}}},
    {"compare": {"left": {"of": {"round": "remaining"}}, "op": "!=",
                 "right": {"of": {"track": "stability"}}}},
    {"not": {"all": [{"member": {"org": "eaeu", "country": "target"}},
                     {"any": [{"round": {"max": 3}}, {"dominated_by": {"country": "target"}}]}]}},
    {"all": []},
    {"any": []},
]


def _plain(model: Any, t: Tables, st: GameState, binding: batch.Binding) -> bool:
    cx = Ctx(t, st, binding[0])
    cx.c, cx.s, cx.p = binding[1], binding[2], binding[3]
    return bool(compile_condition(model, t)(cx))


@pytest.mark.parametrize("shape", sorted(BINDINGS))
def test_masks_answer_as_the_plain_conditions(engine: Engine, shape: str) -> None:
    t = engine._tables
    bindings = BINDINGS[shape](t)
    rnd = random.Random(shape)
    states = [shaken(t, st, rnd) for st in positions(engine, 1, 3)[::6]]
    handled = 0
    for data in HANDLED:
        model = CONDITION.validate_python(data)
        mask = batch.compile_mask(model, t, bindings)
        if mask is None:  # a reference this binding does not bind (`target` power of a country)
            continue
        handled += 1
        for st in states:
            assert [bool(v) for v in mask(st)] == [
                _plain(model, t, st, b) for b in bindings], (shape, data)
    assert handled >= 8


def test_what_a_mask_cannot_answer_is_left_to_the_plain_condition(engine: Engine) -> None:
    t = engine._tables
    bindings = BINDINGS["country"](t)
    for data in (
        {"played": "target"},  # a kind masks do not handle
        {"has_influence": {"power": "target", "country": "target", "sphere": "economic"}},
        {"compare": {"left": {"of": {"agency": "own"}}, "op": ">=",
                     "right": 1}},  # `own` with no acting faction
        {"compare": {"left": {"of": {"controlled": {"power": "china"}}}, "op": ">=",
                     "right": 1}},  # a quantity masks do not handle
        {"all": [{"round": {"min": 1}}, {"played": "target"}]},
    ):
        assert batch.compile_mask(CONDITION.validate_python(data), t, bindings) is None, data


def _with_rules(engine: Engine, table: str, *models: dict[str, Any]) -> Engine:
    rules = [PhaseRule.model_validate({"id": f"r{i}", "name": f"R{i}", **m})
             for i, m in enumerate(models)]
    phases = engine.rules.phases.model_copy(update={table: rules})
    return Engine(dataclasses.replace(engine.rules, phases=phases), log=False)


def _plain_run(eng: Engine, st: GameState, table: str) -> GameState:
    """The rules of a table run with every mask taken away (the plain loop)."""
    rules = [dataclasses.replace(r, mask=None) for r in getattr(eng._compiled, table)]
    out = st.copy()
    run_rules(rules, Ctx(eng._tables, out))
    return out


def test_a_rule_whose_effects_change_what_its_mask_reads_sees_each_change(
        engine: Engine) -> None:
    # Each country where China leads Russia militarily gives one point to Russia there, and
    # countries later in the loop see the earlier changes (here, the cap of 3 on the total).
    chained = {"for_each": "country_power",
               "when": {"all": [
                   {"compare": {"left": {"of": {"influence": {"power": "china",
                                                              "country": "target",
                                                              "sphere": "military"}}},
                                "op": ">", "right": {"of": {"influence": {
                                    "power": "target", "country": "target",
                                    "sphere": "military"}}}}},
                   {"compare": {"left": {"of": {"influence": {"power": "russia",
                                                              "country": "kazakhstan",
                                                              "sphere": "military"}}},
                                "op": "<", "right": 4}}]},
               "effects": [{"influence": {"power": "russia", "country": "kazakhstan",
                                          "sphere": "military", "amount": 1}},
                           {"influence": {"power": "target", "country": "target",
                                          "sphere": "military", "amount": 1}}]}
    eng = _with_rules(engine, "reactions", chained)
    compiled = eng._compiled.reactions[0]
    assert compiled.mask is not None and not compiled.stable
    t = eng._tables
    rnd = random.Random(5)
    for st in positions(eng, 1, 8)[::5]:
        st = shaken(t, st, rnd)
        masked = st.copy()
        run_rules(eng._compiled.reactions, Ctx(t, masked))
        assert masked.inf == _plain_run(eng, st, "reactions").inf


def test_the_shipped_phase_rules_run_as_the_plain_loop(engine: Engine) -> None:
    t = engine._tables
    assert any(r.mask is not None for r in engine._compiled.reactions)
    rnd = random.Random(11)
    for st in positions(engine, 2, 21)[::4]:
        st = shaken(t, st, rnd)
        for table in ("reactions", "auto_government", "scoring", "income"):
            masked = st.copy()
            run_rules(getattr(engine._compiled, table), Ctx(t, masked))
            plain = _plain_run(engine, st, table)
            assert masked.to_json() == plain.to_json(), table


def test_the_step_halts_as_soon_as_an_end_holds_even_if_it_held_before(engine: Engine) -> None:
    # Two scoring rules that only add VP: they cannot end the game, so the end conditions are
    # not asked after them, unless an end already holds when the step begins: then the first
    # rule that acts halts the step, as before.
    eng = _with_rules(engine, "scoring",
                      {"effects": [{"vp": {"faction": "russia", "amount": 1}}]},
                      {"effects": [{"vp": {"faction": "russia", "amount": 1}}]})
    assert not any(r.may_end for r in eng._compiled.scoring)
    t = eng._tables
    st = eng.new_game(seed=0)
    russia = t.faction_index["russia"]
    calm, tense = st.copy(), st.copy()
    run_rules(eng._compiled.scoring, Ctx(t, calm), stop=ended(eng._compiled))
    assert calm.vp[russia] == st.vp[russia] + 2
    tense.tracks[t.tension] = t.track_max[t.tension]
    run_rules(eng._compiled.scoring, Ctx(t, tense), stop=ended(eng._compiled))
    assert tense.vp[russia] == st.vp[russia] + 1


def test_vp_credited_in_a_batch_add_up(engine: Engine) -> None:
    for st in positions(engine, 2, 30)[::10]:
        out = st.copy()
        run_rules(engine._compiled.scoring, Ctx(engine._tables, out))
        assert out.vp_sources != st.vp_sources
        by_seat = engine.vp_sources(out)
        for faction, sources in by_seat.items():
            assert sum(sources.values()) == engine.vp(out, faction)

