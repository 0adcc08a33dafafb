"""What one seat observes, as a flat vector of whole numbers with a named layout and bounds.

:func:`observe` reads a seat's *view* (``Engine.view``), never the full state: other hands and
the deck order are not in it, and it refuses a full state. Everything it reads goes through
:func:`seat_snapshot`, the one function here that knows how the engine stores a state, so a
change of the state's layout has one place to follow.

The layout (:func:`observation_layout`) is a list of named fields, each a block of entries
with an offset, a size, per-entry labels and declared bounds. Block sizes come from
``settings.encoding`` in ``game.yaml`` (the room reserved), not from the content, so adding
content within that room keeps every offset. Unused slots stay 0. Fields, in order:

========================  ==================================================================
``me``                    one-hot: the observing faction (faction slots: ``game.yaml`` order)
``seated``                1 for each seated faction
``acting``                one-hot: the faction to act (all 0 once the game is over)
``round``, ``rounds``     the current round and the game's length in rounds
``step``                  the phase step of the round (index into ``round_structure``)
``action_round``          the action round (0 outside the actions step)
``over``                  1 once the game is over
``losers``                1 for each faction that lost outright (escalation)
``tracks``                each track's value (``game.yaml`` order), within its min..max
``vp``, ``ip``            each faction's victory and influence points, within the declared
                          ``vp_min..vp_max`` and ``0..ip_max``
``hand_size``             how many cards each faction holds (public)
``hand``                  copies of each card in the observer's own hand (card slots as in
                          :mod:`chessboard.engine.encoding`: deck blocks in stable order)
``discards``              copies of each card in the discard piles (played cards are public)
``deck_size``             cards left in each strategy deck
``influence``             influence per country, sphere and power, 0..max_influence
``control``               1 where a power controls a country-sphere
``opinion``, ``stance``   per country and power, -opinion_range..opinion_range
``members``               1 where a country belongs to an organisation
``agency``                each country's agency, 0..agency_max
``news``                  one-hot: this round's news event (``events.yaml`` order)
``news_seen``             1 for each news event revealed so far
========================  ==================================================================

>>> from chessboard.rules.loader import load_rules
>>> from chessboard.engine.game import Engine
>>> engine = Engine(load_rules())
>>> state = engine.new_game(seed=1)
>>> layout = observation_layout(engine.rules)
>>> vector = observe(engine, engine.view(state, "russia"), "russia")
>>> len(vector) == layout.size
True
>>> layout.field("vp").offset > layout.field("me").offset
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from chessboard.engine.encoding import deck_order, encoding_for
from chessboard.rules.models import FactionKind

if TYPE_CHECKING:
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules

MAX_COPIES = 4  # the rules' most copies of one card (StrategyCard.copies)
MAX_ROUNDS = 20  # the longest game Engine.new_game and the scenarios allow


@dataclass(frozen=True, slots=True)
class ObservationField:
    """One named block of the observation vector: entries ``offset .. offset + size - 1``."""

    name: str
    offset: int
    size: int
    low: tuple[int, ...]
    high: tuple[int, ...]
    labels: tuple[str, ...]  # one per entry, e.g. "kazakhstan/economic/china"; "" when unused


@dataclass(frozen=True, slots=True)
class ObservationLayout:
    """The names, offsets and bounds of every entry of :func:`observe`'s vector."""

    fields: tuple[ObservationField, ...]
    size: int
    low: tuple[int, ...]  # per entry, for a box-shaped space
    high: tuple[int, ...]

    def field(self, name: str) -> ObservationField:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"no observation field {name!r} "
                       f"(fields: {', '.join(f.name for f in self.fields)})")

    def describe(self) -> str:
        """The layout as a text table: name, offset, size and bounds of each field."""
        lines = [f"{'field':<14}{'offset':>7}{'size':>6}  bounds"]
        for f in self.fields:
            used = [i for i, label in enumerate(f.labels) if label]
            lo = min((f.low[i] for i in used), default=0)
            hi = max((f.high[i] for i in used), default=0)
            lines.append(f"{f.name:<14}{f.offset:>7}{f.size:>6}  {lo}..{hi} "
                         f"({len(used)} used)")
        lines.append(f"{'total':<14}{self.size:>13}")
        return "\n".join(lines)


