"""The engine's public read API: questions about a state (or a seat's view) by id.

Everything outside ``engine/`` reads the game through these methods of
:class:`~chessboard.engine.game.Engine`: ids in (``"kazakhstan"``, ``"military"``,
``"russia"``), plain values out (ints, ids, tuples and dicts of them). The state's flat lists
and the compiled index tables behind them are the engine's business: their layout may change
(it did, for speed) without any caller noticing. ``docs/engine-api.md`` lists the whole API.

>>> from chessboard.rules.loader import load_rules
>>> from chessboard.engine.game import Engine
>>> engine = Engine(load_rules())
>>> st = engine.new_game(seed=1)
>>> engine.influence(st, "kazakhstan", "military", "russia") >= 0
True
>>> engine.controller(st, "kazakhstan", "military") in (*engine.power_ids, None)
True

An unknown id raises :class:`UnknownIdError` (a ``KeyError``) whose message names the kind, the
id and the known ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from chessboard.engine.actions import PASS, Action
from chessboard.engine.context import Ctx
from chessboard.engine.phases import STEPS, run_rules
from chessboard.engine.projection import ScoringProbe, scoring_probe
from chessboard.rules.loader import UnknownIdError

if TYPE_CHECKING:
    from chessboard.engine.compiler import Compiled
    from chessboard.engine.context import Tables
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules

__all__ = ["Layout", "Queries", "UnknownIdError"]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where things sit in the state's flat lists: an internal-use hook for hot loops.

    The heuristic bot's evaluator scores every legal action of every decision, which is where
    simulations spend their time; it reads ``state.inf`` at ``(c * S + s) * P + p`` and the
    per-cell controllers ``control_map(state)[c * S + s]`` directly rather than by id. Every
    other caller uses the id-based API: this layout may change with the engine, and code that
    reads it is named in the allow-list of ``tests/engine/test_api_boundary.py``.
    """

    C: int  # countries, in rules order (``countries``)
    S: int  # spheres
    P: int  # powers
    countries: tuple[str, ...]
    spheres: tuple[str, ...]
    powers: tuple[str, ...]
    factions: tuple[str, ...]
    tracks: tuple[str, ...]
    organisations: tuple[str, ...]
    faction_power: tuple[int, ...]  # per faction: its power's index, or -1
    faction_country: tuple[int, ...]  # per faction: the country it governs, or -1
    resilience: tuple[int, ...]  # per cell ``c * S + s``
    dominance: int  # spheres of a country a power must control to dominate it
    # the controller of every cell (``c * S + s``, -1: nobody), then the dominator of every
    # country (``C * S + c``); cached on the state, never to be changed in place
    control_map: Callable[[GameState], list[int]]


def _index(kind: str, index: dict[str, int], item_id: str) -> int:
    """The index of an id, or a clear error naming what exists."""
    found = index.get(item_id)
    if found is None:
        known = ", ".join(index) or "none"
        raise UnknownIdError(f"there is no {kind} {item_id!r} in these rules (known: {known})")
    return found


