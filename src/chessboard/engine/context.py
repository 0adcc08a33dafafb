"""What compiled rules and running effects share: id tables and the evaluation context.

:class:`Tables` maps every id of the rules to an index once, at load; :class:`Ctx` is the
binding an effect, condition or quantity runs in (the state, who acts, and the targets).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chessboard.rules.expressions import EXCEPT
from chessboard.rules.models import FactionKind

if TYPE_CHECKING:
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules


class Ctx:
    """The binding of one evaluation: state, actor and targets (indexes, -1 when unbound)."""

    __slots__ = ("actor", "c", "credit", "drew", "log", "p", "s", "source", "st", "tables",
                 "vp_rows")

    def __init__(
        self, tables: Tables, st: GameState, actor: int = -1, *, log: list[str] | None = None,
        credit: bool = True,
    ) -> None:
        self.tables = tables
        self.st = st
        self.actor = actor
        self.c = -1
        self.s = -1
        self.p = -1
        self.log = log
        self.drew = False  # hidden information was revealed (cards drawn, dice rolled)
        self.source = VP_SETUP  # what VP won now are credited to (Tables.vp_sources)
        # False on a throwaway state whose VP breakdown nobody reads (the bots' scoring
        # probe): crediting copies the whole breakdown table on every VP change
        self.credit = credit
        # While phase rules run (:func:`chessboard.engine.phases.run_rules`), the VP breakdown
        # as a list changed in place and written back once at the end, instead of a new tuple
        # on every VP change (scoring changes VP some twenty times a round). None otherwise.
        self.vp_rows: list[int] | None = None

    def say(self, line: str) -> None:
        if self.log is not None:
            self.log.append(line)


# Fixed sources of VP (indexes into Tables.vp_sources); each phase rule adds its own after them.
VP_SETUP, VP_ACTION, VP_CARD, VP_NEWS, VP_INJECT = range(5)


def record_vp(cx: Ctx, faction: int, delta: int) -> None:
    """Credit a change of VP to the source bound in the context (the debrief's breakdown).

    The table is a tuple replaced on change, so copies of the state share it until scoring
    touches it (a few times a round), not on every action a bot previews.
    """
    st, t = cx.st, cx.tables
    width = len(t.vp_sources)
    rows = cx.vp_rows
    if rows is not None:  # a batch: written back by flush_vp
        if not rows:
            rows.extend(st.vp_sources or [0] * (t.F * width))
        rows[faction * width + cx.source] += delta
        return
    table = list(st.vp_sources) if st.vp_sources else [0] * (t.F * width)
    table[faction * width + cx.source] += delta
    st.vp_sources = tuple(table)


def flush_vp(cx: Ctx) -> None:
    """End a batch of VP changes (see ``Ctx.vp_rows``): the state gets the new breakdown."""
    rows = cx.vp_rows
    cx.vp_rows = None
    if rows:
        cx.st.vp_sources = tuple(rows)


Getter = Callable[[Ctx], int]
ALL = -2  # a reference meaning every country (or sphere)


class Tables:
    """Ids to indexes, names for the log, and the static numbers of the board."""

    def __init__(self, rules: Rules) -> None:
        game = rules.game
        settings = game.settings
        self.settings = settings
        self.sphere_ids = [s.id for s in game.spheres]
        self.track_ids = [t.id for t in game.tracks]
        self.track_names = [t.name for t in game.tracks]
        self.track_min = [t.min for t in game.tracks]
        self.track_max = [t.max for t in game.tracks]
        self.faction_ids = [f.id for f in game.factions]
        self.faction_names = [f.name for f in game.factions]
        self.power_ids = [f.id for f in game.factions if f.kind == FactionKind.power]
        self.country_ids = [c.id for c in rules.countries.countries]
        self.country_names = [c.name for c in rules.countries.countries]
        self.org_ids = [o.id for o in rules.organisations.organisations]
        self.org_names = [o.short for o in rules.organisations.organisations]
        self.era_ids = [e.id for e in game.eras]
        self.era_from = [e.from_round for e in game.eras]
        self.S = len(self.sphere_ids)
        self.P = len(self.power_ids)
        self.C = len(self.country_ids)
        self.F = len(self.faction_ids)
        self.sphere_index = {sid: i for i, sid in enumerate(self.sphere_ids)}
        self.track_index = {tid: i for i, tid in enumerate(self.track_ids)}
        self.faction_index = {fid: i for i, fid in enumerate(self.faction_ids)}
        self.power_index = {pid: i for i, pid in enumerate(self.power_ids)}
        self.country_index = {cid: i for i, cid in enumerate(self.country_ids)}
        self.org_index = {oid: i for i, oid in enumerate(self.org_ids)}
        self.power_names = [self.faction_names[self.faction_index[p]] for p in self.power_ids]
        self.faction_power = [self.power_index.get(fid, -1) for fid in self.faction_ids]
        self.power_faction = [self.faction_index[pid] for pid in self.power_ids]
        self.faction_country = [
            self.country_index[f.country] if f.country else -1 for f in game.factions
        ]
        self.country_faction = [-1] * self.C
        for f, c in enumerate(self.faction_country):
            if c >= 0:
                self.country_faction[c] = f
        self.faction_is_power = [f.kind == FactionKind.power for f in game.factions]
        self.resilience = [
            [country.resilience[sid] for sid in self.sphere_ids]
            for country in rules.countries.countries
        ]
        self.resilience_flat = [r for row in self.resilience for r in row]
        self.opinion_range = settings.opinion_range
        self.max_influence = settings.max_influence
        self.dominance = max(1, self.S - 1)
        self.deck_ids = sorted(rules.decks)
        self.deck_index = {d: i for i, d in enumerate(self.deck_ids)}
        self.faction_deck = [self.deck_index[f.deck] for f in game.factions]
        cards = [card for d in self.deck_ids for card in rules.decks[d].cards]
        self.card_ids = [card.id for card in cards]
        self.card_names = [card.name for card in cards]
        self.card_index = {cid: i for i, cid in enumerate(self.card_ids)}
        self.deck_cards = [
            tuple(self.card_index[card.id] for card in rules.decks[d].cards
                  for _ in range(card.copies))
            for d in self.deck_ids
        ]
        self.event_ids = [e.id for e in rules.events.events]
        self.tension = self.track_index.get("tension", -1)
        self.causes = ["military", "political", "economic", "cultural", "event", "other"]
        # What VP come from, for the debrief: fixed sources, then every phase rule (ids are
        # unique within a phase table only, hence the table's name before the id).
        self.vp_sources = ["setup", "action", "card", "news", "inject"]
        self.vp_source_names = ["Scenario set-up", "Actions", "Strategy cards", "News",
                                "Injects"]
        phases = rules.phases
        for table in ("income", "reactions", "auto_government", "scoring"):
            for rule in getattr(phases, table):
                self.vp_sources.append(f"{table}:{rule.id}")
                self.vp_source_names.append(rule.name)
        self.vp_source_index = {key: i for i, key in enumerate(self.vp_sources)}
        self.flag_ids: list[str] = []
        self.flag_index: dict[str, int] = {}

    def flag(self, flag_id: str) -> int:
        """The bit of a flag, allocating it on first use (flags are declared by use)."""
        if flag_id not in self.flag_index:
            self.flag_index[flag_id] = len(self.flag_ids)
            self.flag_ids.append(flag_id)
        return 1 << self.flag_index[flag_id]

    def track(self, track_id: str) -> int:
        return self.track_index[track_id]

    # references ---------------------------------------------------------------------------

    def power_ref(self, ref: str) -> Getter:
        if ref == "self":
            faction_power = self.faction_power
            return lambda cx: faction_power[cx.actor]
        if ref == "target":
            return lambda cx: cx.p
        index = self.power_index[ref]
        return lambda cx: index

    def country_ref(self, ref: str) -> Getter:
        if ref == "target":
            return lambda cx: cx.c
        if ref == "own":
            faction_country = self.faction_country
            return lambda cx: faction_country[cx.actor]
        if ref == "all":
            return lambda cx: ALL
        index = self.country_index[ref]
        return lambda cx: index

    def sphere_ref(self, ref: str) -> Getter:
        if ref == "target":
            return lambda cx: cx.s
        if ref == "all":
            return lambda cx: ALL
        index = self.sphere_index[ref]
        return lambda cx: index

    def faction_ref(self, ref: str) -> Getter:
        if ref == "self":
            return lambda cx: cx.actor
        if ref == "target":
            power_faction = self.power_faction
            return lambda cx: power_faction[cx.p] if cx.p >= 0 else cx.actor
        index = self.faction_index[ref]
        return lambda cx: index

    def inf_index(self, power: str, country: str, sphere: str) -> Getter:
        """Index into ``state.inf`` for three references, specialised for the common cases.

        Phase rules evaluate these for every country and power each round, so the usual
        bindings (``target`` country with a fixed or bound sphere and power) avoid the
        generic getters.
        """
        S, P = self.S, self.P
        if country == "target":
            if sphere == "target" and power == "target":
                return lambda cx: (cx.c * S + cx.s) * P + cx.p
            if sphere in self.sphere_index and power == "target":
                s0 = self.sphere_index[sphere]
                return lambda cx: (cx.c * S + s0) * P + cx.p
            if sphere in self.sphere_index and power in self.power_index:
                s0, p0 = self.sphere_index[sphere], self.power_index[power]
                return lambda cx: (cx.c * S + s0) * P + p0
            if sphere == "target" and power == "self":  # the acting power's own placing
                own = self.faction_power
                return lambda cx: (cx.c * S + cx.s) * P + own[cx.actor]
        gp, gc, gs = self.power_ref(power), self.country_ref(country), self.sphere_ref(sphere)
        return lambda cx: (gc(cx) * S + gs(cx)) * P + gp(cx)

    def cp_index(self, power: str, country: str) -> Getter:
        """Index into ``state.opinion`` / ``state.stance``, specialised like :meth:`inf_index`."""
        P = self.P
        if country == "target":
            if power == "target":
                return lambda cx: cx.c * P + cx.p
            if power in self.power_index:
                p0 = self.power_index[power]
                return lambda cx: cx.c * P + p0
        gp, gc = self.power_ref(power), self.country_ref(country)
        return lambda cx: gc(cx) * P + gp(cx)

    def faction_set(self, ids: list[str]) -> frozenset[int]:
        """Faction ids, the groups powers / states / all, and ``except ID`` entries (taken out
        of the rest, whatever their order), as a set of indexes."""
        out: set[int] = set()
        left_out: set[int] = set()
        for fid in ids:
            if fid.startswith(EXCEPT):
                left_out.add(self.faction_index[fid[len(EXCEPT):]])
            elif fid == "all":
                out.update(range(self.F))
            elif fid == "powers":
                out.update(f for f in range(self.F) if self.faction_is_power[f])
            elif fid == "states":
                out.update(f for f in range(self.F) if not self.faction_is_power[f])
            else:
                out.add(self.faction_index[fid])
        return frozenset(out - left_out)

    # board questions (hot: called by conditions, scoring and the UI) ----------------------

    def controller(self, st: GameState, c: int, s: int) -> int:
        """The power controlling a country-sphere, or -1.

        A power controls when its influence reaches the resilience and beats every other
        power's by at least the resilience. Answers come from a per-state cache that every
        influence change clears.
        """
        ctrl = st.ctrl
        if ctrl is None:
            ctrl = self.control_map(st)
        return ctrl[c * self.S + s]

    def control_map(self, st: GameState) -> list[int]:
        """Controller of every country-sphere (index ``c * S + s``), then the dominator of
        every country (index ``C * S + c``); cached on the state, kept up to date by
        :meth:`influence_moved`. The list is shared between states: never change it in place."""
        ctrl = st.ctrl
        if ctrl is not None:
            return ctrl
        inf = st.inf
        cell = self._cell_controller
        ctrl = [cell(inf, i) for i in range(self.C * self.S)]
        ctrl.extend(self._dominators(ctrl))
        st.ctrl = ctrl
        return ctrl

    def influence_moved(self, st: GameState, c: int, s: int) -> None:
        """Update the cached control map after influence in country ``c``, sphere ``s`` changed.

        One cell and one country's dominator are all that can change; recomputing only them
        keeps the cache warm through the many small changes of a bot's previews.
        """
        self.cell_moved(st, c * self.S + s)

    def cell_moved(self, st: GameState, i: int) -> None:
        """:meth:`influence_moved` for the country-sphere ``i`` (``c * S + s``)."""
        ctrl = st.ctrl
        if ctrl is None:
            return
        owner = self._cell_controller(st.inf, i)
        if owner == ctrl[i]:
            return
        ctrl = ctrl[:]  # copies of the state may share the old list
        ctrl[i] = owner
        c = i // self.S
        ctrl[self.C * self.S + c] = self._dominator_of(ctrl[c * self.S:(c + 1) * self.S])
        st.ctrl = ctrl

    def _cell_controller(self, inf: list[int], i: int) -> int:
        """The power controlling country-sphere ``i``, or -1."""
        r = self.resilience_flat[i]
        P = self.P
        if P == 3:  # the shipped rules: unrolled, as this runs after every influence change
            a, b, c = inf[3 * i], inf[3 * i + 1], inf[3 * i + 2]
            if a >= b and a >= c:
                best, top, second = 0, a, b if b > c else c
            elif b >= c:
                best, top, second = 1, b, a if a > c else c
            else:
                best, top, second = 2, c, a if a > b else b
            return best if top >= r and top - second >= r else -1
        base = i * P
        best = -1
        top = second = 0
        for p in range(P):
            v = inf[base + p]
            if v > top:
                second = top
                top = v
                best = p
            elif v > second:
                second = v
        return best if top >= r and top - second >= r else -1

    def dominator(self, st: GameState, c: int) -> int:
        """The power controlling at least all spheres but one of a country, or -1."""
        return self.control_map(st)[self.C * self.S + c]

    def _dominators(self, ctrl: list[int]) -> list[int]:
        S = self.S
        return [self._dominator_of(ctrl[c * S:(c + 1) * S]) for c in range(self.C)]

    def _dominator_of(self, row: list[int]) -> int:
        need = self.dominance
        winner = -1
        for p in set(row):
            if p >= 0 and row.count(p) >= need:
                winner = p
        return winner

    def influence(self, st: GameState, c: int, s: int, p: int) -> int:
        return st.inf[(c * self.S + s) * self.P + p]

    def played_countries(self, st: GameState) -> int:
        """Bitmask of countries governed by a seat."""
        mask = 0
        for f in st.seats:
            c = self.faction_country[f]
            if c >= 0:
                mask |= 1 << c
        return mask


def describe_target(tables: Tables, c: int, s: int, p: int) -> str:
    parts = []
    if c >= 0:
        parts.append(tables.country_names[c])
    if s >= 0:
        parts.append(tables.sphere_ids[s])
    if p >= 0:
        name = tables.power_names[p]
        parts.append(f"({name})" if parts else name)
    return " ".join(parts)


def clamp(value: int, low: int, high: int) -> int:
    return low if value < low else high if value > high else value