# -- reading the view: the one place that knows how the engine stores a state ------------------


@dataclass(frozen=True, slots=True)
class SeatSnapshot:
    """Everything a seat may see, by id (read off a view by :func:`seat_snapshot`)."""

    faction: str
    acting: str | None
    seated: tuple[str, ...]
    round: int
    rounds: int
    step: int
    action_round: int
    over: bool
    losers: tuple[str, ...]
    tracks: dict[str, int]
    vp: dict[str, int]
    ip: dict[str, int]
    hand_sizes: dict[str, int]
    hand: tuple[str, ...]  # the observer's own cards (card ids, one per copy)
    discards: tuple[str, ...]  # card ids, one per copy
    deck_sizes: dict[str, int]
    influence: dict[tuple[str, str, str], int]  # (country, sphere, power)
    control: dict[tuple[str, str], str]  # (country, sphere) -> power, only where controlled
    opinion: dict[tuple[str, str], int]  # (country, power)
    stance: dict[tuple[str, str], int]
    members: dict[str, tuple[str, ...]]  # organisation -> member countries
    agency: dict[str, int]
    news: str | None
    news_seen: tuple[str, ...]


def seat_snapshot(engine: Engine, view: GameState, faction: str) -> SeatSnapshot:
    """What ``faction`` sees in its own view; ValueError for a full state or another's view.

    Reads only public fields and the seat's own hand: never the seed, the RNG, the action
    history or a blanked list.
    """
    t = engine._tables
    if not view.hidden:
        raise ValueError("observe a seat's view (Engine.view), not the full game state")
    if faction not in t.faction_index:
        raise ValueError(f"unknown faction {faction!r}")
    f = t.faction_index[faction]
    if any(card < 0 for card in view.hands[f]):
        raise ValueError(f"this view is not {faction}'s: its hand is hidden in it")
    rules = engine.rules
    ids, countries, spheres, powers = t.faction_ids, t.country_ids, t.sphere_ids, t.power_ids
    acting = engine.current(view)
    controllers = t.control_map(view)
    S = t.S
    return SeatSnapshot(
        faction=faction,
        acting=ids[acting] if acting >= 0 else None,
        seated=tuple(ids[g] for g in view.seats),
        round=view.round,
        rounds=view.rounds,
        step=view.step,
        action_round=view.action_round,
        over=view.over,
        losers=tuple(ids[g] for g in view.losers),
        tracks=dict(zip(t.track_ids, view.tracks, strict=True)),
        vp=dict(zip(ids, view.vp, strict=True)),
        ip=dict(zip(ids, view.ip, strict=True)),
        hand_sizes={ids[g]: len(view.hands[g]) for g in range(t.F)},
        hand=tuple(t.card_ids[card] for card in view.hands[f]),
        discards=tuple(t.card_ids[card] for pile in view.discards for card in pile),
        deck_sizes={deck: len(pile) for deck, pile in zip(t.deck_ids, view.decks, strict=True)},
        influence={(countries[c], spheres[s], powers[p]): t.influence(view, c, s, p)
                   for c in range(t.C) for s in range(S) for p in range(t.P)},
        control={(countries[c], spheres[s]): powers[controllers[c * S + s]]
                 for c in range(t.C) for s in range(S) if controllers[c * S + s] >= 0},
        opinion={(countries[c], powers[p]): view.opinion[c * t.P + p]
                 for c in range(t.C) for p in range(t.P)},
        stance={(countries[c], powers[p]): view.stance[c * t.P + p]
                for c in range(t.C) for p in range(t.P)},
        members={org: tuple(countries[c] for c in range(t.C) if view.members[o] >> c & 1)
                 for o, org in enumerate(t.org_ids)},
        agency=dict(zip(countries, view.agency, strict=True)),
        news=rules.events.events[view.event].id if view.event >= 0 else None,
        news_seen=tuple(rules.events.events[e].id for e in view.events_seen),
    )


