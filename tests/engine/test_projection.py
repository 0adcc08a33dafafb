"""The bots' scoring probe and cheap previews give exactly what the plain computation gives."""

from __future__ import annotations

import dataclasses
import random

import pytest

from chessboard.ai.features import Evaluator
from chessboard.engine.context import Ctx
from chessboard.engine.game import Engine
from chessboard.engine.phases import run_rules
from chessboard.engine.projection import ScoringProbe, rule_reads
from chessboard.engine.state import GameState
from chessboard.rules.models import PhaseRule
from random_games import positions


def plain_projection(engine: Engine, st: GameState) -> list[int]:
    """The scoring phase run on a fresh copy, nothing cached (what the probe replaces)."""
    probe = st.copy()
    before = probe.vp[:]
    run_rules(engine._compiled.scoring, Ctx(engine._tables, probe))
    return [a - b for a, b in zip(probe.vp, before, strict=True)]




@pytest.mark.parametrize("which", ["shipped", "tiny"])
def test_probe_equals_the_scoring_phase(which: str, engine: Engine,
                                        tiny_engine: Engine) -> None:
    eng = Engine((engine if which == "shipped" else tiny_engine).rules, log=False)
    probe = ScoringProbe(eng._compiled)
    assert probe.keyed, "the shipped scoring rules only change VP: most should be cached"
    states = positions(eng, 3, seed=3)
    for st in states:
        assert probe.projected(st) == plain_projection(eng, st)
    assert probe.hits > 0 and probe.misses > 0
    for st in states[::7]:  # in place: the same answer, on the state itself
        owned = st.copy()
        assert probe.projected(owned, in_place=True) == plain_projection(eng, st)


@pytest.mark.parametrize("which", ["shipped", "tiny"])
def test_a_prepared_probe_equals_the_scoring_phase_on_every_preview(
        which: str, engine: Engine, tiny_engine: Engine) -> None:
    """As a bot uses it: prepared on a view, then asked about the preview of every legal
    action (and, once, about an unrelated position: the answer must not depend on what was
    prepared)."""
    eng = Engine((engine if which == "shipped" else tiny_engine).rules, log=False)
    probe = ScoringProbe(eng._compiled)
    states = positions(eng, 2, seed=5)
    for st in states[::4]:
        view = eng.view(st, eng._tables.faction_ids[eng.current(st)])
        probe.prepare(view)
        for action in eng.legal_actions(st):
            after = eng.preview(view, action, log=False).state
            expected = plain_projection(eng, after)
            assert probe.projected(after) == expected
            assert probe.projected(after.copy(), in_place=True) == expected
        assert probe.projected(states[0]) == plain_projection(eng, states[0])
    assert probe.reused > 0 and probe.hits > 0 and probe.misses > 0


def test_the_probe_stays_exact_when_the_seating_changes(engine: Engine) -> None:
    """The caches are kept per seating (a VP change skips the factions not seated): games of
    two seatings, their positions asked in turn, prepared or not, get the plain answer."""
    eng = Engine(engine.rules, log=False)
    probe = ScoringProbe(eng._compiled)
    chooser = random.Random(4)
    games = []
    for seats in (["russia", "china", "eu", "kazakhstan"], ["russia", "china", "eu",
                                                            "kazakhstan", "uzbekistan"]):
        st, states = eng.new_game(seats=seats, seed=4), []
        while not st.over:
            states.append(st)
            legal = eng.legal_actions(st)
            st = eng.apply_unchecked(st, legal[chooser.randrange(len(legal))]).state
        games.append(states)
    assert games[0][0].seats != games[1][0].seats
    for a, b in zip(games[0][::6], games[1][::6], strict=False):
        for st, other in ((a, b), (b, a)):
            probe.prepare(st)
            assert probe.projected(st) == plain_projection(eng, st)
            assert probe.projected(other) == plain_projection(eng, other)
    assert probe.hits > 0


