"""The scoring probe: the VP the scoring phase would award now, with a cache.

Engine-internal: callers ask :meth:`~chessboard.engine.game.Engine.projected_vp` (the bots'
fast path) or :meth:`~chessboard.engine.game.Engine.scoring_preview` (by rule). The heuristic
bot scores every legal action by the VP the scoring rules would give after it
(``projected`` in :mod:`chessboard.ai.features`), which meant running every scoring rule once
per legal action. Most actions leave what most rules read unchanged (placing one influence
rarely changes who controls a sphere), so the rules are split once, from their YAML models:

* rules that read only what a compact key holds (the control map, tracks, memberships,
  agency, opinion, stance, flags, the round, the seats): their VP, summed, are cached by that
  key, which a preview rarely changes;
* rules that read raw influence (``influence``, ``has_influence``, ``investors``) run every
  time (a key holding the whole influence table was measured to cost more than it saves).

This is exact only because every scoring effect here is a plain VP change (possibly inside
``if`` or ``each_country``) that no scoring rule reads back, so the rules' VP add up in any
order. Any other effect, or any condition or quantity kind this module does not know (a kind
added later), makes every rule live: the probe then runs them all, uncached, as the engine
would.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from operator import add, sub
from typing import TYPE_CHECKING, Any

from chessboard.engine.context import Ctx
from chessboard.engine.phases import run_rules
from chessboard.rules import expressions as ex

if TYPE_CHECKING:
    from chessboard.engine.compiler import Compiled, CompiledRule
    from chessboard.engine.state import GameState

# What each condition and quantity kind reads off the state. "control" is the control map,
# which follows influence but changes far less often than it.
_CONDITION_READS: dict[str, frozenset[str]] = {
    "track": frozenset({"tracks"}),
    "flag": frozenset({"flags"}),
    "member": frozenset({"members"}),
    "controls": frozenset({"control"}),
    "dominates": frozenset({"control"}),
    "dominated_by": frozenset({"control"}),
    "opinion": frozenset({"opinion"}),
    "stance": frozenset({"stance"}),
    "has_influence": frozenset({"inf"}),
    "rival_controls": frozenset({"control"}),
    "target": frozenset(),
    "actor": frozenset(),
    "played": frozenset({"seats"}),
    "round": frozenset({"round"}),
}
_QUANTITY_READS: dict[str, frozenset[str]] = {
    "controlled": frozenset({"control"}),
    "dominated": frozenset({"control"}),
    "track": frozenset({"tracks"}),
    "influence": frozenset({"inf"}),
    "opinion": frozenset({"opinion"}),
    "stance": frozenset({"stance"}),
    "agency": frozenset({"agency"}),
    "members": frozenset({"members"}),
    "investors": frozenset({"inf"}),
    "round": frozenset({"round", "rounds"}),
}
# How the key reads each field (the control map through the engine's cache).
_KEY_PARTS: dict[str, Callable[[Any, GameState], Any]] = {
    "control": lambda t, st: tuple(t.control_map(st)),
    "tracks": lambda t, st: tuple(st.tracks),
    "members": lambda t, st: tuple(st.members),
    "agency": lambda t, st: tuple(st.agency),
    "opinion": lambda t, st: tuple(st.opinion),
    "stance": lambda t, st: tuple(st.stance),
    "flags": lambda t, st: st.flags,
    "round": lambda t, st: st.round,
    "rounds": lambda t, st: st.rounds,
    "seats": lambda t, st: st.seats,
}
MAX_ENTRIES = 50_000  # a long simulation's cache is dropped and rebuilt past this


class _Unknown(Exception):
    """An expression the analysis cannot vouch for: the rule must run live."""


def _condition(model: Any) -> frozenset[str]:
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind in ("all", "any"):
        return frozenset().union(*(_condition(c) for c in args))
    if kind == "not":
        return _condition(args)
    if kind == "compare":
        return _amount(args.left) | _amount(args.right)
    if kind not in _CONDITION_READS:
        raise _Unknown(kind)
    return _CONDITION_READS[kind]


def _amount(amount: Any) -> frozenset[str]:
    if isinstance(amount, int):
        return frozenset()
    kind = ex.kind_of(amount.of)
    if kind not in _QUANTITY_READS:
        raise _Unknown(kind)
    return _QUANTITY_READS[kind]


def _effects(models: list[Any]) -> frozenset[str]:
    reads: frozenset[str] = frozenset({"seats"})  # a VP change skips factions not seated
    for model in models:
        kind, args = ex.kind_of(model), ex.args_of(model)
        if kind == "vp":
            reads |= _amount(args.amount)
        elif kind == "if":
            reads |= _condition(args.when) | _effects(args.then) | _effects(args.else_)
        elif kind == "each_country":
            reads |= (_condition(args.where) if args.where else frozenset()) | _effects(args.do)
        elif kind != "log":
            raise _Unknown(kind)
    return reads


def rule_reads(rule: Any) -> frozenset[str] | None:
    """The state fields a scoring rule (its YAML model) reads, or None when it may do more
    than change VP or reads something this module does not know."""
    try:
        reads = _effects(list(rule.effects))
        if rule.when is not None:
            reads |= _condition(rule.when)
    except _Unknown:
        return None
    return reads | {"seats"}


class ScoringProbe:
    """Projected VP of every faction for one set of compiled rules, cached where exact."""

    def __init__(self, k: Compiled) -> None:
        self.tables = k.tables
        models = list(k.rules.phases.scoring)
        reads = [rule_reads(m) for m in models]
        # Groups of rules, each with the getters of its cache key (None: never cached).
        self.groups: list[tuple[list[CompiledRule], list[Any] | None,
                                dict[tuple[Any, ...], tuple[int, ...]]]] = []
        if all(r is not None for r in reads):
            keyed = [(rule, r) for rule, r in zip(k.scoring, reads, strict=True)
                     if r is not None and "inf" not in r]
            live = [(rule, r) for rule, r in zip(k.scoring, reads, strict=True)
                    if r is not None and "inf" in r]
            if keyed:
                fields = sorted(frozenset().union(*(r for _, r in keyed)))
                self.groups.append(([rule for rule, _ in keyed],
                                    [_KEY_PARTS[name] for name in fields], {}))
            if live:  # keyed by the whole influence table they would hit too rarely to pay
                self.groups.append(([rule for rule, _ in live], None, {}))
        else:
            self.groups.append((list(k.scoring), None, {}))
        self.hits = self.misses = 0

    @property
    def keyed(self) -> list[CompiledRule]:
        """The rules whose VP come from a cache (every one, unless one cannot be analysed)."""
        return [rule for rules, getters, _ in self.groups if getters is not None
                for rule in rules]

    @property
    def live(self) -> list[CompiledRule]:
        """The rules that run every time."""
        return [rule for rules, getters, _ in self.groups if getters is None for rule in rules]

    def projected(self, st: GameState, *, in_place: bool = False) -> list[int]:
        """VP each faction would gain if the scoring phase ran on ``st`` now.

        ``in_place`` lets rules that must run do so on ``st`` itself (a throwaway preview the
        caller owns) rather than on a copy; its VP are restored, but rules that change more
        than VP (when the analysis failed) leave their changes.
        """
        t = self.tables
        total: tuple[int, ...] | list[int] | None = None
        probe = None
        for rules, getters, cache in self.groups:
            key = tuple([get(t, st) for get in getters]) if getters is not None else None
            # (a list, not a generator: this runs for every legal action a bot weighs)
            gained = cache.get(key) if key is not None else None
            if gained is None:
                self.misses += 1
                if probe is None:
                    if in_place:
                        probe = st
                    else:
                        probe = st.copy()
                        probe.ctrl = st.ctrl  # controllers follow influence alone
                before = probe.vp[:]
                run_rules(rules, Ctx(t, probe))
                gained = tuple(map(sub, probe.vp, before))
                probe.vp[:] = before
                if key is not None:
                    if len(cache) >= MAX_ENTRIES:
                        cache.clear()
                    cache[key] = gained
            else:
                self.hits += 1
            total = gained if total is None else list(map(add, total, gained))
        return list(total) if total is not None else [0] * t.F


@lru_cache(maxsize=8)
def scoring_probe(k: Compiled) -> ScoringProbe:
    """The probe for one set of compiled rules (shared by every bot in the process)."""
    return ScoringProbe(k)