# -- the layout --------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.fields: list[ObservationField] = []
        self.offset = 0

    def add(self, name: str, labels: list[str], room: int, low: list[int] | int,
            high: list[int] | int) -> None:
        if isinstance(low, int):
            low = [low] * len(labels)
        if isinstance(high, int):
            high = [high] * len(labels)
        pad = room - len(labels)
        if pad < 0:  # the validator refuses such rules first; this guards hand-built ones
            raise ValueError(f"{len(labels)} entries of {name!r} do not fit the room of "
                             f"{room} in settings.encoding")
        self.fields.append(ObservationField(
            name, self.offset, room,
            (*low, *[0] * pad), (*high, *[0] * pad), (*labels, *[""] * pad)))
        self.offset += room


@lru_cache(maxsize=8)
def observation_layout(rules: Rules) -> ObservationLayout:
    """The named layout of :func:`observe`'s vector for these rules."""
    game, settings = rules.game, rules.game.settings
    room = settings.encoding
    factions = [f.id for f in game.factions]
    powers = [f.id for f in game.factions if f.kind == FactionKind.power]
    countries = [c.id for c in rules.countries.countries]
    spheres = [s.id for s in game.spheres]
    orgs = [o.id for o in rules.organisations.organisations]
    events = [e.id for e in rules.events.events]
    encoding = encoding_for(rules)
    card_room = room.decks * room.cards_per_deck
    card_labels = [""] * card_room
    for card, slot in encoding.card_slots.items():
        card_labels[slot] = card
    card_high = [MAX_COPIES if label else 0 for label in card_labels]
    deck_cards = room.cards_per_deck * MAX_COPIES
    opinion = settings.opinion_range

    b = _Builder()
    b.add("me", factions, room.factions, 0, 1)
    b.add("seated", factions, room.factions, 0, 1)
    b.add("acting", factions, room.factions, 0, 1)
    b.add("round", ["round"], 1, 0, MAX_ROUNDS)
    b.add("rounds", ["rounds"], 1, 0, MAX_ROUNDS)
    b.add("step", ["step"], 1, 0, len(settings.round_structure))
    b.add("action_round", ["action_round"], 1, 0, settings.action_rounds + 1)
    b.add("over", ["over"], 1, 0, 1)
    b.add("losers", factions, room.factions, 0, 1)
    b.add("tracks", [t.id for t in game.tracks], room.tracks,
          [t.min for t in game.tracks], [t.max for t in game.tracks])
    b.add("vp", factions, room.factions, settings.vp_min, settings.vp_max)
    b.add("ip", factions, room.factions, 0, settings.ip_max)
    b.add("hand_size", factions, room.factions, 0, deck_cards)
    b.fields.append(ObservationField("hand", b.offset, card_room, (0,) * card_room,
                                     tuple(card_high), tuple(card_labels)))
    b.offset += card_room
    b.fields.append(ObservationField("discards", b.offset, card_room, (0,) * card_room,
                                     tuple(card_high), tuple(card_labels)))
    b.offset += card_room
    b.add("deck_size", deck_order(rules), room.decks, 0, deck_cards)
    cs_room = room.countries * room.spheres
    csp = [f"{c}/{s}/{p}" for c in countries for s in spheres for p in powers]
    for name, high in (("influence", settings.max_influence), ("control", 1)):
        labels = [""] * (cs_room * room.powers)
        for c in range(len(countries)):
            for s in range(len(spheres)):
                for p in range(len(powers)):
                    labels[(c * room.spheres + s) * room.powers + p] = \
                        csp[(c * len(spheres) + s) * len(powers) + p]
        b.fields.append(ObservationField(
            name, b.offset, len(labels), (0,) * len(labels),
            tuple(high if label else 0 for label in labels), tuple(labels)))
        b.offset += len(labels)
    for name in ("opinion", "stance"):
        labels = [""] * (room.countries * room.powers)
        for c, country in enumerate(countries):
            for p, power in enumerate(powers):
                labels[c * room.powers + p] = f"{country}/{power}"
        b.fields.append(ObservationField(
            name, b.offset, len(labels), tuple(-opinion if x else 0 for x in labels),
            tuple(opinion if x else 0 for x in labels), tuple(labels)))
        b.offset += len(labels)
    labels = [""] * (room.organisations * room.countries)
    for o, org in enumerate(orgs):
        for c, country in enumerate(countries):
            labels[o * room.countries + c] = f"{org}/{country}"
    b.fields.append(ObservationField("members", b.offset, len(labels), (0,) * len(labels),
                                     tuple(1 if x else 0 for x in labels), tuple(labels)))
    b.offset += len(labels)
    b.add("agency", countries, room.countries, 0, settings.agency_max)
    b.add("news", events, room.events, 0, 1)
    b.add("news_seen", events, room.events, 0, 1)
    low = tuple(v for f in b.fields for v in f.low)
    high = tuple(v for f in b.fields for v in f.high)
    return ObservationLayout(tuple(b.fields), b.offset, low, high)


