"""The scoring probe: the VP the scoring phase would award now, reusing what it can.

Engine-internal: callers ask :meth:`~chessboard.engine.game.Engine.projected_vp` (the bots'
fast path) or :meth:`~chessboard.engine.game.Engine.scoring_preview` (by rule). The heuristic
bot scores every legal action by the VP the scoring rules would give after it
(``projected`` in :mod:`chessboard.ai.features`), which meant running every scoring rule once
per legal action. Most actions leave what most rules read unchanged (placing one influence
rarely changes who controls a sphere), so the rules are analysed once, from their YAML models,
for what they read (the control map, tracks, memberships, agency, opinion, stance, flags, the
round, the seats, and influence: in one named sphere, or anywhere), and grouped by it. A
group's VP then come, cheapest first:

* from the prepared position (the bot's view, before its previews) when the state asked
  about differs from it in nothing the group reads;
* from a cache keyed by what the group reads (influence by the cells of its sphere);
* by running the group's rules.

This is exact only because every scoring effect here is a plain VP change (possibly inside
``if`` or ``each_country``) that no scoring rule reads back, so the rules' VP add up in any
order and grouping. Any other effect, or any condition or quantity kind this module does not
know (a kind added later), makes every rule live: the probe then runs them all, uncached, as
the engine would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from itertools import compress
from operator import add, attrgetter, itemgetter, ne, sub
from typing import TYPE_CHECKING, Any

from chessboard.engine.changes import changed_indexes
from chessboard.engine.context import Ctx
from chessboard.engine.phases import run_rules
from chessboard.engine.reads import CONDITION_READS, QUANTITY_READS, Unknown
from chessboard.rules import expressions as ex
from chessboard.rules.models import ForEach

if TYPE_CHECKING:
    from chessboard.engine.compiler import Compiled, CompiledRule
    from chessboard.engine.state import GameState

# How the key reads each field (the control map through the engine's cache).
_KEY_PARTS: dict[str, Callable[[Any, GameState], Any]] = {
    "control": lambda t, st: tuple(st.ctrl if st.ctrl is not None else t.control_map(st)),
    "tracks": lambda t, st: tuple(st.tracks),
    "members": lambda t, st: tuple(st.members),
    "agency": lambda t, st: tuple(st.agency),
    "opinion": lambda t, st: tuple(st.opinion),
    "stance": lambda t, st: tuple(st.stance),
    "flags": lambda t, st: st.flags,
    "round": lambda t, st: st.round,
    "rounds": lambda t, st: st.rounds,
    "seats": lambda t, st: st.seats,
    "inf": lambda t, st: tuple(st.inf),
}
# the parts read straight off the state, without a call into Python
_PLAIN = {"flags", "round", "rounds", "seats"}
# the fields with one entry per country (per country and power: _BY_POWER)
_COUNTRY_SPANS = {"agency": 1, "opinion": 1, "stance": 1}
_BY_POWER = frozenset({"opinion", "stance"})
MAX_ENTRIES = 50_000  # a long simulation's cache is dropped and rebuilt past this


# A rule's reads at the finest grain the probe uses: the names above, except that influence
# read in one fixed sphere is "inf:<sphere id>", and of one fixed power there too
# "inf:<sphere id>:<power id>" (a preview that places Russian political influence leaves a
# rule on the EU's political influence as it was); "inf" alone means any influence.
_WORDS = ("self", "own", "target", "all")


def _inf_token(sphere: str | None, power: str | None, fine: bool) -> frozenset[str]:
    if not fine or sphere is None or sphere in _WORDS:
        return frozenset({"inf"})
    if power is None or power in _WORDS:
        return frozenset({f"inf:{sphere}"})
    return frozenset({f"inf:{sphere}:{power}"})


def _condition(model: Any, fine: bool = False) -> frozenset[str]:
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind in ("all", "any"):
        return frozenset().union(*(_condition(c, fine) for c in args))
    if kind == "not":
        return _condition(args, fine)
    if kind == "compare":
        return _amount(args.left, fine) | _amount(args.right, fine)
    if kind not in CONDITION_READS:
        raise Unknown(kind)
    if kind == "has_influence":
        return _inf_token(args.sphere, args.power, fine)
    return CONDITION_READS[kind]


def _amount(amount: Any, fine: bool = False) -> frozenset[str]:
    if isinstance(amount, int):
        return frozenset()
    kind, args = ex.kind_of(amount.of), ex.args_of(amount.of)
    if kind not in QUANTITY_READS:
        raise Unknown(kind)
    if kind in ("influence", "investors"):
        return _inf_token(args.sphere, getattr(args, "power", None), fine)
    return QUANTITY_READS[kind]


def _effects(models: list[Any], fine: bool = False) -> frozenset[str]:
    reads: frozenset[str] = frozenset({"seats"})  # a VP change skips factions not seated
    for model in models:
        kind, args = ex.kind_of(model), ex.args_of(model)
        if kind == "vp":
            reads |= _amount(args.amount, fine)
        elif kind == "if":
            reads |= _condition(args.when, fine) | _effects(args.then, fine) | \
                _effects(args.else_, fine)
        elif kind == "each_country":
            reads |= (_condition(args.where, fine) if args.where else frozenset()) | \
                _effects(args.do, fine)
        elif kind != "log":
            raise Unknown(kind)
    return reads


def rule_reads(rule: Any, *, fine: bool = False) -> frozenset[str] | None:
    """The state fields a scoring rule (its YAML model) reads, or None when it may do more
    than change VP or reads something this module does not know. ``fine`` names influence
    read in one fixed sphere ``inf:<sphere id>`` (``inf:<sphere id>:<power id>`` for one
    fixed power) rather than ``inf``."""
    try:
        reads = _effects(list(rule.effects), fine)
        if rule.when is not None:
            reads |= _condition(rule.when, fine)
    except Unknown:
        return None
    return reads | {"seats"}


# Kinds that read one country, named by their ``country`` argument (``agency``: the argument
# is the country), and kinds that read no country at all: a ``for_each: country`` rule whose
# every country is ``target`` and every kind one of these gives each country's VP from that
# country alone (and the fields no country owns).
_COUNTRY_CONDITIONS = frozenset({"has_influence", "opinion", "stance", "controls", "dominates",
                                 "dominated_by", "member", "rival_controls"})
_COUNTRY_QUANTITIES = frozenset({"influence", "opinion", "stance", "investors"})
_NO_COUNTRY = frozenset({"track", "round", "flag", "played", "target", "actor"})


def _local_condition(model: Any) -> bool:
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind in ("all", "any"):
        return all(_local_condition(c) for c in args)
    if kind == "not":
        return _local_condition(args)
    if kind == "compare":
        return _local_amount(args.left) and _local_amount(args.right)
    if kind in _COUNTRY_CONDITIONS:
        return getattr(args, "country", None) == "target"
    return kind in _NO_COUNTRY


def _local_amount(amount: Any) -> bool:
    if isinstance(amount, int):
        return True
    kind, args = ex.kind_of(amount.of), ex.args_of(amount.of)
    if kind == "agency":
        return args == "target"
    if kind in _COUNTRY_QUANTITIES:
        return getattr(args, "country", None) == "target"
    return kind in ("track", "round")


def _local_effects(models: list[Any]) -> bool:
    for model in models:
        kind, args = ex.kind_of(model), ex.args_of(model)
        if kind == "vp":
            if not _local_amount(args.amount):
                return False
        elif kind == "if":
            if not (_local_condition(args.when) and _local_effects(args.then)
                    and _local_effects(args.else_)):
                return False
        elif kind != "log":
            return False
    return True


def country_local(rule: Any) -> bool:
    """Whether a scoring rule (its YAML model) repeats over the countries and reads, for
    each, only that country (``target``) and fields no country owns (tracks, the round...):
    its VP are then the sum of what each country gives, and a country's share changes only
    when that country's data (or such a field) does."""
    try:
        return rule.for_each == ForEach.country and _local_effects(list(rule.effects)) and (
            rule.when is None or _local_condition(rule.when))
    except (AttributeError, StopIteration):  # a shape this analysis does not know
        return False