def test_fine_reads_name_the_sphere_and_power_of_the_influence_read() -> None:
    one_sphere = rule({"for_each": "country",
                       "when": {"has_influence": {"power": "eu", "country": "target",
                                                  "sphere": "economic", "min": 3}},
                       "effects": [{"vp": {"faction": "eu", "amount": 1}}]})
    assert rule_reads(one_sphere, fine=True) == {"inf:economic:eu", "seats"}
    assert rule_reads(one_sphere) == {"inf", "seats"}
    every_power = rule({"for_each": "country",
                        "effects": [{"vp": {"faction": "eu", "amount": {"of": {"investors": {
                            "country": "target", "sphere": "economic"}}}}}]})
    assert rule_reads(every_power, fine=True) == {"inf:economic", "seats"}
    bound = rule({"for_each": "country_sphere",
                  "when": {"has_influence": {"power": "eu", "country": "target",
                                             "sphere": "target", "min": 3}},
                  "effects": [{"vp": {"faction": "eu",
                                      "amount": {"of": {"influence": {"power": "eu"}}}}}]})
    assert rule_reads(bound, fine=True) == {"inf", "seats"}


def rule(data: dict) -> PhaseRule:
    return PhaseRule.model_validate({"id": "r", "name": "R", **data})


def test_rule_reads_names_what_a_rule_depends_on() -> None:
    keyed = rule({"for_each": "faction", "when": {"actor": ["powers"]},
                  "effects": [{"vp": {"amount": {"of": {"controlled": {"power": "self"}}}}}]})
    assert rule_reads(keyed) == {"control", "seats"}
    nested = rule({"when": {"all": [{"track": {"id": "tension", "max": 3}},
                                    {"not": {"member": {"org": "csto", "country": "target"}}}]},
                   "effects": [{"if": {"when": {"has_influence": {"power": "china",
                                                                  "country": "target",
                                                                  "sphere": "economic",
                                                                  "min": 2}},
                                       "then": [{"vp": {"faction": "china", "amount": 1}}]}}]})
    assert rule_reads(nested) == {"tracks", "members", "inf", "seats"}
    # Anything but a VP change may feed later rules: such a rule cannot be analysed.
    assert rule_reads(rule({"effects": [{"track": {"id": "tension", "amount": 1}}]})) is None


def test_a_scoring_rule_that_is_not_a_vp_change_makes_every_rule_live(engine: Engine) -> None:
    models = list(engine.rules.phases.scoring)
    assert all(rule_reads(m) is not None for m in models)
    assert ScoringProbe(engine._compiled).keyed  # the shipped rules are cached...
    # ...but rules whose scoring also moves a track may feed later rules: nothing is cached.
    phases = engine.rules.phases.model_copy(update={"scoring": [
        *models, rule({"effects": [{"track": {"id": "tension", "amount": 1}}]})]})
    moved = Engine(dataclasses.replace(engine.rules, phases=phases), log=False)
    fallback = ScoringProbe(moved._compiled)
    assert fallback.keyed == [] and len(fallback.live) == len(models) + 1
    states = positions(moved, 1, seed=3)
    fallback.prepare(states[0])  # nothing can be reused either
    for st in states[::5]:
        assert fallback.projected(st) == plain_projection(moved, st)
    assert fallback.reused == 0


def test_preview_value_is_the_value_of_the_preview(engine: Engine) -> None:
    eng = Engine(engine.rules, log=False)
    for st in positions(eng, 1, seed=11)[::3]:
        f = eng.current(st)
        ev = Evaluator(eng, f)
        fresh = Evaluator(eng, f)  # never prepared: every term computed in full
        view = eng.view(st, eng._tables.faction_ids[f])
        ev.prepare(view)
        for action in eng.legal_actions(st):
            assert ev.preview_value(view, action) == fresh.value(eng.preview(view, action).state)


