"""Conditions asked once instead of once per binding or target give the same game.

Phase rules ask the parts of their condition that name no binding once per run (unless their
own effects change what those parts read), ``for_each: faction`` rules skip the factions their
``actor`` conditions exclude, and the legal-action listing asks the parts of ``where`` that
name no target once, settles the parts that read the target alone when compiling, and
remembers the targets a condition on a few other fields allowed, by those fields' values.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from engine_helpers import CONDITION, EFFECT

from chessboard.engine import reads
from chessboard.engine.actions import PASS
from chessboard.engine.conditions import compile_condition
from chessboard.engine.context import Ctx
from chessboard.engine.game import Engine
from chessboard.engine.phases import run_rules
from chessboard.engine.state import GameState
from chessboard.rules.models import CostModifier, PhaseRule


def cond(data: dict[str, Any]) -> Any:
    return CONDITION.validate_python(data)


def test_what_names_a_binding() -> None:
    assert reads.names_no_binding(cond({"round": {"min": 7}}))
    assert reads.names_no_binding(cond({"track": {"id": "tension", "max": 3}}))
    assert not reads.names_no_binding(cond({"stance": {"power": "target",
                                                       "country": "kazakhstan", "min": 1}}))
    assert not reads.names_no_binding(cond({"actor": ["powers"]}))  # reads the faction bound
    assert not reads.names_no_binding(cond({"rival_controls": {}}))  # target by default
    # for targets only, the acting faction is fixed: `self` is no binding there
    own = cond({"has_influence": {"power": "self", "country": "kazakhstan",
                                  "sphere": "economic", "min": 1}})
    assert not reads.names_no_binding(own)
    assert reads.names_no_binding(own, words=reads.TARGET_WORDS, kinds=reads.TARGET_KINDS)
    assert reads.only_names_targets(cond({"not": {"target": {"countries": ["kazakhstan"]}}}))
    assert not reads.only_names_targets(cond({"any": [{"target": {"countries": ["kazakhstan"]}},
                                                      {"round": {"min": 7}}]}))
    both = cond({"all": [{"round": {"min": 2}}, {"all": [{"flag": "x"}, {"round": {"max": 9}}]}]})
    assert [reads.condition_reads(c) for c in reads.conjuncts(both)] == [
        {"round"}, {"flags"}, {"round"}]


def test_what_effects_write() -> None:
    effects = [EFFECT.validate_python(e) for e in (
        {"influence": {"power": "china", "country": "target", "sphere": "economic",
                       "amount": 1}},
        {"if": {"when": {"round": {"min": 2}},
                "then": [{"stance": {"power": "eu", "country": "target", "amount": 1}}]}},
        {"chance": {"percent": 50, "then": [{"track": {"id": "tension", "amount": 1}}]}},
    )]
    assert reads.effect_writes(effects) == {"inf", "control", "stance", "tracks", "rng"}


def _with_rules(engine: Engine, table: str, *models: PhaseRule) -> Engine:
    phases = engine.rules.phases.model_copy(update={table: list(models)})
    return Engine(dataclasses.replace(engine.rules, phases=phases), log=False)


def rule(data: dict[str, Any]) -> PhaseRule:
    return PhaseRule.model_validate({"id": "r", "name": "R", **data})


def test_a_part_the_rule_itself_changes_is_asked_for_every_binding(engine: Engine) -> None:
    # Tension rises once per country while it is at most 2: asked once, it would rise in all.
    climbing = rule({"for_each": "country",
                     "when": {"all": [{"track": {"id": "tension", "max": 2}},
                                      {"round": {"min": 1}}]},
                     "effects": [{"track": {"id": "tension", "amount": 1}}]})
    eng = _with_rules(engine, "reactions", climbing)
    compiled = eng._compiled.reactions[0]
    assert compiled.pre is not None and compiled.when is not None  # round once, tension not
    st = eng.new_game(seed=1)
    tension = eng._tables.tension
    st.tracks[tension] = 0
    run_rules(eng._compiled.reactions, Ctx(eng._tables, st))
    assert st.tracks[tension] == 3


def test_a_part_no_binding_changes_is_asked_once(engine: Engine) -> None:
    drifting = rule({"for_each": "country_power",
                     "when": {"all": [{"round": {"min": 3}},
                                      {"stance": {"power": "target", "country": "target",
                                                  "max": 0}}]},
                     "effects": [{"stance": {"power": "target", "country": "target",
                                             "amount": 1}}]})
    eng = _with_rules(engine, "reactions", drifting)
    compiled = eng._compiled.reactions[0]
    assert compiled.pre is not None
    st = eng.new_game(seed=1)
    st.stance = [0] * len(st.stance)
    early = st.copy()
    early.round = 2
    run_rules(eng._compiled.reactions, Ctx(eng._tables, early))
    assert early.stance == [0] * len(st.stance)
    st.round = 3
    run_rules(eng._compiled.reactions, Ctx(eng._tables, st))
    assert st.stance == [1] * len(st.stance)


def test_actor_conditions_choose_the_factions_of_a_faction_rule(engine: Engine) -> None:
    powers_only = rule({"for_each": "faction",
                        "when": {"all": [{"actor": ["powers"]}, {"round": {"min": 1}}]},
                        "effects": [{"vp": {"faction": "self", "amount": 1}}]})
    eng = _with_rules(engine, "scoring", powers_only)
    t = eng._tables
    assert eng._compiled.scoring[0].actors == {f for f in range(t.F) if t.faction_is_power[f]}
    st = eng.new_game(seed=2)
    before = st.vp[:]
    run_rules(eng._compiled.scoring, Ctx(t, st))
    gained = [a - b for a, b in zip(st.vp, before, strict=True)]
    assert gained == [1 if f in st.seats and t.faction_is_power[f] else 0 for f in range(t.F)]


def every_legal(engine: Engine, st: GameState) -> list:
    """The legal actions the slow way: every action the seat has, asked one by one."""
    f = engine.current(st)
    candidates = sorted(engine._compiled.lookup[f])
    return sorted({PASS, *(a for a in candidates if engine.why_illegal(st, a) is None)})


def test_the_listing_offers_exactly_what_is_legal(engine: Engine, tiny_engine: Engine) -> None:
    for eng in (engine, tiny_engine):
        chooser = random.Random(4)
        for seed in range(3):
            st = eng.new_game(seed=seed)
            step = 0
            while not st.over:
                legal = eng.legal_actions(st)
                if step % 3 == 0:
                    assert legal == every_legal(eng, st)
                st = eng.apply(st, legal[chooser.randrange(len(legal))]).state
                step += 1


def test_target_only_parts_are_settled_when_compiling(engine: Engine) -> None:
    """An action that may never target one country is not listed there (but still explained
    there), and a part that names no target is asked once for the whole action."""
    actions = engine.rules.actions
    base = next(a for a in actions.actions if a.target.value == "country" and not a.where)
    limited = base.model_copy(update={
        "id": "limited", "name": "Limited", "where": cond(
            {"all": [{"not": {"target": {"countries": ["kazakhstan"]}}},
                     {"round": {"min": 1}}]})})
    eng = Engine(dataclasses.replace(engine.rules, actions=actions.model_copy(
        update={"actions": [*actions.actions, limited]})), log=False)
    playable = next(p for p in eng._compiled.actions if p.id == "limited")
    assert playable.pre is not None and playable.per_target is None
    for f, cands in playable.candidates.items():
        listed = {c.action for c in playable.listed.get(f, [])}
        assert listed == {c.action for c in cands if c.action.country != "kazakhstan"}
    st = eng.new_game(seed=0)
    f = eng.current(st)
    if f in playable.candidates:
        st.ip[f] = 20
        there = next(c.action for c in playable.candidates[f] if c.action.country == "kazakhstan") \
            if any(c.action.country == "kazakhstan" for c in playable.candidates[f]) else None
        legal = eng.legal_actions(st)
        assert legal == every_legal(eng, st)
        if there is not None:
            assert there not in legal
            assert "cannot target" in (eng.why_illegal(st, there) or "")


def plain_cost(engine: Engine, st: GameState, action: Any) -> int:
    """An action's cost from the YAML cost modifiers, each condition asked in full."""
    t, rules = engine._tables, engine.rules
    f = engine.current(st)
    playable, cand = engine._compiled.lookup[f][action]
    if playable.kind == "act":
        item = rules.action(playable.id)
        base, own, floor = item.cost.base, list(item.cost.modifiers), item.cost.min
    else:
        item = next(c for c in rules.all_cards() if c.id == playable.id)
        base, own, floor = item.cost, [], 0
    sphere = cand.s if cand.s >= 0 else t.sphere_index.get(getattr(item, "sphere", "") or "", -1)
    cost = base
    mods = [(m, -1) for m in own] + [
        (m, o) for o, org in enumerate(rules.organisations.organisations)
        for m in org.cost_modifiers]
    for m, org in mods:
        if m.factions and f not in t.faction_set(m.factions):
            continue
        if m.tags and not set(m.tags) & set(item.tags):
            continue
        if m.spheres and sphere not in {t.sphere_index[s] for s in m.spheres}:
            continue
        if org >= 0 and (cand.c < 0 or not st.members[org] >> cand.c & 1):
            continue
        cx = Ctx(t, st, f)
        cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
        if m.when is None or compile_condition(m.when, t)(cx):
            cost += m.add
    return max(floor, cost)


