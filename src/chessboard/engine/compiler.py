"""Compile validated rules into closures and precomputed action candidates.

Everything id-based is resolved here, once, so the hot loop of a bot or a simulation does
integer indexing only: no YAML, no dictionary of ids, no model objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chessboard.engine import batch, reads
from chessboard.engine.actions import PASS, Action
from chessboard.engine.conditions import Pred, compile_all, compile_condition, fold
from chessboard.engine.context import Ctx, Tables
from chessboard.engine.effects import Eff, compile_effects
from chessboard.engine.state import GameState
from chessboard.rules import expressions as ex
from chessboard.rules.models import (
    ActionDef,
    CostModifier,
    ForEach,
    PhaseRule,
    StrategyCard,
    TargetKind,
)

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules

# A cost modifier bound to one candidate: (organisation or -1, condition or None, add, reason).
BoundModifier = tuple[int, Pred | None, int, str]


@dataclass(slots=True)
class Candidate:
    """One fully targeted action a faction might take, with what its cost depends on."""

    action: Action
    c: int
    s: int
    p: int
    inf_index: int  # for a country_sphere_power target: the rival influence that must exist
    modifiers: tuple[BoundModifier, ...]
    rank: int = 0  # position of the action in the sorted list of every action
    surcharge: int = 0  # the most the modifiers can add: below base + this, skip them


@dataclass(slots=True)
class Playable:
    """A compiled action definition or strategy card."""

    kind: str  # "act" or "card"
    id: str
    index: int
    name: str
    text: str
    target: TargetKind
    base_cost: int
    where: Pred | None
    effects: Eff
    tags: tuple[str, ...]
    sphere: str  # a card's own sphere, "" for actions
    source: Any
    candidates: dict[int, list[Candidate]] = field(default_factory=dict)  # by faction
    min_cost: int = 0  # the cheapest any candidate can get: below this IP, skip them all
    floor: int = 0  # the rules' lowest cost, whatever the modifiers
    # Fast paths by faction, used when even the dearest candidate is affordable:
    # (dearest surcharge, kind, ranks, influence indexes) with kind 0: every candidate is
    # legal; 1: those whose rival influence (at the index) exists, 2: those whose own
    # influence is at most ``cap``, 3: those allowed before for the same values of what
    # ``where`` reads (``memo_key``), 4: those ``masks[f]`` allows. The two tuples run in
    # parallel (empty indexes but for 1 and 2).
    fast: dict[int, tuple[int, int, tuple[int, ...], tuple[int, ...]]] = \
        field(default_factory=dict)
    cap: int = 0
    # The candidates by faction as plain tuples (rank, rival influence index, modifiers,
    # surcharge, c, s, p): the slow path of legal_actions unpacks them faster than it reads
    # the attributes of a Candidate.
    rows: dict[int, tuple[tuple[Any, ...], ...]] = field(default_factory=dict)
    # ``where`` split for listing the legal actions (``where`` itself explains refusals):
    # ``pre`` names no target, so it is asked once per listing, not once per candidate;
    # parts that read the target alone were settled when compiling (``listed`` keeps the
    # candidates they allow); ``per_target`` is the rest, asked candidate by candidate.
    pre: Pred | None = None
    per_target: Pred | None = None
    # for a per-target condition that reads neither influence nor control: the state's
    # values it reads, as a key to the targets it allowed before (None: not possible)
    memo_key: Callable[[GameState], Any] | None = None
    per_target_models: tuple[Any, ...] = ()
    listed: dict[int, list[Candidate]] = field(default_factory=dict)
    # by faction: the per-target part of ``where`` (and the rival's influence) for every
    # candidate at once, in rank order (fast path kind 4; see Compiled._mask_paths)
    masks: dict[int, batch.Mask] = field(default_factory=dict)


@dataclass(slots=True)
class CompiledRule:
    id: str
    name: str
    for_each: ForEach
    when: Pred | None
    effects: Eff
    vp_source: int = 0  # index into Tables.vp_sources: the VP it gives are credited to it
    # Parts of the rule's condition asked once per run instead of once per binding: ``pre``
    # names no binding and reads nothing the rule's effects write; ``actors`` are the
    # factions a ``for_each: faction`` rule's ``actor`` conditions allow (None: all).
    pre: Pred | None = None
    actors: frozenset[int] | None = None
    # False when the rule's effects write nothing the end conditions read: no need to ask
    # them after each binding that acted (see phases.run_rules)
    may_end: bool = True
    # The per-binding condition asked for every binding at once (engine/batch.py): the
    # bindings in loop order (by faction for ``for_each: faction``), the mask of the parts
    # it can evaluate so, the parts it cannot (asked binding by binding, or None), and
    # whether the rule's effects leave what the mask reads alone (else it is asked again
    # after each binding that acted). ``mask`` None: the plain loop.
    bindings: tuple[batch.Binding, ...] = ()
    slots: tuple[int, ...] = ()  # for a faction rule: each faction's binding, or -1
    mask: batch.Mask | None = None
    rest: Pred | None = None
    stable: bool = False


@dataclass(slots=True)
class CompiledInject:
    id: str
    name: str
    text: str
    effects: Eff


@dataclass(slots=True)
class CompiledEnd:
    id: str
    name: str
    text: str
    when: Pred
    losers: frozenset[int]


@dataclass(slots=True)
class CompiledEvent:
    id: str
    name: str
    text: str
    era: int
    when: Pred | None
    effects: Eff
    what_if: bool = False  # after the paper's time: the log labels it


@dataclass(slots=True)
class _Mod:
    add: int
    factions: frozenset[int] | None
    tags: frozenset[str] | None
    spheres: frozenset[int] | None
    when: Pred | None
    reason: str
    org: int
    # the condition's model when it has actor or target parts, settled per candidate
    foldable: Any = None


class Compiled:
    """The rules as closures and tables; built once per :class:`Rules`."""

    def __init__(self, rules: Rules) -> None:
        t = self.tables = Tables(rules)
        self.rules = rules
        self.org_mods: list[_Mod] = []
        for o, org in enumerate(rules.organisations.organisations):
            self.org_mods.extend(self._mod(m, org=o) for m in org.cost_modifiers)
        self.actions: list[Playable] = []
        for i, adef in enumerate(rules.actions.actions):
            self.actions.append(self._playable("act", i, adef, adef.cost.base,
                                               adef.cost.modifiers, t.faction_set(adef.factions)))
            self.actions[-1].floor = adef.cost.min
            self.actions[-1].min_cost = max(self.actions[-1].min_cost, adef.cost.min)
        self.cards: list[Playable] = []
        self._card_models = {c.id: c for c in rules.all_cards()}
        for i, card_id in enumerate(t.card_ids):
            card = self._card_models[card_id]
            deck = next(d for d in t.deck_ids if any(c.id == card_id
                                                      for c in rules.decks[d].cards))
            holders = frozenset(f for f in range(t.F) if t.deck_ids[t.faction_deck[f]] == deck)
            self.cards.append(self._playable("card", i, card, card.cost, [], holders))
        self.actions_for: list[list[Playable]] = [
            [a for a in self.actions if f in a.candidates] for f in range(t.F)
        ]
        self.lookup: list[dict[Action, tuple[Playable, Candidate]]] = [{} for _ in range(t.F)]
        everything: set[Action] = {PASS}
        for playable in (*self.actions, *self.cards):
            for f, candidates in playable.candidates.items():
                for cand in candidates:
                    self.lookup[f][cand.action] = (playable, cand)
                    everything.add(cand.action)
        # Legal actions are listed sorted; sorting small ints is far cheaper than comparing
        # dataclasses, so every action gets its rank once, here.
        self.by_rank: list[Action] = sorted(everything)
        rank = {action: i for i, action in enumerate(self.by_rank)}
        self.pass_rank = rank[PASS]
        for playable in (*self.actions, *self.cards):
            for candidates in playable.candidates.values():
                for cand in candidates:
                    cand.rank = rank[cand.action]
        for playable in (*self.actions, *self.cards):
            playable.rows = {
                f: tuple((c.rank, c.inf_index, c.modifiers, c.surcharge, c.c, c.s, c.p)
                         for c in candidates)
                for f, candidates in playable.listed.items()
            }
        for i, adef in enumerate(rules.actions.actions):
            self._fast_paths(self.actions[i], adef, t)
        for playable in self.cards:
            self._fast_paths(playable, self._card_models[playable.id], t)
        self.base_income = tuple(f.base_income for f in rules.game.factions)
        phases = rules.phases
        try:  # what the end conditions read: a rule writing none of it cannot end the game
            self._end_reads: frozenset[str] | None = frozenset().union(
                *(reads.condition_reads(e.when) for e in phases.end_conditions))
        except reads.Unknown:
            self._end_reads = None
        self.income = [self._rule(r, "income") for r in phases.income]
        self.reactions = [self._rule(r, "reactions") for r in phases.reactions]
        self.auto_government = [self._rule(r, "auto_government") for r in phases.auto_government]
        self.scoring = [self._rule(r, "scoring") for r in phases.scoring]
        self.ends = [
            CompiledEnd(e.id, e.name, e.text, compile_condition(e.when, t),
                        frozenset(t.faction_index[f] for f in e.losers))
            for e in phases.end_conditions
        ]
        # whether any end condition holds: asked after every action and every acting phase
        # rule, so made once here rather than at each step
        self.any_end = _any_end(tuple(end.when for end in self.ends))
        self.tiebreak = [t.faction_index[f] for f in phases.tiebreak]
        self.events = [
            CompiledEvent(e.id, e.name, e.text, t.era_ids.index(e.era),
                          compile_condition(e.when, t) if e.when else None,
                          compile_effects(e.effects, t), e.what_if)
            for e in rules.events.events
        ]
        self.injects = [CompiledInject(i.id, i.name, i.text, compile_effects(i.effects, t))
                        for i in rules.injects.injects]
        self.inject_index = {i.id: n for n, i in enumerate(self.injects)}
        self.event_index = {e.id: n for n, e in enumerate(self.events)}
        # (scenario, round) -> what the scenario brings into play when that round's actions
        # begin, as the facilitator's actions would name them
        self.scheduled: dict[tuple[str, int], list[Action]] = {}
        for scenario in rules.scenarios.scenarios:
            for planned in scenario.injects:
                action = Action("inject", planned.inject) if planned.inject is not None \
                    else Action("news", planned.news or "")
                self.scheduled.setdefault((scenario.id, planned.round), []).append(action)
        self.scenario_setup = {
            s.id: compile_effects(s.setup, t) if s.setup else None
            for s in rules.scenarios.scenarios
        }
        for scenario in rules.scenarios.scenarios:
            for flag_id in scenario.flags:
                t.flag(flag_id)

    # ----------------------------------------------------------------------------------------

    def _mod(self, m: CostModifier, *, org: int = -1) -> _Mod:
        t = self.tables
        return _Mod(
            add=m.add,
            factions=t.faction_set(m.factions) if m.factions else None,
            tags=frozenset(m.tags) if m.tags else None,
            spheres=frozenset(t.sphere_index[s] for s in m.spheres) if m.spheres else None,
            when=compile_condition(m.when, t) if m.when else None,
            reason=m.reason,
            org=org,
            foldable=m.when if m.when is not None and not reads.names_no_binding(
                m.when, words=frozenset(), kinds=frozenset({"actor", "target"})) else None,
        )

    @staticmethod
    def _fast_paths(playable: Playable, item: ActionDef | StrategyCard, t: Tables) -> None:
        models = playable.per_target_models
        where = models[0] if len(models) == 1 else None
        cap = None
        if isinstance(where, ex.HasInfluenceC):
            a = where.has_influence
            if (a.power, a.country, a.sphere, a.min) == ("self", "target", "target", None):
                cap = a.max
        rival = item.target == TargetKind.country_sphere_power
        if models and cap is None:
            # a condition on a few fields besides the target: the allowed targets are
            # remembered by those fields' values (kind 3), if they exclude influence
            playable.memo_key = None if rival else reads.state_key(models)
            if playable.memo_key is None:
                # else asked for every candidate at once, if engine/batch.py can (kind 4)
                Compiled._mask_paths(playable, models, rival, t)
                return
        for f, cands in playable.listed.items():
            surcharge = max((c.surcharge for c in cands), default=0)
            # the fast path tests base + surcharge; a floor above the base raises that bound
            surcharge = max(surcharge, playable.floor - playable.base_cost)
            if cap is not None and rival:
                continue
            ranks = tuple(c.rank for c in cands)
            if playable.memo_key is not None:
                playable.fast[f] = (surcharge, 3, ranks, ())
            elif cap is not None:
                own = t.faction_power[f]
                indexes = tuple((c.c * t.S + c.s) * t.P + own for c in cands)
                playable.fast[f] = (surcharge, 2, ranks, indexes)
                playable.cap = cap
            elif rival:
                playable.fast[f] = (surcharge, 1, ranks, tuple(c.inf_index for c in cands))
            else:
                playable.fast[f] = (surcharge, 0, ranks, ())

    @staticmethod
    def _mask_paths(playable: Playable, models: tuple[Any, ...], rival: bool, t: Tables) -> None:
        """Kind 4 of the fast paths: the per-target part of ``where`` as a mask over the
        candidates in rank order (engine/batch.py), the rival's influence tested with it for
        a country_sphere_power target; also the slow path's filter (``Playable.masks``).
        Nothing when a part is of a kind a mask does not handle: candidates are then asked
        one by one, as before."""
        for f, cands in playable.listed.items():
            ordered = sorted(cands, key=lambda c: c.rank)
            bindings = [(f, c.c, c.s, c.p) for c in ordered]
            parts = [batch.compile_mask(m, t, bindings) for m in models]
            if any(part is None for part in parts):
                continue
            mask = batch.join_masks([part for part in parts if part is not None])
            if rival:
                mask = batch.with_influence(mask, [c.inf_index for c in ordered])
            surcharge = max(max((c.surcharge for c in cands), default=0),
                            playable.floor - playable.base_cost)
            playable.fast[f] = (surcharge, 4, tuple(c.rank for c in ordered), ())
            playable.masks[f] = mask

    def _rule(self, r: PhaseRule, table: str) -> CompiledRule:
        t = self.tables
        rule = CompiledRule(r.id, r.name, r.for_each,
                            compile_condition(r.when, t) if r.when else None,
                            compile_effects(r.effects, t), t.vp_source_index[f"{table}:{r.id}"])
        try:
            writes: frozenset[str] | None = reads.effect_writes(list(r.effects))
        except reads.Unknown:
            writes = None
        rule.may_end = writes is None or self._end_reads is None or \
            not writes.isdisjoint(self._end_reads)
        if r.when is None or r.for_each == ForEach.once:
            return rule
        per_binding, once = [], []
        for part in reads.conjuncts(r.when):
            if r.for_each == ForEach.faction and ex.kind_of(part) == "actor":
                # reads the loop's own faction and nothing else: settled before the loop
                allowed = t.faction_set(ex.args_of(part))
                rule.actors = allowed if rule.actors is None else rule.actors & allowed
            elif writes is not None and reads.names_no_binding(part) \
                    and reads.condition_reads(part).isdisjoint(writes):
                once.append(part)  # the same for every binding, and no binding changes it
            else:
                per_binding.append(part)
        rule.pre = compile_all(once, t)
        rule.when = compile_all(per_binding, t)
        if per_binding:
            self._batch(rule, per_binding, writes)
        return rule

    def _batch(self, rule: CompiledRule, parts: list[Any], writes: frozenset[str] | None) -> None:
        """Prepare the rule's condition to be asked for all its bindings at once, for the
        parts engine/batch.py can evaluate so (the others stay per binding, in ``rest``)."""
        t = self.tables
        each = rule.for_each
        C, S, P = range(t.C), range(t.S), range(t.P)
        bindings: list[batch.Binding]
        if each == ForEach.faction:
            bindings = [(f, -1, -1, -1) for f in range(t.F)
                        if rule.actors is None or f in rule.actors]
        elif each == ForEach.power:
            bindings = [(-1, -1, -1, p) for p in P]
        elif each == ForEach.country:
            bindings = [(-1, c, -1, -1) for c in C]
        elif each == ForEach.country_power:
            bindings = [(-1, c, -1, p) for c in C for p in P]
        elif each == ForEach.country_sphere:
            bindings = [(-1, c, s, -1) for c in C for s in S]
        else:  # a kind of loop this does not know: the plain loop
            return
        masks, rest = [], []
        for part in parts:
            mask = batch.compile_mask(part, t, bindings)
            if mask is None:
                rest.append(part)
            else:
                masks.append((part, mask))
        if not masks:
            return
        try:
            read = frozenset().union(*(reads.condition_reads(part) for part, _ in masks))
        except reads.Unknown:  # pragma: no cover - every kind a mask handles is known
            read = None
        rule.bindings = tuple(bindings)
        position = {b[0]: i for i, b in enumerate(bindings)}
        rule.slots = tuple(position.get(f, -1) for f in range(t.F))
        rule.mask = batch.join_masks([mask for _, mask in masks])
        rule.rest = compile_all(rest, t)
        rule.stable = writes is not None and read is not None and read.isdisjoint(writes)

    def _playable(
        self,
        kind: str,
        index: int,
        item: ActionDef | StrategyCard,
        base_cost: int,
        own_modifiers: list[CostModifier],
        factions: frozenset[int],
    ) -> Playable:
        t = self.tables
        playable = Playable(
            kind=kind, id=item.id, index=index, name=item.name, text=item.text,
            target=item.target, base_cost=base_cost,
            where=compile_condition(item.where, t) if item.where else None,
            effects=compile_effects(item.effects, t), tags=tuple(item.tags),
            sphere=getattr(item, "sphere", "") or "", source=item.source,
        )
        mods = [self._mod(m) for m in own_modifiers] + self.org_mods
        fixed: list[Pred] = []  # parts of `where` that read the target alone
        if item.where is not None:
            once, per_target = [], []
            for part in reads.conjuncts(item.where):
                if reads.only_names_targets(part):
                    fixed.append(compile_condition(part, t))
                elif reads.names_no_binding(part, words=reads.TARGET_WORDS,
                                            kinds=reads.TARGET_KINDS):
                    once.append(part)
                else:
                    per_target.append(part)
            playable.pre = compile_all(once, t)
            playable.per_target = compile_all(per_target, t)
            playable.per_target_models = tuple(per_target)
        countries = [t.country_index[c] for c in item.countries] if item.countries else \
            list(range(t.C))
        spheres = [t.sphere_index[s] for s in item.spheres] if item.spheres else list(range(t.S))
        own_sphere = t.sphere_index.get(playable.sphere, -1)
        for f in sorted(factions):
            own_power = t.faction_power[f]
            cs = countries
            if item.own_country:
                cs = [c for c in countries if c == t.faction_country[f]]
            powers = [p for p in range(t.P) if p != own_power]
            targets: list[tuple[int, int, int]]
            if item.target == TargetKind.none:
                targets = [(-1, -1, -1)]
            elif item.target == TargetKind.country:
                targets = [(c, -1, -1) for c in cs]
            elif item.target == TargetKind.country_sphere:
                targets = [(c, s, -1) for c in cs for s in spheres]
            elif item.target == TargetKind.country_sphere_power:
                targets = [(c, s, p) for c in cs for s in spheres for p in powers]
            elif item.target == TargetKind.country_power:
                targets = [(c, -1, p) for c in cs for p in powers]
            else:
                targets = [(-1, -1, p) for p in powers]
            out = []
            for c, s, p in targets:
                action = Action(
                    kind, item.id,
                    t.country_ids[c] if c >= 0 else "",
                    t.sphere_ids[s] if s >= 0 else "",
                    t.power_ids[p] if p >= 0 else "",
                )
                sphere_for_mods = s if s >= 0 else own_sphere
                settled = tuple(
                    (m.org, when, m.add, m.reason)
                    for m in mods
                    if (m.factions is None or f in m.factions)
                    and (m.tags is None or m.tags & set(item.tags))
                    and (m.spheres is None or sphere_for_mods in m.spheres)
                    and (m.org < 0 or c >= 0)
                    # a part on the actor or the target is settled here, once: the
                    # modifier drops out, applies always, or keeps only the rest
                    for when in [m.when if m.foldable is None else
                                 fold(m.foldable, t, _bound(t, f, c, s, p))]
                    if when is not False
                )
                bound: tuple[BoundModifier, ...] = tuple(
                    (org, None if when is True else when, add, reason)
                    for org, when, add, reason in settled)
                inf_index = (c * t.S + s) * t.P + p \
                    if item.target == TargetKind.country_sphere_power else -1
                surcharge = sum(add for _, _, add, _ in bound if add > 0)
                out.append(Candidate(action, c, s, p, inf_index, bound, 0, surcharge))
            if out:
                playable.candidates[f] = out
                listed = [cand for cand in out if all(
                    check(_bound(t, f, cand.c, cand.s, cand.p)) for check in fixed)]
                if listed:
                    playable.listed[f] = listed
        playable.min_cost = max(0, base_cost + min(
            (sum(add for _, _, add, _ in cand.modifiers if add < 0)
             for cands in playable.candidates.values() for cand in cands),
            default=0,
        ))
        return playable


def _any_end(ends: tuple[Pred, ...]) -> Pred:
    """Whether any of the end conditions ``ends`` holds, in their order."""
    if len(ends) == 1:  # the usual case
        return ends[0]

    def any_end(cx: Ctx) -> bool:
        for when in ends:  # noqa: SIM110 - an explicit loop: any(generator) is slower here
            if when(cx):
                return True
        return False

    return any_end


def _bound(t: Tables, f: int, c: int, s: int, p: int) -> Ctx:
    """A context bound to a candidate's actor and target, for conditions that read nothing
    else (the state is blank)."""
    cx = Ctx(t, GameState(), f)
    cx.c, cx.s, cx.p = c, s, p
    return cx