# -- the vector --------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _positions(rules: Rules) -> tuple[dict[str, int], ...]:
    """Position of each faction, country, sphere, power, organisation and event in its list,
    and each field's offset."""
    game = rules.game
    return (
        {f.id: i for i, f in enumerate(game.factions)},
        {c.id: i for i, c in enumerate(rules.countries.countries)},
        {s.id: i for i, s in enumerate(game.spheres)},
        {p: i for i, p in enumerate(f.id for f in game.factions
                                    if f.kind == FactionKind.power)},
        {o.id: i for i, o in enumerate(rules.organisations.organisations)},
        {e.id: i for i, e in enumerate(rules.events.events)},
        {f.name: f.offset for f in observation_layout(rules).fields},
    )


def observe(engine: Engine, view: GameState, faction: str) -> list[int]:
    """``faction``'s observation of its own view: whole numbers laid out as
    :func:`observation_layout` says, each within its field's bounds."""
    snap = seat_snapshot(engine, view, faction)
    return encode_snapshot(engine.rules, snap)


def encode_snapshot(rules: Rules, snap: SeatSnapshot) -> list[int]:
    """The vector of a :class:`SeatSnapshot` (see :func:`observe`)."""
    out = [0] * observation_layout(rules).size
    room = rules.game.settings.encoding
    slot, countries, spheres, powers, orgs, events, at = _positions(rules)
    cards = encoding_for(rules).card_slots

    out[at["me"] + slot[snap.faction]] = 1
    for fid in snap.seated:
        out[at["seated"] + slot[fid]] = 1
    if snap.acting is not None:
        out[at["acting"] + slot[snap.acting]] = 1
    out[at["round"]] = snap.round
    out[at["rounds"]] = snap.rounds
    out[at["step"]] = snap.step
    out[at["action_round"]] = snap.action_round
    out[at["over"]] = int(snap.over)
    for fid in snap.losers:
        out[at["losers"] + slot[fid]] = 1
    for i, value in enumerate(snap.tracks.values()):
        out[at["tracks"] + i] = value
    for fid, value in snap.vp.items():
        out[at["vp"] + slot[fid]] = value
    for fid, value in snap.ip.items():
        out[at["ip"] + slot[fid]] = value
    for fid, value in snap.hand_sizes.items():
        out[at["hand_size"] + slot[fid]] = value
    for card, copies in Counter(snap.hand).items():
        out[at["hand"] + cards[card]] = copies
    for card, copies in Counter(snap.discards).items():
        out[at["discards"] + cards[card]] = copies
    for d, deck in enumerate(deck_order(rules)):
        out[at["deck_size"] + d] = snap.deck_sizes.get(deck, 0)
    for (country, sphere, power), value in snap.influence.items():
        out[at["influence"] + (countries[country] * room.spheres + spheres[sphere])
            * room.powers + powers[power]] = value
    for (country, sphere), power in snap.control.items():
        out[at["control"] + (countries[country] * room.spheres + spheres[sphere])
            * room.powers + powers[power]] = 1
    for name, table in (("opinion", snap.opinion), ("stance", snap.stance)):
        for (country, power), value in table.items():
            out[at[name] + countries[country] * room.powers + powers[power]] = value
    for org, members in snap.members.items():
        for country in members:
            out[at["members"] + orgs[org] * room.countries + countries[country]] = 1
    for country, value in snap.agency.items():
        out[at["agency"] + countries[country]] = value
    if snap.news is not None:
        out[at["news"] + events[snap.news]] = 1
    for event in snap.news_seen:
        out[at["news_seen"] + events[event]] = 1
    return out