class Queries:
    """The read API, mixed into :class:`~chessboard.engine.game.Engine` (which sets ``rules``
    and the compiled tables). Every method takes a full state or a seat's view."""

    rules: Rules
    _compiled: Compiled
    _tables: Tables

    # the vocabulary of the rules, ids in rules order -------------------------------------

    @cached_property
    def layout(self) -> Layout:
        """The flat lists' layout, for the bots' evaluator only (see :class:`Layout`)."""
        t = self._tables
        return Layout(t.C, t.S, t.P, tuple(t.country_ids), tuple(t.sphere_ids),
                      tuple(t.power_ids), tuple(t.faction_ids), tuple(t.track_ids),
                      tuple(t.org_ids), tuple(t.faction_power), tuple(t.faction_country),
                      tuple(t.resilience_flat), t.dominance, t.control_map)

    @cached_property
    def faction_ids(self) -> tuple[str, ...]:
        """Every faction of the rules, seated or not."""
        return tuple(self._tables.faction_ids)

    @cached_property
    def power_ids(self) -> tuple[str, ...]:
        """The factions of kind ``power`` (those that hold influence)."""
        return tuple(self._tables.power_ids)

    @cached_property
    def country_ids(self) -> tuple[str, ...]:
        return tuple(self._tables.country_ids)

    @cached_property
    def sphere_ids(self) -> tuple[str, ...]:
        return tuple(self._tables.sphere_ids)

    @cached_property
    def track_ids(self) -> tuple[str, ...]:
        return tuple(self._tables.track_ids)

    @cached_property
    def organisation_ids(self) -> tuple[str, ...]:
        return tuple(self._tables.org_ids)

    @cached_property
    def card_ids(self) -> tuple[str, ...]:
        """Every strategy card, deck by deck."""
        return tuple(self._tables.card_ids)

    @cached_property
    def always_in_play(self) -> tuple[str, ...]:
        """The factions seated in every game, whoever asks for seats (a bot takes them)."""
        return tuple(self._tables.settings.always_in_play)

    @property
    def spheres_to_dominate(self) -> int:
        """How many of a country's spheres a power must control to dominate it."""
        return self._tables.dominance

    def factions_in(self, ids: Sequence[str]) -> tuple[str, ...]:
        """The factions a rules list names (ids, the groups ``all``, ``powers``, ``states``,
        and ``except ID`` entries), in rules order."""
        named = self._tables.faction_set(list(ids))
        return tuple(fid for f, fid in enumerate(self._tables.faction_ids) if f in named)

    def power_of(self, faction: str) -> str | None:
        """The power a faction plays (its own id), or None for a state's faction."""
        f = _index("faction", self._tables.faction_index, faction)
        return faction if self._tables.faction_is_power[f] else None

    def country_of(self, faction: str) -> str | None:
        """The country a state's faction governs, or None for a power."""
        c = self._tables.faction_country[_index("faction", self._tables.faction_index, faction)]
        return self._tables.country_ids[c] if c >= 0 else None

    def seating(self, seats: Sequence[str] | None = None,
                scenario: str | None = None) -> list[str]:
        """The factions a game seats: ``seats`` (or the scenario's default seats, or the
        first scenario's), then every faction always in play that is missing, in rules order.

        The one place that decides who is always in play: new games, simulations, sweeps
        and the set-up screens all ask here. Ids are not checked (``new_game`` does that,
        with its own messages).
        """
        if seats is None:
            scenario_id = scenario or self.rules.scenarios.scenarios[0].id
            seats = self.rules.scenario(scenario_id).seats
        out = list(seats)
        out.extend(f for f in self.always_in_play if f not in out)
        return out

    # who, when -----------------------------------------------------------------------------

    def seated(self, st: GameState) -> tuple[str, ...]:
        """The factions seated in this game, in seat order."""
        ids = self._tables.faction_ids
        return tuple(ids[f] for f in st.seats)

    def turn_order(self, st: GameState) -> tuple[str, ...]:
        """This action round's initiative order (fewest VP first)."""
        ids = self._tables.faction_ids
        return tuple(ids[f] for f in st.order)

    def losers(self, st: GameState) -> tuple[str, ...]:
        ids = self._tables.faction_ids
        return tuple(ids[f] for f in st.losers)

    def hand(self, st: GameState, faction: str) -> tuple[str | None, ...]:
        """A faction's cards as ids; None for each card the view hides."""
        ids = self._tables.card_ids
        hand = st.hands[_index("faction", self._tables.faction_index, faction)]
        return tuple(ids[c] if c >= 0 else None for c in hand)

    def news(self, st: GameState) -> str | None:
        """This round's news event, or None before the first news or when the pile ran out."""
        return self._compiled.events[st.event].id if st.event >= 0 else None

    def news_seen(self, st: GameState) -> tuple[str, ...]:
        """Every news event revealed so far (the year's news and the facilitator's), in order."""
        return tuple(self._compiled.events[e].id for e in st.events_seen)

    # the board -----------------------------------------------------------------------------

    def influence(self, st: GameState, country: str, sphere: str, power: str) -> int:
        t = self._tables
        c = _index("country", t.country_index, country)
        s = _index("sphere", t.sphere_index, sphere)
        p = _index("power", t.power_index, power)
        return st.inf[(c * t.S + s) * t.P + p]

    def controller(self, st: GameState, country: str, sphere: str) -> str | None:
        """The power controlling a country's sphere, or None."""
        t = self._tables
        p = t.controller(st, _index("country", t.country_index, country),
                         _index("sphere", t.sphere_index, sphere))
        return t.power_ids[p] if p >= 0 else None

    def dominated_by(self, st: GameState, country: str) -> str | None:
        """The power controlling all spheres but at most one of a country, or None."""
        t = self._tables
        p = t.dominator(st, _index("country", t.country_index, country))
        return t.power_ids[p] if p >= 0 else None

    def control_counts(self, st: GameState) -> dict[str, dict[str, int]]:
        """Per power, per sphere: how many countries it controls in that sphere."""
        t = self._tables
        out = {p: dict.fromkeys(t.sphere_ids, 0) for p in t.power_ids}
        control = t.control_map(st)
        for c in range(t.C):
            for s, sid in enumerate(t.sphere_ids):
                p = control[c * t.S + s]
                if p >= 0:
                    out[t.power_ids[p]][sid] += 1
        return out

    def opinion(self, st: GameState, country: str, power: str) -> int:
        """Public opinion of a power in a country (``-opinion_range`` to ``opinion_range``)."""
        return st.opinion[self._cp(country, power)]

    def stance(self, st: GameState, country: str, power: str) -> int:
        """A country's official stance towards a power (same range as opinion)."""
        return st.stance[self._cp(country, power)]

    def _cp(self, country: str, power: str) -> int:
        t = self._tables
        return (_index("country", t.country_index, country) * t.P
                + _index("power", t.power_index, power))

    def is_member(self, st: GameState, organisation: str, country: str) -> bool:
        t = self._tables
        o = _index("organisation", t.org_index, organisation)
        return bool(st.members[o] >> _index("country", t.country_index, country) & 1)

    def members(self, st: GameState, organisation: str) -> tuple[str, ...]:
        """The member countries of an organisation, in rules order."""
        t = self._tables
        mask = st.members[_index("organisation", t.org_index, organisation)]
        return tuple(cid for c, cid in enumerate(t.country_ids) if mask >> c & 1)

    def agency(self, st: GameState, country: str) -> int:
        return st.agency[_index("country", self._tables.country_index, country)]

    def track(self, st: GameState, track: str) -> int:
        return st.tracks[_index("track", self._tables.track_index, track)]

    def tracks(self, st: GameState) -> dict[str, int]:
        """Every track's value, in rules order."""
        return dict(zip(self._tables.track_ids, st.tracks, strict=True))

    def tension_causes(self, st: GameState) -> dict[str, int]:
        """Tension raised so far, by cause (military, political, ..., event, other)."""
        return dict(zip(self._tables.causes, st.tension_causes, strict=True))

    # scores --------------------------------------------------------------------------------

    def vp(self, st: GameState, faction: str) -> int:
        return st.vp[_index("faction", self._tables.faction_index, faction)]

    def ip(self, st: GameState, faction: str) -> int:
        return st.ip[_index("faction", self._tables.faction_index, faction)]

    def scores(self, st: GameState) -> dict[str, int]:
        """VP of every seated faction, in seat order."""
        ids = self._tables.faction_ids
        return {ids[f]: st.vp[f] for f in st.seats}

    def vp_sources(self, st: GameState) -> dict[str, dict[str, int]]:
        """Per seated faction, its VP by where they came from (the source's name: "Actions",
        "Strategy cards", a phase rule's name...), zeros left out; each adds up to its VP."""
        t = self._tables
        width = len(t.vp_sources)
        table = st.vp_sources
        out: dict[str, dict[str, int]] = {}
        for f in st.seats:
            pairs: dict[str, int] = {}
            if table:
                for s in range(width):
                    value = table[f * width + s]
                    if value:
                        name = t.vp_source_names[s]
                        pairs[name] = pairs.get(name, 0) + value
            out[t.faction_ids[f]] = pairs
        return out

    def scoring_preview(self, st: GameState) -> dict[str, dict[str, int]]:
        """What the scoring phase would give if it ran on ``st`` now: per seated faction, VP
        by scoring rule (its name), zeros left out. ``st`` is not changed."""
        t = self._tables
        probe = st.copy()
        probe.ctrl = st.ctrl  # controllers follow influence alone
        probe.vp_sources = ()
        run_rules(self._compiled.scoring, Ctx(t, probe))
        return self.vp_sources(probe)

    def projected_vp(self, st: GameState, *, in_place: bool = False) -> dict[str, int]:
        """The VP each seated faction would gain if the scoring phase ran now (the sum of
        :meth:`scoring_preview`, but fast: bots ask it for every action they weigh).

        ``in_place`` lets scoring rules run on ``st`` itself (a throwaway preview the caller
        owns) instead of on a copy: its VP are restored, nothing else is changed by the
        shipped scoring rules (see :mod:`chessboard.engine.projection`).
        """
        gained = self._scoring_probe.projected(st, in_place=in_place)
        ids = self._tables.faction_ids
        return {ids[f]: gained[f] for f in st.seats}

    def projected_gains(self, st: GameState, *, in_place: bool = False,
                        guess: Sequence[int] | None = None, since: object | None = None
                        ) -> list[int]:
        """:meth:`projected_vp` as a list by faction index (``Engine.layout.factions``; 0 for
        a faction not seated), for the heuristic bot's evaluator, which asks it for every
        action it weighs. ``guess``: the indexes of ``st.inf`` where ``st`` may differ from
        the position given to :meth:`prepare_projection` (where the same action's preview
        differed last time); it is checked, not trusted, so a wrong guess costs only time.
        ``since``: the token :meth:`prepare_projection` returned, when the caller found
        ``guess`` by comparing ``st.inf`` with that position's itself (then it is exact and
        taken as it is, provided no other position was prepared since)."""
        return self._scoring_probe.projected(st, in_place=in_place, guess=guess, since=since)

    def prepare_projection(self, st: GameState) -> object | None:
        """Remember ``st`` as the position the next :meth:`projected_vp` calls are previews of:
        they then rerun only the scoring rules that read what a preview changed (a bot calls
        this once on its view, then asks ``projected_vp`` for every action it weighs).
        Returns the token :meth:`projected_gains` takes as ``since``."""
        return self._scoring_probe.prepare(st)

    @cached_property
    def _scoring_probe(self) -> ScoringProbe:
        return scoring_probe(self._compiled)

    def projected_income(self, st: GameState) -> dict[str, int]:
        """The IP each seated faction would gain if the income step ran on ``st`` now (base
        income and the income rules, capped by ``ip_max``). ``st`` is not changed."""
        probe = st.copy()
        probe.ctrl = st.ctrl
        STEPS["income"](self._compiled, Ctx(self._tables, probe))
        ids = self._tables.faction_ids
        return {ids[f]: probe.ip[f] - st.ip[f] for f in st.seats}

    # choices -------------------------------------------------------------------------------

    def choices_of(self, faction: str) -> list[tuple[str, str]]:
        """Every (kind, id) the faction could ever choose besides pass: the actions it may
        use, then every card of its deck, in rules order (an action the rules give it but
        that has no target for it, none of its countries, is left out)."""
        f = _index("faction", self._tables.faction_index, faction)
        k = self._compiled
        return [(p.kind, p.id) for p in (*k.actions, *k.cards) if f in p.candidates]

    def targets(self, st: GameState, kind: str, choice: str) -> list[Action]:
        """The legal actions of one choice of the seat to act: an action (``kind="act"``,
        its id), a card it holds (``"card"``, the card's id) or ``"pass"``.

        These are exactly the entries of :meth:`legal_actions` for that choice, in the same
        order: the one enumeration, filtered (no second list of targets to drift apart).
        """
        if kind == "pass":
            return [PASS] if self.current(st) >= 0 else []
        return [a for a in self.legal_actions(st) if a.id == choice and a.kind == kind]

    def candidates(self, st: GameState, kind: str, choice: str) -> list[Action]:
        """Every target the rules let the seat to act name for a choice, legal now or not
        (what a screen lists to say why one is not possible), in :meth:`legal_actions` order.

        This is the compiled enumeration :meth:`legal_actions` filters; empty for a choice
        the seat cannot use at all (another faction's action, a card of another deck).
        """
        if kind == "pass":
            return [PASS] if self.current(st) >= 0 else []
        f = self.current(st)
        if f < 0:
            return []
        k = self._compiled
        pool = k.actions if kind == "act" else k.cards if kind == "card" else []
        playable = next((p for p in pool if p.id == choice), None)
        if playable is None:
            return []
        found = sorted(playable.candidates.get(f, ()), key=lambda cand: cand.rank)
        return [cand.action for cand in found]

    # provided by Engine
    def current(self, st: GameState) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def legal_actions(self, st: GameState) -> list[Action]:  # pragma: no cover - overridden
        raise NotImplementedError