def test_previews_on_the_scratch_copy_leave_it_and_the_view_as_they_were(engine: Engine
                                                                          ) -> None:
    """The evaluator previews each action on one scratch copy of its view and puts it back:
    after every preview the copy equals the view again, and the view never changes."""
    eng = Engine(engine.rules, log=False)
    for st in positions(eng, 1, seed=13)[::4]:
        f = eng.current(st)
        ev = Evaluator(eng, f)
        view = eng.view(st, eng._tables.faction_ids[f])
        before = view.to_json()
        ev.prepare(view)
        scratch = ev._prep.scratch
        for action in eng.legal_actions(st):
            ev.preview_value(view, action)
            assert scratch.to_json() == before and scratch.ctrl is view.ctrl
        assert view.to_json() == before


def test_putting_the_scratch_copy_back_restores_every_field(engine: Engine) -> None:
    """Whatever field a preview changes (in place or replaced), GameState.restore puts it
    back."""
    from chessboard.engine.actions import PASS
    from chessboard.engine.state import (
        ACTIONS,
        CACHE,
        FIELDS,
        INT_TUPLE,
        INTS,
        LINES,
        ROWS,
        TUPLES,
    )

    eng = Engine(engine.rules, log=False)
    view = eng.view(positions(eng, 1, seed=2)[5], "russia")
    ev = Evaluator(eng, eng._tables.faction_index["russia"])
    ev.prepare(view)
    scratch = ev._prep.scratch
    for name, kind, _ in FIELDS:
        value = getattr(scratch, name)
        if kind in (INTS, TUPLES):
            value.append(value[0] if value else 7)  # changed in place, as effects do
        elif kind == CACHE:
            scratch.ctrl = [1, 2, 3]
        elif kind in (INT_TUPLE, ROWS):  # replaced, as effects do
            setattr(scratch, name, (*value, (1,) if kind == ROWS else 1))
        elif kind in (LINES, ACTIONS):  # one more item
            setattr(scratch, name, (value, "a line" if kind == LINES else PASS))
        else:  # numbers, flags and text
            setattr(scratch, name, {bool: lambda v: not v, int: lambda v: v + 1,
                                    str: lambda v: v + "x"}[type(value)](value))
        assert getattr(scratch, name) != getattr(view, name), name
    scratch.restore(ev._prep.view, ev._prep.ctrl)
    assert scratch.to_json() == view.to_json() and scratch.ctrl is view.ctrl


@pytest.mark.parametrize("guess", [None, [], [3], [1, 3], [0, 2, 4], [4]])
def test_changed_indexes_checks_the_guess_rather_than_trusting_it(guess: list[int] | None
                                                                  ) -> None:
    from chessboard.engine.changes import changed_indexes

    before = [0, 1, 2, 3, 4]
    now = [0, 9, 2, 8, 4]
    kept = before[:]
    assert changed_indexes(now, before, guess) == [1, 3]
    assert before == kept  # the list the guess was checked on is as it was
    assert changed_indexes(kept[:], before, guess) == []


def test_country_local_rules_read_only_the_country_they_are_at(engine: Engine) -> None:
    from chessboard.engine.projection import country_local

    local = rule({"for_each": "country",
                  "when": {"all": [
                      {"has_influence": {"power": "eu", "country": "target",
                                         "sphere": "economic", "min": 3}},
                      {"compare": {"left": {"of": {"agency": "target"}}, "op": ">=",
                                   "right": 4}},
                      {"track": {"id": "tension", "max": 5}}]},
                  "effects": [{"vp": {"faction": "eu", "amount": 1}}]})
    assert country_local(local)
    elsewhere = rule({"for_each": "country",
                      "when": {"has_influence": {"power": "eu", "country": "kazakhstan",
                                                 "sphere": "economic", "min": 3}},
                      "effects": [{"vp": {"faction": "eu", "amount": 1}}]})
    counted = rule({"for_each": "country",
                    "effects": [{"vp": {"faction": "eu", "amount": {
                        "of": {"controlled": {"power": "eu"}}}}}]})
    per_faction = rule({"for_each": "faction",
                        "effects": [{"vp": {"amount": {"of": {"agency": "own"}}}}]})
    for other in (elsewhere, counted, per_faction):
        assert not country_local(other)
    # the shipped rules have such groups, so the probe tests above go through them
    assert any(g.country_keys for g in ScoringProbe(engine._compiled).groups)