def test_settled_cost_modifiers_price_as_the_yaml_says(engine: Engine) -> None:
    """Cost modifiers with parts on the actor or the target are settled per candidate when
    compiling; every price must still be what the YAML's conditions, asked in full, give."""
    # a modifier of every shape: on the actor, the target, both with a live part, and `any`
    actions = engine.rules.actions
    place = next(a for a in actions.actions if a.target.value == "country_sphere")
    extra = [
        {"add": 2, "reason": "china in politics",
         "when": {"all": [{"actor": ["china"]}, {"target": {"spheres": ["political"]}}]}},
        {"add": 1, "reason": "a rival's or the end",
         "when": {"any": [{"actor": ["russia"]}, {"round": {"min": 5}}]}},
        {"add": -1, "reason": "not here",
         "when": {"not": {"target": {"countries": ["kazakhstan"]}}}},
    ]
    cost = place.cost.model_copy(update={"modifiers": [
        *place.cost.modifiers, *(CostModifier.model_validate(m) for m in extra)]})
    eng = Engine(dataclasses.replace(engine.rules, actions=actions.model_copy(update={
        "actions": [a if a.id != place.id else place.model_copy(update={"cost": cost})
                    for a in actions.actions]})), log=False)
    chooser = random.Random(9)
    for seed in range(2):
        st = eng.new_game(seed=seed)
        step = 0
        while not st.over:
            if step % 2 == 0:
                f = eng.current(st)
                for action in eng._compiled.lookup[f]:
                    price = eng.price(st, action)
                    assert price is not None and price.cost == plain_cost(eng, st, action), \
                        str(action)
                assert eng.legal_actions(st) == every_legal(eng, st)
            legal = eng.legal_actions(st)
            st = eng.apply(st, legal[chooser.randrange(len(legal))]).state
            step += 1


def test_a_state_key_holds_all_a_condition_reads_and_never_influence() -> None:
    member = cond({"not": {"member": {"org": "csto", "country": "target"}}})
    key = reads.state_key([member, cond({"round": {"min": 4}})])
    assert key is not None
    st = GameState()
    st.members, st.round = [1, 2], 3
    before = key(st)
    st.members = [1, 3]
    assert key(st) != before and hash(key(st)) is not None
    st.members, st.round = [1, 2], 4
    assert key(st) != before
    # influence and control change with nearly every action: no key on them
    assert reads.state_key([cond({"has_influence": {"power": "self", "country": "target",
                                                    "sphere": "economic", "min": 2}})]) is None
    assert reads.state_key([cond({"rival_controls": {}})]) is None
