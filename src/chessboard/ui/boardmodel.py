"""The board screen's panel models: what the board shows, decided, as plain data.

:func:`build_model` turns a seat's view plus :class:`Marks` (the selection, the legal targets,
what the last move changed, the messages) into a :class:`BoardModel`: every country panel's
numbers and highlights, the tracks, the players, the choices and the hand, which the painter
(:mod:`chessboard.ui.boardview`) only draws. The presenter
(:mod:`chessboard.ui.boardpresenter`) keeps the selection and builds the marks. Nothing here
imports pygame; places on the board are named by kind and indexes (country ``c``, sphere
``s``, power ``p``, item ``i``), never by pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from chessboard.engine.actions import Action
from chessboard.ui.boardread import BoardReader
from chessboard.ui.diff import Changes

if TYPE_CHECKING:
    from chessboard.engine.game import Price
    from chessboard.engine.state import GameState
    from chessboard.ui.session import Choice

# places that belong to a country panel (or the country on the map): targets of a choice
BOARD_KINDS = ("cell", "power", "country", "opinion", "stance", "org", "head", "agency")
SPHERE_SHORT = {"political": "Pol", "economic": "Eco", "military": "Mil", "cultural": "Cul"}
# hovering these outlines them (the others only show their tooltip)
OUTLINED_KINDS = ("choice", "card", "pick", "seat", "track", "news", "org", "cell", "power",
                  "opinion", "stance", "head", "agency", "round")
MAX_CHANGE_LINES = 10


class PlaceLike(Protocol):
    """Something on the board the pointer can rest on, by kind and indexes."""

    @property
    def kind(self) -> str: ...
    @property
    def c(self) -> int: ...
    @property
    def s(self) -> int: ...
    @property
    def p(self) -> int: ...
    @property
    def i(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Place:
    """A place on the board without its pixels (the painter's Spot adds the rectangle)."""

    kind: str  # cell power country opinion stance org track seat news choice card pick head
    c: int = -1
    s: int = -1
    p: int = -1
    i: int = -1


# the panel models -------------------------------------------------------------------------

@dataclass(slots=True)
class Marks:
    """What the board shows besides the game itself."""

    choices: list[Choice] = field(default_factory=list)
    selected: int = -1  # index into choices
    legal: list[Action] = field(default_factory=list)  # targets of the selected choice
    pending: Action | None = None  # chosen target awaiting confirmation
    changed: Changes | None = None  # what the last action changed
    message: str = ""
    message_style: str = "info"  # info, error, bot, done
    status: list[tuple[str, str]] = field(default_factory=list)  # side bar status lines
    hand: tuple[int, ...] = ()
    hand_active: bool = False  # the hand's cards are choices now
    acting: str | None = None  # faction id whose turn the board shows
    labels: dict[str, str] = field(default_factory=dict)  # faction id -> player label
    thinking: bool = False
    warning: str = ""  # stays until resolved: the game is not being saved, and why


@dataclass(slots=True)
class CellModel:
    """One power's influence in one sphere of a country."""

    value: int
    legal: bool = False  # a target of the selected choice
    pending: bool = False  # the chosen target
    changed: bool = False  # by the last action


@dataclass(slots=True)
class RowModel:
    """A sphere of a country: its influence by power, who controls it and what it needs."""

    sphere: str
    short: str
    need: int  # the resilience
    controller: int  # power index, or -1
    cells: list[CellModel]
    legal: bool = False  # the whole row is a target
    pending: bool = False
    changed: bool = False


@dataclass(slots=True)
class CountryPanel:
    name: str
    faction: int  # the faction governing it, or -1
    dominator: int  # power index, or -1
    agency: int
    rows: list[RowModel]
    opinion: list[int]  # by power
    stance: list[int]
    members: list[bool]  # by organisation
    legal: bool = False  # the whole country is a target of the selected choice
    attitudes_changed: bool = False  # opinion, stance, membership or agency


@dataclass(slots=True)
class TrackModel:
    name: str
    value: int
    low: int
    high: int
    danger: int | None
    changed: bool = False

    @property
    def in_danger(self) -> bool:
        return self.danger is not None and self.value >= self.danger


@dataclass(slots=True)
class SeatRow:
    faction: int
    label: str
    vp: int
    ip: int
    current: bool  # next to act in the initiative order
    acting: bool  # the seat whose turn the board shows
    changed: bool


@dataclass(slots=True)
class ChoiceButton:
    index: int  # into the choices
    name: str
    cost: int
    enabled: bool
    selected: bool


@dataclass(slots=True)
class PowerPick:
    power: int
    name: str
    legal: bool
    chosen: bool


@dataclass(slots=True)
class HandCard:
    card: int  # as the hand holds it
    choice: int  # index into the choices, or -1
    name: str
    price: str  # "3 IP · Eco"
    sphere: str
    text: str
    lit: bool  # drawn in full colour (playable, or a hand merely shown)
    selected: bool


@dataclass(slots=True)
class NewsModel:
    round: int
    name: str  # empty: no news this round
    text: str
    what_if: bool


@dataclass(slots=True)
class BoardModel:
    """Everything the painter draws, decided."""

    title: str
    subtitle: str
    tracks: list[TrackModel]
    panels: list[CountryPanel]
    news: NewsModel
    seats: list[SeatRow]
    status: list[tuple[str, str]]
    choices: list[ChoiceButton]
    picks: list[PowerPick] | None  # the power buttons, when the selected choice names a power
    hand: list[HandCard]
    hand_title: str
    thinking: bool
    message: str
    message_style: str
    warning: str
    map_targets: bool  # countries are the selected choice's targets: outline them on the map


def era_name(reader: BoardReader, round_: int) -> str:
    eras = reader.rules.game.eras
    name = eras[0].name
    for era in eras:
        if round_ >= era.from_round:
            name = era.name
    return name


def build_model(reader: BoardReader, view: GameState, marks: Marks) -> BoardModel:
    """The board's panels for a seat's view, with the selection and changes of ``marks``."""
    rules, lg = reader.rules, reader.legend
    choice = marks.choices[marks.selected] if 0 <= marks.selected < len(marks.choices) else None
    kind = choice.target if choice is not None else ""
    changed = marks.changed
    panels = [_panel(reader, view, marks, kind, c) for c in range(lg.C)]
    if view.over:
        title, sub = "Game over", f"after round {view.round} of {view.rounds}"
    else:
        title = f"Round {view.round} of {view.rounds}"
        sub = (f"{era_name(reader, view.round)} · action {view.action_round} of "
               f"{reader.action_rounds}")
    tracks = [TrackModel(t.name, reader.track(view, k), t.min, t.max, t.danger,
                         changed is not None and k in changed.tracks)
              for k, t in enumerate(rules.game.tracks)]
    event = reader.news(view)
    if event is not None:
        news = NewsModel(view.round, event.name, event.text, event.what_if)
    else:
        news = NewsModel(view.round, "", "", False)
    buttons = [ChoiceButton(i, ch.name, ch.cost, ch.enabled, i == marks.selected)
               for i, ch in enumerate(marks.choices) if ch.kind == "act"]
    picks = None
    if kind == "power":
        legal_powers = {a.power for a in marks.legal}
        pending = marks.pending
        picks = [PowerPick(p, name.split()[-1][:7], pid in legal_powers,
                           pending is not None and pending.power == pid)
                 for p, (pid, name) in enumerate(zip(lg.power_ids, lg.power_names,
                                                     strict=True))]
    return BoardModel(
        title=title, subtitle=sub, tracks=tracks, panels=panels, news=news,
        seats=_seats(reader, view, marks), status=marks.status, choices=buttons, picks=picks,
        hand=_hand(reader, marks),
        hand_title="HAND" if marks.hand_active else "HAND (shown to its owner only)",
        thinking=marks.thinking, message=marks.message, message_style=marks.message_style,
        warning=marks.warning, map_targets=kind == "country")


def _panel(reader: BoardReader, view: GameState, marks: Marks, kind: str,
           c: int) -> CountryPanel:
    lg = reader.legend
    cid = lg.country_ids[c]
    here = [a for a in marks.legal if a.country == cid]  # the selected choice's targets here
    pending = marks.pending if marks.pending is not None and marks.pending.country == cid \
        else None
    changed = marks.changed
    return CountryPanel(
        lg.country_names[c], lg.country_faction[c], reader.dominator(view, c),
        reader.agency(view, c),
        [_row(reader, view, marks, kind, here, pending, c, s) for s in range(lg.S)],
        [reader.opinion(view, c, p) for p in range(lg.P)],
        [reader.stance(view, c, p) for p in range(lg.P)],
        [reader.member(view, o, c) for o in range(len(lg.org_names))],
        legal=kind == "country" and bool(here),
        attitudes_changed=changed is not None and c in changed.countries)


def _row(reader: BoardReader, view: GameState, marks: Marks, kind: str, here: list[Action],
         pending: Action | None, c: int, s: int) -> RowModel:
    """Sphere ``s`` of country ``c``; ``here`` and ``pending``: the targets in the country."""
    lg = reader.legend
    sid = lg.sphere_ids[s]
    changed = marks.changed
    in_row = [a for a in here if a.sphere == sid]
    pending_here = pending if pending is not None and pending.sphere == sid else None
    cells = [CellModel(reader.influence(view, c, s, p),
                       legal=kind == "country_sphere_power" and any(a.power == pid
                                                                    for a in in_row),
                       pending=pending_here is not None and pending_here.power == pid,
                       changed=changed is not None and (c, s, p) in changed.powers)
             for p, pid in enumerate(lg.power_ids)]
    return RowModel(
        sid, SPHERE_SHORT.get(sid, sid[:3].title()), reader.resilience(c, s),
        reader.controller(view, c, s), cells,
        legal=kind == "country_sphere" and bool(in_row),
        pending=pending_here is not None and not pending_here.power,
        changed=changed is not None and (c, s) in changed.cells)


def _seats(reader: BoardReader, view: GameState, marks: Marks) -> list[SeatRow]:
    """The players in initiative order (seats not yet ordered after them)."""
    lg = reader.legend
    turn_order, seated = reader.turn_order(view), reader.seated(view)
    order = turn_order or seated
    order += [f for f in seated if f not in order]
    current = reader.current(view) if turn_order else -1
    acting = reader.faction_index.get(marks.acting or "", -1)
    changed = marks.changed
    return [SeatRow(f, marks.labels.get(lg.faction_ids[f], lg.faction_names[f]),
                    reader.vp(view, f), reader.ip(view, f), f == current, f == acting,
                    changed is not None and f in changed.factions) for f in order]


def _hand(reader: BoardReader, marks: Marks) -> list[HandCard]:
    """The shown hand, each card once, lit when it can be played (or merely shown)."""
    cards = {c.id: c for c in reader.rules.all_cards()}
    choices = {ch.id: (i, ch) for i, ch in enumerate(marks.choices) if ch.kind == "card"}
    out = []
    seen: set[int] = set()
    for card_index in marks.hand:
        if card_index < 0 or card_index in seen:
            continue
        seen.add(card_index)
        card = cards[reader.card_id(card_index)]
        index, choice = choices.get(card.id, (-1, None))
        enabled = choice is not None and choice.enabled
        out.append(HandCard(
            card_index, index if marks.hand_active else -1, card.name,
            f"{card.cost} IP · {SPHERE_SHORT.get(card.sphere, card.sphere)}", card.sphere,
            card.text, enabled or not marks.hand_active, index >= 0 and index == marks.selected))
    return out


# what a target would do -------------------------------------------------------------------

@dataclass(slots=True)
class Preview:
    """A legal target's price, its danger and what it would change, from the engine."""

    price: Price | None
    ending: str | None  # why it may end the game
    chances: list[str]  # a chance effect's outcomes (the preview itself changes nothing)
    changes: Changes
