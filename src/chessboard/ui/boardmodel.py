"""The board screen's presenter: what the board shows and says, as plain data.

:class:`BoardPresenter` holds the player's selection (an action or card, a target waiting
for confirmation, the keyboard's focus, the banner message) and answers the scene's
questions: which action a click on a place means, what a tooltip says, what a target would
change. :func:`build_model` turns a seat's view plus :class:`Marks` into a :class:`BoardModel`
(every panel's numbers, highlights and labels) that the painter
(:mod:`chessboard.ui.boardview`) only draws. Nothing here imports pygame, so the board's
behaviour is tested headless, like :mod:`chessboard.ui.session`; places are identified by
kind and indexes (country ``c``, sphere ``s``, power ``p``, item ``i``), never by pixels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from chessboard.engine.actions import PASS, Action
from chessboard.engine.game import IllegalActionError
from chessboard.engine.state import Cons, unroll
from chessboard.ui.boardread import BoardReader
from chessboard.ui.diff import Changes, diff_states
from chessboard.ui.text import WHAT_IF_NOTE, TipLine

if TYPE_CHECKING:
    from chessboard.engine.game import Price
    from chessboard.engine.state import GameState
    from chessboard.ui.session import Choice, GameSession, Played

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
    tracks = [TrackModel(t.name, view.tracks[k], t.min, t.max, t.danger,
                         changed is not None and k in changed.tracks)
              for k, t in enumerate(rules.game.tracks)]
    events = rules.events.events
    if 0 <= view.event < len(events):
        event = events[view.event]
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
    here = [a for a in marks.legal if a.country == cid]
    pending = marks.pending if marks.pending is not None and marks.pending.country == cid \
        else None
    changed = marks.changed
    rows = []
    for s, sid in enumerate(lg.sphere_ids):
        cells = []
        for p, pid in enumerate(lg.power_ids):
            cells.append(CellModel(
                reader.influence(view, c, s, p),
                legal=kind == "country_sphere_power" and any(
                    a.sphere == sid and a.power == pid for a in here),
                pending=pending is not None and pending.sphere == sid and pending.power == pid,
                changed=changed is not None and (c, s, p) in changed.powers))
        rows.append(RowModel(
            sid, SPHERE_SHORT.get(sid, sid[:3].title()), reader.resilience(c, s),
            reader.controller(view, c, s), cells,
            legal=kind == "country_sphere" and any(a.sphere == sid for a in here),
            pending=pending is not None and pending.sphere == sid and not pending.power,
            changed=changed is not None and (c, s) in changed.cells))
    return CountryPanel(
        lg.country_names[c], lg.country_faction[c], reader.dominator(view, c), view.agency[c],
        rows, [reader.opinion(view, c, p) for p in range(lg.P)],
        [reader.stance(view, c, p) for p in range(lg.P)],
        [reader.member(view, o, c) for o in range(len(lg.org_names))],
        legal=kind == "country" and bool(here),
        attitudes_changed=changed is not None and c in changed.countries)


def _seats(reader: BoardReader, view: GameState, marks: Marks) -> list[SeatRow]:
    """The players in initiative order (seats not yet ordered after them)."""
    lg = reader.legend
    order = list(view.order) if view.order else list(view.seats)
    order += [f for f in view.seats if f not in order]
    current = -1 if view.over else view.order[view.turn] if view.order else -1
    acting = reader.faction_index.get(marks.acting or "", -1)
    changed = marks.changed
    return [SeatRow(f, marks.labels.get(lg.faction_ids[f], lg.faction_names[f]), view.vp[f],
                    view.ip[f], f == current, f == acting,
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


# the presenter ----------------------------------------------------------------------------

def _nothing() -> None:
    pass


class BoardPresenter:
    """The player's selection on the board and everything the board says about it.

    The scene wires :attr:`on_change` (the board must be repainted and re-hovered) and
    :attr:`on_message` (only the banner changed); the presenter calls them, never draws.
    """

    def __init__(self, session: GameSession) -> None:
        self.session = session
        self.reader = BoardReader(session.engine)
        self.legend = self.reader.legend
        self.selected = -1
        self.pending: Action | None = None
        self.focus: Action | None = None  # keyboard-chosen target: its preview is shown
        self.message = ""
        self.message_style = "info"
        self.on_change: Callable[[], None] = _nothing
        self.on_message: Callable[[], None] = _nothing
        self._choices: tuple[object, list[Choice]] | None = None
        self._previews: dict[Action, Preview] = {}
        self._previews_of: GameState | None = None

    # reading the session ------------------------------------------------------------------

    def forget(self) -> None:
        """The game or the selection changed: cached answers are stale."""
        self._choices = None
        self._previews.clear()

    def choices(self) -> list[Choice]:
        s = self.session
        key = (s.state, s.viewer, s.turn_done)
        if self._choices is None or self._choices[0] != key:
            self._choices = (key, s.choices())
        return self._choices[1]

    def selected_choice(self) -> Choice | None:
        choices = self.choices()
        return choices[self.selected] if 0 <= self.selected < len(choices) else None

    def marks(self, *, rules_problem: str = "") -> Marks:
        s = self.session
        choice = self.selected_choice()
        lg = self.legend
        labels = {lg.faction_ids[f]: s.label(lg.faction_ids[f]) for f in s.state.seats}
        return Marks(
            choices=self.choices(), selected=self.selected,
            legal=choice.actions if choice else [], pending=self.pending,
            changed=s.last.changes if s.last else None, message=self.message,
            message_style=self.message_style, status=self.status_lines(),
            hand=s.hand(), hand_active=s.can_act(), acting=s.actor, labels=labels,
            thinking=s.job is not None,
            warning=" ".join(filter(None, (s.save_problem, rules_problem))))

    def model(self, *, rules_problem: str = "") -> BoardModel:
        return build_model(self.reader, self.session.view(),
                           self.marks(rules_problem=rules_problem))

    def status_lines(self) -> list[tuple[str, str]]:
        s = self.session
        state = s.state
        if state.over:
            return [("The game is over", "title")]
        actor = s.actor or ""
        label = s.label(actor) if actor else ""
        if s.job is not None:
            return [(f"{label} is thinking…", "title")]
        if s.turn_done:
            lines = [(f"{label} has acted", "title")]
            if s.can_undo:
                lines.append(("Enter or End turn hands over; Ctrl+Z or Undo takes the move "
                              "back.", "dim"))
            else:
                lines.append(("New information was revealed, so this move cannot be undone. "
                              "Enter or End turn hands over.", "dim"))
            return lines
        if s.can_act():
            f = self.reader.faction_index.get(actor, -1)
            lines = [(f"{label} to act · {state.ip[f]} IP{self.clock_text()}", "title")]
            choice = self.selected_choice()
            if choice is None:
                lines.append(("Choose an action or a card, then its target. Numbers are base "
                              "costs in IP.", "dim"))
            else:
                lines.append((f"{choice.name}: {choice.text}", "accent"))
            return lines
        if s.is_human(s.current):
            return [(f"Waiting for {s.label(s.current or '')}{self.clock_text()}", "title")]
        if s.last is not None and s.last.by_bot:
            return [(f"{s.label(s.current or '')} is next", "title")]
        return [(f"{label} to act", "title")]

    def clock_text(self) -> str:
        """The turn timer's countdown, after the status title (empty without a timer)."""
        left = self.session.time_left()
        if left is None:
            return ""
        if left == 0:
            return " · TIME IS UP"
        return f" · {left // 60}:{left % 60:02d} left"

    @staticmethod
    def target_hint(choice: Choice) -> str:
        if not choice.enabled:
            return "no legal target now."
        return {
            "none": "no target needed: press Enter or Confirm.",
            "country": "click a country (its panel or the map) lit in green.",
            "country_sphere": "click a sphere row lit in green.",
            "country_sphere_power": "click a power's number lit in green.",
            "country_power": "click a power's opinion in a country.",
            "power": "choose a power below.",
        }.get(choice.target, "choose a target.")

    def name_line(self, line: str) -> str:
        """Log lines name factions; show the player's name with them (never "you")."""
        lg = self.legend
        for seat in self.session.seats:
            if not seat.name:
                continue
            faction = lg.faction_names[self.reader.faction_index[seat.faction]]
            if line.startswith(faction + " ") and seat.name != faction:
                return f"{seat.name} ({faction}){line[len(faction):]}"
        return line

    def log_entries(self, log: Cons = None, *,
                    fresh_from: int | None = None) -> tuple[list[tuple[str, str]], int]:
        """The log (the game's, or ``log`` of a past position) styled for the log view, and
        where its lines written by the last move begin."""
        lines = unroll(self.session.state.log if log is None else log)
        entries = []
        names = self.legend.faction_names
        for line in lines:
            if line.startswith("Round "):
                style = "round"
            elif any(line.startswith(n + " ") and (" uses " in line or " plays " in line
                                                   or line.endswith(" passes"))
                     for n in names):
                style = "turn"
            else:
                style = "normal"
            entries.append((self.name_line(line), style))
        if fresh_from is not None:
            return entries, fresh_from
        last = self.session.last
        fresh = len(entries) - len(last.log) if last is not None else len(entries)
        return entries, fresh

    def describe(self, action: Action) -> str:
        return self.session.describe(action)

    def plain(self, reason: str, action: Action) -> str:
        """An engine reason with the action's text code said in words."""
        return self.session.plain(reason, action)

    # choosing -----------------------------------------------------------------------------

    def say(self, text: str, style: str = "info") -> None:
        self.message, self.message_style = text, style
        self.on_message()

    def _clear(self) -> None:
        self.selected = -1
        self.pending = None
        self.focus = None

    def select(self, index: int) -> None:
        """Choose an action or card (again: drop it); one without a target waits for Enter."""
        choices = self.choices()
        if not 0 <= index < len(choices) or not self.session.can_act():
            return
        choice = choices[index]
        if index == self.selected:
            self.cancel()
            return
        if not choice.enabled:
            self.say(f"{choice.name} cannot be played now: {self.why_choice(choice)}", "error")
            return
        self.selected = index
        self.pending = None
        self.focus = None
        if choice.target == "none":
            self.pending = choice.actions[0]
            self.focus = self.pending
            self.say(f"{self.describe(self.pending)}: press Enter or Confirm.", "info")
        else:
            self.say(f"{choice.name}: {self.target_hint(choice)}", "info")
        self.on_change()

    def why_choice(self, choice: Choice) -> str:
        """The engine's reason, asked for the first target the choice could have."""
        for action in self.session.all_targets(choice):
            reason = self.session.why_illegal(action)
            if reason:
                # said after the choice's name already: "X cannot be played now: <reason>"
                return self.plain(reason, action).removeprefix(
                    f"{choice.name} is not possible now: ")
        return "it has no legal target now"

    def choose_pass(self) -> bool:
        """Select Pass as the pending action; False when the seat cannot act."""
        if not self.session.can_act():
            return False
        self.selected = next(i for i, c in enumerate(self.choices()) if c.kind == "pass")
        self.pending = PASS
        return True

    def cancel(self) -> None:
        if self.selected < 0 and self.pending is None:
            return
        self._clear()
        self.say("", "info")
        self.on_change()

    def target_for(self, place: PlaceLike) -> Action | None:
        """The action the selected choice would take on the place (legal or not)."""
        choice = self.selected_choice()
        if choice is None:
            return None
        lg = self.legend
        kind = choice.target
        if kind == "power":
            return Action(choice.kind, choice.id, power=lg.power_ids[place.p]) \
                if place.kind == "pick" else None
        if place.kind not in BOARD_KINDS or place.c < 0:
            return None
        cid = lg.country_ids[place.c]
        if kind == "country":
            return Action(choice.kind, choice.id, cid)
        if kind == "none":
            return None
        if kind == "country_power":
            if place.p < 0:
                return None
            return Action(choice.kind, choice.id, cid, power=lg.power_ids[place.p])
        if place.s < 0:
            return None
        sid = lg.sphere_ids[place.s]
        if kind == "country_sphere":
            return Action(choice.kind, choice.id, cid, sid)
        if place.p >= 0:
            return Action(choice.kind, choice.id, cid, sid, lg.power_ids[place.p])
        here = [a for a in choice.actions if a.country == cid and a.sphere == sid]
        if here:
            return here[0]
        # a row of a sphere without a legal target: name a rival, so the reason is about it
        own = self.reader.faction_power(self.session.current or "")
        rival = next(p for p in range(lg.P) if p != own)
        return Action(choice.kind, choice.id, cid, sid, lg.power_ids[rival])

    def place_of(self, action: Action) -> Place | None:
        """Where a target is on the board, for the keyboard's focus."""
        r = self.reader
        if action.kind == "pass" or not action.country:
            if action.power:
                return Place("pick", p=r.power_index[action.power])
            return None
        c = r.country_index[action.country]
        if action.sphere:
            s = r.sphere_index[action.sphere]
            if action.power:
                return Place("power", c=c, s=s, p=r.power_index[action.power])
            return Place("cell", c=c, s=s)
        return Place("country", c=c)

    def click(self, place: PlaceLike) -> None:
        """A click on a place: a choice or a card selects it, a target is picked."""
        if place.kind == "choice":
            self.select(place.i)
            return
        if place.kind == "card":
            if place.i >= 0:
                self.select(place.i)
            return
        if place.kind not in BOARD_KINDS and place.kind != "pick":
            return
        choice = self.selected_choice()
        if choice is None:
            if self.session.can_act() and place.kind in BOARD_KINDS:
                self.say("Choose an action or a card first (on the right), then its target.",
                         "info")
            return
        action = self.target_for(place)
        if action is None:
            self.say(f"{choice.name}: {self.target_hint(choice)}", "info")
            return
        self.pick(action)

    def pick(self, action: Action) -> None:
        """Choose a target: legal ones wait for confirmation, others explain why not."""
        choice = self.selected_choice()
        if choice is None:
            return
        if action in choice.actions:
            self.pending = action
            self.focus = None
            ending = self.session.ending(action)
            note = f" It may END THE GAME: {ending}" if ending else ""
            price = self.session.price(action)
            cost = f" ({price.cost} IP)" if price is not None else ""
            self.say(f"{self.describe(action)}{cost}.{note} Press Enter or Confirm.",
                     "error" if ending else "info")
            self.on_change()
            return
        reason = self.session.why_illegal(action) or "that target is not offered now"
        self.say(f"Not allowed: {self.plain(reason, action)}", "error")

    def cycle(self, step: int) -> None:
        """Tab: the next legal target of the selected choice becomes the chosen one."""
        if not self.session.can_act():
            return
        choice = self.selected_choice()
        if choice is None:
            enabled = [i for i, c in enumerate(self.choices()) if c.enabled and c.kind != "pass"]
            if enabled:
                self.select(enabled[0])
            return
        targets = choice.actions
        if not targets:
            return
        index = targets.index(self.pending) + step if self.pending in targets else 0
        self.pick(targets[index % len(targets)])
        self.focus = self.pending

    def ready(self) -> Action | None:
        """The pending action, when the seat may play it now."""
        return self.pending if self.pending is not None and self.session.can_act() else None

    def apply(self, action: Action) -> Played | None:
        """Play the action; a refusal is said in the banner (None)."""
        try:
            played = self.session.apply(action)
        except IllegalActionError as err:
            self.say(f"Not allowed: {self.plain(str(err), action)}", "error")
            return None
        self._clear()
        return played

    def played(self, played: Played) -> list[str]:
        """Say what was just played; returns the round's happenings when it ended a round
        (and not the game), for the round summary."""
        first = played.log[0] if played.log else self.describe(played.action)
        if played.by_bot and self.session.bot_error:
            self.say(self.session.bot_error, "error")
        else:
            self.say(self.name_line(first), "bot" if played.by_bot else "done")
        self.on_change()
        if played.round_over and not self.session.state.over:
            return [self.name_line(line) for line in played.log[1:]]
        return []

    def undo(self) -> None:
        s = self.session
        if s.undo():
            self.selected = -1
            self.pending = None
            self.say("Move taken back.", "info")
            self.on_change()
        elif s.state.over:
            self.say("The game is over: its moves can no longer be taken back.", "error")
        elif s.turn_done:
            self.say("This move revealed new information and cannot be undone.", "error")

    def end_turn(self) -> None:
        self.session.end_turn()
        self.say("", "info")
        self.on_change()

    def timed_pass(self) -> Played:
        """The turn timer ran out: the seat passes (the selection goes)."""
        played = self.session.timed_pass()
        self._clear()
        return played

    def taken_over(self) -> None:
        self.session.take_over()
        self.say(self.with_notice(f"{self.session.label(self.session.current or '')} to act."),
                 "info")
        self.on_change()

    def with_notice(self, text: str) -> str:
        """The session's one-time notice (a kept autosave) after the first message."""
        notice, self.session.notice = self.session.notice, ""
        return f"{text} {notice}" if notice else text

    # hover, previews and tooltips ---------------------------------------------------------

    def hover_key(self, place: PlaceLike | None) -> tuple[object, ...] | None:
        """What the pointer means on a place: a target of the selected choice, or the place
        itself (the tooltip's cache key)."""
        if place is None:
            return None
        action = self.target_for(place)
        if action is not None:
            return ("target", action)
        return (place.kind, place.c, place.s, place.p, place.i)

    def is_legal(self, action: Action) -> bool:
        choice = self.selected_choice()
        return choice is not None and action in choice.actions

    def preview(self, action: Action) -> Preview:
        """What a legal target costs and would change (asked once per state and target)."""
        s = self.session
        view = s.view()
        if self._previews_of is not view:
            self._previews.clear()
            self._previews_of = view
        cached = self._previews.get(action)
        if cached is None:
            outcome = s.preview(action)
            # a chance effect changes nothing in the preview: its outcomes are listed
            chances = [line for line in outcome.log if line[:1].isdigit() and "%: " in line]
            cached = Preview(s.price(action), s.ending(action), chances,
                             diff_states(self.reader, view, outcome.state))
            self._previews[action] = cached
        return cached

    def tip_lines(self, key: tuple[object, ...], place: PlaceLike) -> list[TipLine]:
        if key[0] == "target":
            action = key[1]
            assert isinstance(action, Action)
            return self.target_tip(action)
        return self.info_tip(place)

    def target_tip(self, action: Action) -> list[TipLine]:
        lines = [TipLine(self.describe(action), "title")]
        if not self.is_legal(action):
            reason = self.session.why_illegal(action) or "this target is not offered now"
            lines.append(TipLine(f"Not allowed: {self.plain(reason, action)}", "bad"))
            return lines
        preview = self.preview(action)
        if preview.price is not None:
            lines.append(TipLine(f"Cost: {preview.price.cost} IP", "good"))
            lines += [TipLine(r, "dim") for r in preview.price.reasons]
        if preview.ending:
            lines.append(TipLine(f"MAY END THE GAME: {preview.ending}", "bad"))
        lines += [TipLine(line, "dim") for line in preview.chances]
        # the acting seat's own IP is in the cost line already
        own = self.legend.faction_names[self.reader.faction_index[self.session.current or ""]]
        shown = [line for line in preview.changes.lines
                 if not (line.startswith(f"{own}:") and line.endswith(" IP"))]
        if shown:
            lines.append(TipLine("What changes", "head"))
            lines += [TipLine(line) for line in shown[:MAX_CHANGE_LINES]]
            if len(shown) > MAX_CHANGE_LINES:
                lines.append(TipLine(f"… and {len(shown) - MAX_CHANGE_LINES} more", "dim"))
        lines.append(TipLine("Click to choose, then Enter to confirm.", "dim"))
        return lines

    def info_tip(self, place: PlaceLike) -> list[TipLine]:
        """What a thing on the board means, for hovering without an action chosen."""
        view = self.session.view()
        kind = place.kind
        if kind in ("cell", "power") and place.c >= 0:
            return self._sphere_tip(view, place.c, place.s)
        if kind in ("opinion", "stance"):
            return self._attitude_tip(view, kind, place.c, place.p)
        if kind == "org":
            return self._org_tip(view, place.i, place.c)
        if kind in ("head", "country", "agency") and place.c >= 0:
            return self._country_tip(view, place.c)
        tips = {"track": self._track_tip, "seat": self._seat_tip, "news": self._news_tip,
                "choice": self._choice_tip, "card": self._card_tip, "pick": self._pick_tip,
                "round": self._round_tip}
        make = tips.get(kind)
        return make(view, place) if make is not None else []

    def _sphere_tip(self, view: GameState, c: int, s: int) -> list[TipLine]:
        r, lg = self.reader, self.legend
        owner = r.controller(view, c, s)
        need = r.resilience(c, s)
        values = " · ".join(f"{lg.power_names[p]} {r.influence(view, c, s, p)}"
                            for p in range(lg.P))
        return [TipLine(f"{lg.country_names[c]} · {lg.sphere_ids[s]}", "title"),
                TipLine(f"Influence: {values}"),
                TipLine(f"Controlled by {lg.power_names[owner]}" if owner >= 0
                        else "Nobody controls this sphere", "good" if owner >= 0 else "body"),
                TipLine(f"Resilience {need}: control needs at least {need} influence and a "
                        f"lead of {need} over every rival.", "dim")]

    def _attitude_tip(self, view: GameState, kind: str, c: int, p: int) -> list[TipLine]:
        r, lg = self.reader, self.legend
        value = (r.opinion if kind == "opinion" else r.stance)(view, c, p)
        what = "Public opinion of" if kind == "opinion" else "Official stance towards"
        return [TipLine(f"{lg.country_names[c]}: {what} {lg.power_names[p]}", "title"),
                TipLine(f"{value:+d} on a scale of −{r.opinion_range} to +{r.opinion_range}."),
                TipLine("The public and the government can disagree: governments welcome "
                        "China's money while their publics distrust it.", "dim")]

    def _org_tip(self, view: GameState, o: int, c: int) -> list[TipLine]:
        org = self.reader.rules.organisations.organisations[o]
        member = self.reader.member(view, o, c)
        return [TipLine(f"{org.name} ({org.short})", "title"),
                TipLine(f"{self.legend.country_names[c]} is "
                        f"{'a member' if member else 'not a member'}",
                        "good" if member else "body"),
                TipLine(org.description, "dim")]

    def _country_tip(self, view: GameState, c: int) -> list[TipLine]:
        r, lg = self.reader, self.legend
        country = r.rules.countries.countries[c]
        dom = r.dominator(view, c)
        lines = [TipLine(f"{country.name} · capital {country.capital}", "title"),
                 TipLine(country.description),
                 TipLine(f"Agency {view.agency[c]}: how assertive its government is.", "dim")]
        if dom >= 0:
            lines.append(TipLine(f"Dominated by {lg.power_names[dom]} (controls at least "
                                 f"{r.dominance} of {lg.S} spheres)", "warn"))
        f = lg.country_faction[c]
        if f >= 0 and f in view.seats:
            lines.append(TipLine(f"Played by {self.session.label(lg.faction_ids[f])}", "good"))
        return lines

    def _track_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        track = self.reader.rules.game.tracks[place.i]
        lines = [TipLine(f"{track.name}: {view.tracks[place.i]} of {track.max}", "title"),
                 TipLine(track.description)]
        if track.danger is not None:
            lines.append(TipLine(f"Danger zone from {track.danger}: at {track.max} the game "
                                 "ends at once.", "bad"))
        if track.source:
            lines.append(TipLine(f"“{track.source.quote}”", "quote"))
        return lines

    def _seat_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        faction = self.reader.rules.game.factions[place.i]
        lines = [TipLine(self.session.label(faction.id), "title"), TipLine(faction.description),
                 TipLine(f"{view.vp[place.i]} VP · {view.ip[place.i]} IP · "
                         f"{len(view.hands[place.i])} cards in hand", "good"),
                 TipLine("Objectives", "head")]
        lines += [TipLine(f"• {o}") for o in faction.objectives]
        return lines

    def _news_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        event = self.reader.rules.events.events[view.event]
        return [TipLine(f"News: {event.name}", "title"),
                *([TipLine(WHAT_IF_NOTE, "warn")] if event.what_if else []),
                TipLine(event.text), TipLine(f"“{event.source.quote}”", "quote"),
                TipLine(self.section(event.source.section), "dim")]

    def _choice_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        choice = self.choices()[place.i]
        lines = [TipLine(f"{choice.name} · {choice.cost} IP", "title"), TipLine(choice.text)]
        if not choice.enabled:
            lines.append(TipLine(f"Not now: {self.why_choice(choice)}", "bad"))
        if choice.quote:
            lines.append(TipLine(f"“{choice.quote}”", "quote"))
            lines.append(TipLine(self.section(choice.section), "dim"))
        return lines

    def _card_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        card_id = self.reader.card_id(place.p)
        card = next(c for c in self.reader.rules.all_cards() if c.id == card_id)
        return [TipLine(f"{card.name} · {card.cost} IP · "
                        f"{SPHERE_SHORT.get(card.sphere, card.sphere)}", "title"),
                TipLine(card.text), TipLine(f"“{card.source.quote}”", "quote"),
                TipLine(self.section(card.source.section), "dim")]

    def _pick_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        return [TipLine(self.legend.power_names[place.p], "title")]

    def _round_tip(self, view: GameState, place: PlaceLike) -> list[TipLine]:
        return [TipLine(f"Round {view.round} of {view.rounds}", "title"),
                TipLine("Each round: news, income, cards, four action rounds in initiative "
                        "order (fewest VP first), reactions and scoring.", "dim")]

    def section(self, section_id: str) -> str:
        """Where in the paper a quote comes from."""
        for section in self.reader.rules.sources.sections:
            if section.id == section_id:
                return f"— the paper, section “{section.title}”"
        return "— the paper"