class _Group:
    """Scoring rules that read the same fields: they are run, cached and reused together."""

    __slots__ = ("cache", "country_caches", "country_keys", "key", "reads", "rules")

    def __init__(self, rules: list[CompiledRule], reads: frozenset[str] | None,
                 key: Callable[[GameState], Any] | None) -> None:
        self.rules = rules
        self.reads = reads  # None: could not be analysed, always runs
        self.key = key  # what the cache is keyed by; None: never cached
        self.cache: dict[Any, tuple[int, ...]] = {}
        # for rules that are all country_local: per country, what its share is keyed by
        # (its own cells and the fields no country owns) and the cache of its shares
        self.country_keys: list[Callable[[GameState], Any]] | None = None
        self.country_caches: list[dict[Any, tuple[int, ...]]] = []


def _reads_cell(token: str, sphere: str, power: str) -> bool:
    """Whether a read token (``inf``, ``inf:<sphere>``, ``inf:<sphere>:<power>``) covers the
    influence cell of ``sphere`` and ``power``."""
    parts = token.split(":")
    return parts[0] == "inf" and all(
        part == want for part, want in zip(parts[1:], (sphere, power), strict=False))


class _Base:
    """A prepared position (the bot's view before its previews): its copy, the fields the
    rules read but influence and controllers, and each group's VP on it, computed when first
    needed."""

    __slots__ = ("countries", "gains", "rest", "state", "total")

    def __init__(self, st: GameState, rest: tuple[Any, ...]) -> None:
        self.state = st  # a private copy (changed_indexes may change its influence a moment)
        self.rest = rest  # the values of ScoringProbe._rest on it
        self.gains: list[tuple[int, ...]] = []  # per group, in order
        self.total: list[int] | None = None  # their sum
        # per country_local group (by id): each country's key and share on it
        self.countries: dict[int, tuple[list[Any], list[tuple[int, ...]]]] = {}


class ScoringProbe:
    """Projected VP of every faction for one set of compiled rules, cached where exact.

    The rules are grouped by what they read (their YAML, analysed once). A group's VP are
    taken, in this order: from the prepared position (:meth:`prepare`) when nothing the group
    reads differs from it; from a cache keyed by what the group reads, unless that includes
    raw influence; else by running the group's rules. A group's VP depend only on what it
    reads (every scoring effect is a plain VP change no scoring rule reads back), and VP are
    integers, so the total does not depend on where each group's share came from.
    """

    def __init__(self, k: Compiled) -> None:
        self.tables = k.tables
        models = list(k.rules.phases.scoring)
        reads = [rule_reads(m, fine=True) for m in models]
        self.groups: list[_Group] = []
        if all(r is not None for r in reads):
            by_reads: dict[tuple[frozenset[str], bool], list[CompiledRule]] = {}
            for rule, model, r in zip(k.scoring, models, reads, strict=True):
                assert r is not None
                by_reads.setdefault((r, country_local(model)), []).append(rule)
            for (r, local), rules in by_reads.items():
                group = _Group(rules, r, self._key(r))
                if local:
                    group.country_keys = [self._key(r, c) for c in range(k.tables.C)]
                    group.country_caches = [{} for _ in range(k.tables.C)]
                self.groups.append(group)
        elif k.scoring:
            self.groups.append(_Group(list(k.scoring), None, None))
        # what prepare snapshots: every field some group reads ("inf" covers inf:<sphere>)
        names = {name.split(":")[0] for g in self.groups if g.reads for name in g.reads}
        # Which groups read each field, and each influence cell, as a bit mask over the
        # groups: a preview's changes then name the groups to redo in a few integer ORs.
        t = k.tables
        masks = dict.fromkeys(names, 0)
        self._cell_masks = [0] * (t.C * t.S * t.P)
        for g, group in enumerate(self.groups):
            for name in group.reads or ():
                masks[name.split(":")[0]] |= 1 << g
                if name.startswith("inf"):
                    for i in range(len(self._cell_masks)):
                        if _reads_cell(name, t.sphere_ids[i // t.P % t.S],
                                       t.power_ids[i % t.P]):
                            self._cell_masks[i] |= 1 << g
        # Compared with the prepared position's: the fields but influence and the control
        # map all at once (one tuple of lists: usually equal), then one by one when not;
        # the control map by identity first, as it is the same list while no controller
        # changes; influence through changed_indexes.
        self._names = sorted(names)
        rest = [name for name in self._names if name not in ("inf", "control")]
        self._rest_masks = tuple(masks[name] for name in rest)
        # Fields whose entries each belong to one country: how many entries a country has
        # (its entry of index i is country i // span); 0 for the fields no country owns. A
        # change to such a field names only the countries it touched, so a country_local
        # group reruns those alone.
        self._rest_spans = tuple(_COUNTRY_SPANS.get(name, 0) * (t.P if name in _BY_POWER else 1)
                                 for name in rest)
        # the control map's entries: C * S controllers (country i // S), then C dominators
        self._control_countries = [i // t.S for i in range(t.C * t.S)] + list(range(t.C))
        self._rest: Callable[[GameState], tuple[Any, ...]] | None = (
            attrgetter(*rest) if len(rest) > 1 else
            (lambda st, name=rest[0]: (getattr(st, name),)) if rest else None)
        self._control_mask = masks.get("control", 0)
        self._cell_countries = [1 << (i // (t.S * t.P)) for i in range(t.C * t.S * t.P)]
        self._inf_read = "inf" in names
        self._base: _Base | None = None
        # the groups a mask of changes names, in order (met again and again: remembered),
        # with how many times each mask was met (for ``reused``)
        self._selected: dict[int, list[Any]] = {}
        self._countries: dict[int, tuple[int, ...]] = {}  # the same for masks of countries
        self.hits = self.misses = 0
        # the seating the caches hold VP for (keys leave the seats out: see _seat)
        self._seats: tuple[int, ...] | None = None

    @property
    def reused(self) -> int:
        """How many times a group's VP came from the prepared position."""
        n = len(self.groups)
        return sum((n - len(selected)) * count for selected, count in self._selected.values())

    def _key(self, reads: frozenset[str], country: int = -1) -> Callable[[GameState], Any]:
        """How a group's cache key reads a state: the influence cells of the spheres (and
        powers) it reads, taken in one call, then each other field it reads. With a
        ``country``, only that country's part of the fields countries own (for rules that
        read nothing else of them: see country_local)."""
        t = self.tables
        C, S, P = t.C, t.S, t.P
        cells: set[int] = set()
        parts: list[Callable[[GameState], Any]] = []
        for name in sorted(reads):
            if name == "seats":  # every group reads them: the caches are per seating
                continue
            if name.startswith("inf"):
                cells.update(i for i in range(C * S * P) if (country < 0 or i // (S * P) == country)
                             and _reads_cell(name, t.sphere_ids[i // P % S], t.power_ids[i % P]))
            elif country < 0 or name not in ("control", "opinion", "stance", "agency"):
                parts.append(attrgetter(name) if name in _PLAIN else
                             partial(_KEY_PARTS[name], t))
            elif name == "control":  # the country's controllers and its dominator
                mine = itemgetter(*range(country * S, (country + 1) * S), C * S + country)
                parts.append(lambda st, mine=mine: mine(
                    st.ctrl if st.ctrl is not None else t.control_map(st)))
            elif name == "agency":
                parts.append(lambda st, c=country: st.agency[c])
            else:
                row = itemgetter(*range(country * P, (country + 1) * P))
                parts.append(lambda st, row=row, name=name: row(getattr(st, name)))
        if cells:
            pick = itemgetter(*sorted(cells))
            parts.insert(0, lambda st: pick(st.inf))
        if not parts:
            return lambda st: ()
        if len(parts) == 1:
            return parts[0]
        # the usual shapes (a country's cells or controllers, and a row of it): no loop
        if len(parts) == 2:
            first, second = parts
            return lambda st: (first(st), second(st))
        if len(parts) == 3:
            first, second, third = parts
            return lambda st: (first(st), second(st), third(st))
        return lambda st: tuple([part(st) for part in parts])

    @property
    def keyed(self) -> list[CompiledRule]:
        """The rules whose VP may come from a cache (every one, unless one cannot be
        analysed or reads raw influence)."""
        return [rule for g in self.groups if g.key is not None for rule in g.rules]

    @property
    def live(self) -> list[CompiledRule]:
        """The rules that run whenever what they read differs from the prepared position."""
        return [rule for g in self.groups if g.key is None for rule in g.rules]

    def prepare(self, st: GameState) -> object | None:
        """Take ``st`` as the reference of the next calls: the states a bot previews from it
        differ from it in a few fields, and the groups that read none of those are reused.
        Any state may follow (the answer is exact whatever was prepared).

        Returns a token for :meth:`projected`'s ``since`` (None: nothing is prepared)."""
        if not self._names:  # nothing analysed: every rule runs every time
            return None
        if self._control_mask:
            self.tables.control_map(st)  # cached on st, so that its previews share it
        base = st.copy()
        base.ctrl = st.ctrl
        self._base = _Base(base, self._rest(base) if self._rest is not None else ())
        return self._base

    def _seat(self, seats: tuple[int, ...]) -> None:
        """Make the caches hold VP for games of ``seats``: a VP change skips the factions
        not seated, so a group's VP depend on the seats too, but they change only between
        games (and a simulation's games all seat the same factions), so rather than in
        every key, the seats are checked once per call and the caches emptied when they
        change."""
        if seats is not self._seats and seats != self._seats:
            for group in self.groups:
                group.cache.clear()
                for cache in group.country_caches:
                    cache.clear()
            self._seats = seats

    def _run(self, group: _Group, st: GameState, country_mask: int = -1) -> tuple[int, ...]:
        """The VP the group's rules give on ``st`` (in the countries of ``country_mask``),
        which keeps its VP (and may keep the rest of what the rules change: only a
        throwaway state is passed)."""
        before = st.vp[:]
        run_rules(group.rules, Ctx(self.tables, st, credit=False), country_mask=country_mask)
        gained = tuple(map(sub, st.vp, before))
        st.vp[:] = before
        return gained

    def _gained(self, group: _Group, st: GameState, probe: GameState | None
                ) -> tuple[tuple[int, ...], GameState | None]:
        """The group's VP on ``st``, from its cache or by running it on ``probe`` (a copy of
        ``st`` made here when None); the probe is handed back for the next group."""
        key = group.key(st) if group.key is not None else None
        gained = group.cache.get(key) if key is not None else None
        if gained is not None:
            self.hits += 1
            return gained, probe
        return self._miss(group, st, probe, key)

    def _miss(self, group: _Group, st: GameState, probe: GameState | None, key: Any
              ) -> tuple[tuple[int, ...], GameState | None]:
        """Run the group's rules on ``probe`` (a copy of ``st`` made here when None) and
        remember their VP under ``key`` (None: not cached)."""
        self.misses += 1
        if probe is None:
            probe = st.copy()
            probe.ctrl = st.ctrl  # controllers follow influence alone
        gained = self._run(group, probe)
        if key is not None:
            cache = group.cache
            if len(cache) >= MAX_ENTRIES:
                cache.clear()
            cache[key] = gained
        return gained, probe

    def _country_share(self, group: _Group, c: int, st: GameState, key: Any,
                       probe: GameState | None) -> tuple[tuple[int, ...], GameState | None]:
        """What country ``c`` gives in a country_local group's rules on ``st`` (whose key
        for that country is ``key``): from the country's cache, else run for that country
        alone on ``probe`` (a copy of ``st`` made here when None)."""
        cache = group.country_caches[c]
        gained = cache.get(key)
        if gained is not None:
            self.hits += 1
            return gained, probe
        self.misses += 1
        if probe is None:
            probe = st.copy()
            probe.ctrl = st.ctrl  # controllers follow influence alone
        gained = self._run(group, probe, 1 << c)
        if len(cache) >= MAX_ENTRIES:
            cache.clear()
        cache[key] = gained
        return gained, probe

    def projected(self, st: GameState, *, in_place: bool = False,
                  guess: Sequence[int] | None = None, since: object | None = None
                  ) -> list[int]:
        """VP each faction would gain if the scoring phase ran on ``st`` now.

        ``in_place`` lets rules that must run do so on ``st`` itself (a throwaway preview the
        caller owns) rather than on a copy; its VP are restored, but rules that change more
        than VP (when the analysis failed) leave their changes. ``guess``: the influence
        cells where ``st`` may differ from the prepared position (checked, not trusted),
        unless ``since`` is the token :meth:`prepare` returned for the position prepared
        now: the caller then found ``guess`` by comparing ``st`` with (a copy of) that very
        position itself, and it is taken as it is.
        """
        probe = st if in_place else None
        base = self._base
        if base is None:
            self._seat(st.seats)
            total = [0] * self.tables.F
            for group in self.groups:
                gained, probe = self._gained(group, st, probe)
                total = list(map(add, total, gained))
            return total
        if base.total is None:  # the prepared position's VP, group by group, once
            self._seat(base.state.seats)
            # (from the caches too: the position is often one the previous seat previewed)
            scratch: GameState | None = None
            gains = []
            for group in self.groups:
                if group.country_keys is None:
                    gained, scratch = self._gained(group, base.state, scratch)
                else:  # country by country, each share kept with its key
                    keys, shares = [], []
                    for c, key_of in enumerate(group.country_keys):
                        key = key_of(base.state)
                        share, scratch = self._country_share(group, c, base.state, key,
                                                             scratch)
                        keys.append(key)
                        shares.append(share)
                    base.countries[id(group)] = (keys, shares)
                    gained = tuple(map(sum, zip(*shares, strict=True)))
                gains.append(gained)
            base.gains = gains
            base.total = [sum(column) for column in zip(*gains, strict=True)] \
                if gains else [0] * self.tables.F
        # What differs from the prepared position, as bit masks: ``changed``, the groups
        # that read something that differs; ``wide``, of those, the groups that read a
        # changed field no country owns (tracks, memberships...: every country's share may
        # differ); ``moved``, the countries whose own data differ (influence, controllers,
        # agency, opinion, stance). Influence is compared through changed_indexes (with the
        # guess), unless ``since`` says the guess is exact.
        if st.seats is not self._seats:
            self._seat(st.seats)
        changed = wide = moved = 0
        if self._rest is not None:
            now = self._rest(st)
            if now != base.rest:
                for value, was, mask, span in zip(now, base.rest, self._rest_masks,
                                                  self._rest_spans, strict=True):
                    if value is not was and value != was:
                        changed |= mask
                        if span:  # the countries whose entries differ
                            for i in compress(range(len(value)), map(ne, value, was)):
                                moved |= 1 << i // span
                        else:
                            wide |= mask
        was_st = base.state
        if self._control_mask:
            control = st.ctrl if st.ctrl is not None else self.tables.control_map(st)
            was = was_st.ctrl
            if control is not was and control != was:
                changed |= self._control_mask
                owner = self._control_countries
                for i in compress(range(len(control)), map(ne, control, was)):
                    moved |= 1 << owner[i]
        if self._inf_read and st.inf is not was_st.inf:
            masks, bits = self._cell_masks, self._cell_countries
            for i in guess if since is base and guess is not None else \
                    changed_indexes(st.inf, was_st.inf, guess):
                changed |= masks[i]
                moved |= bits[i]
        total = base.total
        entry = self._selected.get(changed)
        if entry is None:
            entry = self._selected[changed] = [
                tuple(g for g in range(len(self.groups)) if changed >> g & 1), 0]
        entry[1] += 1
        groups, gains = self.groups, base.gains
        for g in entry[0]:
            group = groups[g]
            if group.country_keys is not None:  # only the countries whose part moved
                keys, shares = base.countries[id(group)]
                mask = -1 if wide >> g & 1 else moved
                countries = self._countries.get(mask)
                if countries is None:
                    countries = self._countries[mask] = tuple(
                        c for c in range(self.tables.C) if mask >> c & 1)
                key_of_country, caches = group.country_keys, group.country_caches
                for c in countries:
                    key = key_of_country[c](st)
                    if key == keys[c]:
                        continue
                    # (the cache's hit inlined, as below)
                    gained = caches[c].get(key)
                    if gained is None:
                        gained, probe = self._country_share(group, c, st, key, probe)
                    else:
                        self.hits += 1
                    old = shares[c]
                    if gained != old:
                        total = list(map(add, total, map(sub, gained, old)))
                continue
            # (the cache's hit inlined: this runs for most legal actions a bot weighs)
            key = group.key(st) if group.key is not None else None
            gained = group.cache.get(key) if key is not None else None
            if gained is None:
                gained, probe = self._miss(group, st, probe, key)
            else:
                self.hits += 1
            old = gains[g]
            if gained != old:
                total = list(map(add, total, map(sub, gained, old)))
        return total[:] if total is base.total else total


@lru_cache(maxsize=8)
def scoring_probe(k: Compiled) -> ScoringProbe:
    """The probe for one set of compiled rules (shared by every bot in the process)."""
    return ScoringProbe(k)
